package org.tributary.query.shared;

/** What PostgreSQL refuses to store, found before it is sent. Pure. */
final class Storable {

    private Storable() {
    }

    /**
     * False for text PostgreSQL cannot store in a text or jsonb column: a NUL character, or JSON's escape for one
     * (a backslash and {@code u0000}, the backslash one of an odd number in a row; an even number is escaped
     * backslashes followed by the text {@code u0000}).
     */
    static boolean text(String text) {
        if (text.indexOf('\u0000') >= 0) {
            return false;
        }
        for (int at = text.indexOf("u0000"); at >= 0; at = text.indexOf("u0000", at + 1)) {
            int backslashes = 0;
            for (int i = at - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return false;
            }
        }
        return true;
    }
}
