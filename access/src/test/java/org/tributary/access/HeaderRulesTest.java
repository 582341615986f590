package org.tributary.access;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The loops decide as Spring Security's own regular expressions do, code point by code point. */
class HeaderRulesTest {

    // StrictHttpFirewall's (spring-security-web 6.5)
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheRegularExpressionJudgesIt() {
        List<String> differ = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            if (HeaderRules.allowedName(text) != NAME.matcher(text).matches()
                    || HeaderRules.allowedValue(text) != VALUE.matcher(text).matches()) {
                differ.add(Integer.toHexString(codePoint));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void aTabIsAllowedInAValueAndNotInAName() {
        assertThat(HeaderRules.allowedValue("Bearer\tabc")).isTrue();
        assertThat(HeaderRules.allowedName("X-\tName")).isFalse();
    }

    @Test
    void aLineBreakOrNulIsRefusedAnywhereInAValue() {
        assertThat(HeaderRules.allowedValue("Bearer abc\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderRules.allowedValue("abc\0")).isFalse();
        assertThat(HeaderRules.allowedValue("\u0085abc")).isFalse();
    }

    @Test
    void anUnassignedCodePointAfterPrintableTextIsRefused() {
        assertThat(HeaderRules.allowedValue("x".repeat(600) + "\u0378")).isFalse();
        assertThat(HeaderRules.allowedValue("x".repeat(600) + Character.toString(0xE0080))).isFalse();
    }

    @Test
    void surrogatePairsAndLoneSurrogatesAreJudgedAsTheRegularExpressionJudgesThem() {
        for (String text : List.of("\uD83D\uDE00", "\uD83D", "\uDE00", "a\uD83Db", "\uDE00\uD83D", "")) {
            assertThat(HeaderRules.allowedValue(text)).as(text).isEqualTo(VALUE.matcher(text).matches());
            assertThat(HeaderRules.allowedName(text)).as(text).isEqualTo(NAME.matcher(text).matches());
        }
    }

    @Test
    void theFirewallRefusesAHeaderValueWithALineBreak() {
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/projects");
        request.addHeader("Authorization", "Bearer abc\ndef");
        var firewalled = HeaderRules.firewall().getFirewalledRequest(request);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> firewalled.getHeader("Authorization"))
                .isInstanceOf(org.springframework.security.web.firewall.RequestRejectedException.class);
    }
}
