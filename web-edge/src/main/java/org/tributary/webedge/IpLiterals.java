package org.tributary.webedge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP addresses written out as literals ({@code 10.0.0.7}, {@code fd00::1}, {@code [::1]}), as they come in a
 * connection's peer or a forwarding header. Only literals are read, never names: a value from the wire never causes
 * a DNS lookup.
 */
public final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits, colons and (for an embedded IPv4 address) dots, starting as only a literal starts. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private IpLiterals() {
    }

    /**
     * The address's bytes: 4 for IPv4 (an IPv4-mapped IPv6 address too), 16 for IPv6; null when the text is not a
     * literal address (a name, a zone id, a part out of range).
     */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (IPV4.matcher(value).matches()) {
            String[] parts = value.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (value.indexOf(':') < 0 || !IPV6.matcher(value).matches()) {
            return null;
        }
        try {
            // holds a colon and starts with a hex digit or a colon: the JDK parses it as a literal, and looks
            // nothing up
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
