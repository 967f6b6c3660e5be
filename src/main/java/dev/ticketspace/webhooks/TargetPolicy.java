package dev.ticketspace.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Where deliveries may go: public addresses, and the host names, addresses and CIDR ranges the operator
 * allows ({@code webhooks.allowedTargets}); never a port of this service on this machine. Checked when an
 * endpoint is saved and again, on the addresses its host resolves to then, before each attempt, so that
 * a name that later resolves to a private address (DNS rebinding) is refused.
 */
public final class TargetPolicy {
    private final Set<String> allowedHosts;
    private final List<Range> allowedRanges;
    private final Set<Integer> ownPorts = new CopyOnWriteArraySet<>();

    public TargetPolicy(List<String> allowedTargets) {
        List<Range> ranges = new ArrayList<>();
        Set<String> hosts = new java.util.HashSet<>();
        for (String target : allowedTargets) {
            Range range = Range.parse(target);
            if (range != null) {
                ranges.add(range);
            } else {
                hosts.add(target.toLowerCase(Locale.ROOT));
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedRanges = List.copyOf(ranges);
    }

    /** A port this service listens on, which no delivery may reach on this machine. */
    public void ownPort(int port) {
        ownPorts.add(port);
    }

    /** Why a delivery to this URL is refused now, or null when it may go. */
    public String refusal(URI url) {
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "the host " + host + " is not known";
        }
        boolean hostAllowed = allowedHosts.contains(bare(host).toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            if (ownPorts.contains(port) && isThisMachine(address)) {
                return "the target is this service itself";
            }
            if (!hostAllowed && !isPublic(address) && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
                return "the target address " + address.getHostAddress() + " is not public and not in webhooks.allowedTargets";
            }
        }
        return null;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Not loopback, private, link-local, shared (CGNAT), multicast, documentation or otherwise reserved. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        return NON_PUBLIC.stream().noneMatch(range -> range.contains(address));
    }

    // IPv4-mapped IPv6 addresses come out of InetAddress as IPv4 addresses, and are checked as such.
    private static final List<Range> NON_PUBLIC = List.of(
            Range.parse("0.0.0.0/8"), Range.parse("100.64.0.0/10"), Range.parse("192.0.0.0/24"),
            Range.parse("192.0.2.0/24"), Range.parse("198.18.0.0/15"), Range.parse("198.51.100.0/24"),
            Range.parse("203.0.113.0/24"), Range.parse("240.0.0.0/4"), Range.parse("fc00::/7"),
            Range.parse("64:ff9b::/96"), Range.parse("2001:db8::/32"));

    /** An address or a CIDR range of addresses. */
    record Range(byte[] network, int prefix) {
        /** The range, or null when the text is not an address or CIDR range (then it is a host name). */
        static Range parse(String text) {
            String[] parts = text.trim().split("/", 2);
            String literal = parts[0].startsWith("[") ? parts[0].substring(1, parts[0].length() - 1) : parts[0];
            if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
                return null;
            }
            try {
                // A literal only: getByName does not resolve it.
                byte[] network = InetAddress.getByName(literal).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                return new Range(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("webhooks.allowedTargets: not an address or CIDR range: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (address instanceof Inet6Address && network.length == 4 || address instanceof Inet4Address && network.length == 16) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
