package dev.ticketspace.integrations;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ticketspace ids for a vendor's objects, namespaced by the vendor ({@code zendesk:123}), and the
 * customer a vendor's user is: the workspace's own customer id when its configuration maps the user,
 * else the namespaced user id. A vendor id is refused unless it is short, plain text, so that every id
 * built from it is a valid Ticketspace id.
 */
public final class VendorIds {
    private static final Pattern VENDOR_ID = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    private final String prefix;
    private final Map<String, String> customers;

    public VendorIds(String vendor, Map<String, String> customers) {
        this.prefix = vendor + ":";
        this.customers = customers == null ? Map.of() : Map.copyOf(customers);
    }

    /** The namespaced id of a vendor object, e.g. {@code zendesk:123}. */
    public String of(String vendorId) {
        return prefix + vendorId;
    }

    /** A namespaced id with a suffix, for the events one vendor object or delivery stands for. */
    public String of(String vendorId, String suffix) {
        return prefix + vendorId + ":" + suffix;
    }

    public String customer(String vendorUserId) {
        return customers.getOrDefault(vendorUserId, prefix + vendorUserId);
    }

    public static boolean isValid(String vendorId) {
        return vendorId != null && VENDOR_ID.matcher(vendorId).matches();
    }
}
