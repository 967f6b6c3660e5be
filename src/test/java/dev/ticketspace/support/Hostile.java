package dev.ticketspace.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hostile input for fuzz tests: ids that are not ids, JSON values of the wrong type, numbers no field
 * takes, byte sequences that are not UTF-8. Every value here is invalid wherever it is named invalid for;
 * the generators check that before answering.
 */
public final class Hostile {
    private static final String ID_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";

    /** Characters an id may not hold: separators, quotes, escapes, controls, look-alikes, invisible ones. */
    private static final List<String> FOREIGN_CHARACTERS = List.of(
            " ", "/", "\\", "'", "\"", ";", "%", "\u0000", "\n", "\r", "\t", "<", ">", "&", "?", "#", "+", ",",
            "=", "@", "!", "*", "(", ")", "{", "}", "[", "]", "|", "~", "`", "^", "$", "é", "\u00a0", "\u200b",
            "\ufeff", "\u202e", "\u0301", "🎫", "\uff21", "\u0430", "\u2024", "\u2215", "\u00b7", "\u0660");

    /** Ids an attacker or a broken client would try. */
    public static final List<String> IDS = List.of(
            "", " ", "../x", "..\\x", "x/../../etc/passwd", "/", "a/b", "%2e%2e%2fx", "%00", "a%00b", "\u0000",
            "a\u0000b", "'; DROP TABLE tickets;--", "\" OR \"1\"=\"1", "1' OR '1'='1", "x' UNION SELECT * FROM customers --",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "a b", " a", "a ", "a\n", "a\r\nX-Injected: 1",
            "a\tb", "tické", "🎫", "t🎫", "\uff34\uff11", "\u0442-1", "\u202eevil", "\ufeffa", "a\u200b",
            "x".repeat(129), "x".repeat(1000), "%", "a?b", "a#b", "a;b", "*", "a,b", "a=b", "a@b", "\\u0041");

    private Hostile() {
    }

    /** A random string that is not an id: too long, or holding a character ids may not hold, or empty. */
    public static String invalidId(Fuzz fuzz) {
        while (true) {
            String id = switch (fuzz.nextInt(5)) {
                case 0 -> validId(fuzz, fuzz.between(129, 300));
                case 1, 2 -> {
                    StringBuilder mixed = new StringBuilder(validId(fuzz, fuzz.between(0, 40)));
                    for (int i = fuzz.between(1, 3); i > 0; i--) {
                        mixed.insert(fuzz.nextInt(mixed.length() + 1), fuzz.pick(FOREIGN_CHARACTERS));
                    }
                    yield mixed.toString();
                }
                case 3 -> anyText(fuzz, fuzz.between(1, 20));
                default -> fuzz.pick(IDS);
            };
            if (!isId(id)) {
                return id;
            }
        }
    }

    /**
     * Whether the text is an id by the API's contract, written here rather than taken from the code under
     * test: 1 to 128 characters, each a letter or digit of ASCII, {@code .}, {@code _}, {@code :} or {@code -}.
     */
    public static boolean isId(String text) {
        return text.length() >= 1 && text.length() <= 128
                && text.chars().allMatch(c -> c < 128 && ID_CHARACTERS.indexOf(c) >= 0);
    }

    /** A valid id of the given length (1 to 128 gives a valid one; 0 an empty string). */
    public static String validId(Fuzz fuzz, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(fuzz.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    /** Random well-formed text: any assigned code points, from controls to emoji; never an unpaired surrogate. */
    public static String anyText(Fuzz fuzz, int length) {
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < length) {
            int codePoint = switch (fuzz.nextInt(4)) {
                case 0 -> fuzz.nextInt(0x80);
                case 1 -> fuzz.nextInt(0x800);
                case 2 -> fuzz.nextInt(0x10000);
                default -> 0x10000 + fuzz.nextInt(0x100000);
            };
            if (Character.isDefined(codePoint) && Character.getType(codePoint) != Character.SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** A path segment percent-encoded byte by byte (only unreserved characters left as they are). */
    public static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** JSON numbers no field takes, as JSON text: huge, tiny, negative zero, past every integer type. */
    public static final List<String> ODD_NUMBERS = List.of(
            "1e400", "-1e400", "1e-400", "-0", "-0.0", "18446744073709551616", "-9223372036854775809",
            "123456789012345678901234567890", "0.1", "1.0", "7", "0", "-1", "9.999999999999999e999");

    /** Text that is not JSON where a value belongs: no valid body holds it. */
    public static final List<String> NOT_JSON_VALUES = List.of(
            "NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1e", "--1", "undefined",
            "'single'", "True", "NULL", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "1" + "0".repeat(2000));

    /** JSON values that are not strings. */
    public static List<String> notAString() {
        List<String> values = new ArrayList<>(ODD_NUMBERS);
        values.addAll(List.of("true", "false", "[]", "[\"x\"]", "{}", "{\"value\":\"x\"}", nested(50)));
        return values;
    }

    /** JSON values that are not booleans. */
    public static List<String> notABoolean() {
        List<String> values = new ArrayList<>(ODD_NUMBERS);
        values.addAll(List.of("\"true\"", "\"false\"", "\"yes\"", "\"\"", "\"NaN\"", "\"Infinity\"", "[]", "[true]",
                "{}", nested(50)));
        return values;
    }

    /** JSON values that are not objects. */
    public static List<String> notAnObject() {
        return List.of("1e400", "7", "-0", "true", "\"\"", "\"x\"", "\"{}\"", "[]", "[{}]", nested(50));
    }

    /** Arrays nested {@code depth} deep, as JSON text. */
    public static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** Objects nested {@code depth} deep, as JSON text. */
    public static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /**
     * Byte sequences that are not UTF-8 (RFC 3629): bytes that never occur, a continuation byte alone,
     * sequences cut short, overlong encodings (of '/', of NUL, of '"'), encoded surrogates, code points past U+10FFFF.
     */
    public static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xff), bytes(0xfe), bytes(0xc0), bytes(0xc1), bytes(0xf5), bytes(0xf8), bytes(0xfc), bytes(0x80), bytes(0xbf),
            bytes(0xc3), bytes(0xe2, 0x82), bytes(0xf0, 0x9f, 0x8e),
            bytes(0xc0, 0xaf), bytes(0xc0, 0x80), bytes(0xc0, 0xa2), bytes(0xc1, 0xbf), bytes(0xe0, 0x80, 0xaf),
            bytes(0xe0, 0x9f, 0xbf), bytes(0xf0, 0x80, 0x80, 0xaf), bytes(0xf0, 0x8f, 0xbf, 0xbf),
            bytes(0xed, 0xa0, 0x80), bytes(0xed, 0xbf, 0xbf), bytes(0xed, 0xa0, 0xbd, 0xed, 0xb2, 0xa9),
            bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf7, 0xbf, 0xbf, 0xbf), bytes(0xf8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xfc, 0x84, 0x80, 0x80, 0x80, 0x80), bytes(0xe2, 0x28, 0xa1), bytes(0xc3, 0x28),
            bytes(0xf0, 0x28, 0x8c, 0xbc));

    /** Byte order marks: UTF-8's, UTF-16's both ways, UTF-32's. */
    public static final List<byte[]> BOMS = List.of(
            bytes(0xef, 0xbb, 0xbf), bytes(0xfe, 0xff), bytes(0xff, 0xfe), bytes(0x00, 0x00, 0xfe, 0xff));

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** The parts one after the other: byte arrays as they are, anything else as its UTF-8 text. */
    public static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** For failure messages: the text with controls and lone surrogates as escapes, cut short. */
    public static String shown(String text) {
        String shown = text.codePoints().mapToObj(c -> c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff)
                ? String.format("\\u%04X", c) : new String(Character.toChars(c))).collect(Collectors.joining());
        return shown.length() <= 80 ? "'" + shown + "'" : "'" + shown.substring(0, 80) + "...' (" + text.length() + " chars)";
    }

    public static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X ", b & 0xff));
        }
        return hex.toString().trim();
    }
}
