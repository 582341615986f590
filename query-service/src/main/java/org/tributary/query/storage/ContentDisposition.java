package org.tributary.query.storage;

import java.nio.charset.StandardCharsets;

/**
 * A {@code Content-Disposition: attachment} value for a file name that came from a user (RFC 6266): an ASCII
 * {@code filename} with anything unsafe replaced, and the exact name, percent-encoded as UTF-8, in {@code filename*}.
 * Nothing in the name can end the header's value or add a parameter.
 */
public final class ContentDisposition {

    private static final String ATTR_CHAR = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        for (byte b : base.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || ATTR_CHAR.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
