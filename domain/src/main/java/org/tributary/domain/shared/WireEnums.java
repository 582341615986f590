package org.tributary.domain.shared;

import java.util.Locale;

/** Lower-case wire names for enums that the API shows in the user's words. */
public final class WireEnums {
    private WireEnums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidInput(field, field + " must be one of " + allowed);
    }
}
