package org.tributary.access;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The header names and values Spring Security's {@link StrictHttpFirewall} lets through, checked by a loop over the
 * text instead of its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names, the same with a
 * tab allowed for values): the same rule, at a fraction of the cost. The firewall checks a header each time
 * anything reads it, and a request's bearer token, several hundred characters long, is read three or four times;
 * the regular expression's matching was 7 % of the request threads' CPU in a package upload (bench/hot-path/README.md).
 */
final class HeaderRules {

    private HeaderRules() {
    }

    /** Spring Security's strict firewall, with these rules for header names and values. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderRules::allowedName);
        firewall.setAllowedHeaderValues(HeaderRules::allowedValue);
        return firewall;
    }

    /** Every code point assigned in Unicode, and none a control character. */
    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** Every code point assigned in Unicode, and none a control character but the tab. */
    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                // printable ASCII, nearly every header: assigned and not a control character
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
