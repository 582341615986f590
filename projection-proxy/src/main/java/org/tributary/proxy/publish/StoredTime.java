package org.tributary.proxy.publish;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An event's stored timestamp read fast. Axon stores every event's time as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC,
 * three fraction digits); that form is read field by field, and anything else by {@link Instant#parse}. The header
 * text is what {@link Instant#toString} makes of it, as before: the stored text itself but for a whole second.
 * ({@code DateTimeFormatter} took a sixth of the proxy thread's time in a profile, bench/proxy/README.md.)
 *
 * @param instant the moment
 * @param text    the moment as {@link Instant#toString} writes it
 */
record StoredTime(Instant instant, String text) {

    static StoredTime parse(String stored) {
        if (isAxonForm(stored)) {
            long day = LocalDate.of(digits(stored, 0, 4), digits(stored, 5, 7), digits(stored, 8, 10)).toEpochDay();
            int hour = digits(stored, 11, 13);
            int minute = digits(stored, 14, 16);
            int second = digits(stored, 17, 19);
            int millis = digits(stored, 20, 23);
            if (hour < 24 && minute < 60 && second < 60) {
                Instant instant = Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second,
                        millis * 1_000_000L);
                return new StoredTime(instant, millis == 0 ? stored.substring(0, 19) + "Z" : stored);
            }
        }
        Instant instant = Instant.parse(stored);
        return new StoredTime(instant, instant.toString());
    }

    private static boolean isAxonForm(String s) {
        if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return false;
        }
        for (int i = 0; i < 23; i++) {
            if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19 && !Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }
}
