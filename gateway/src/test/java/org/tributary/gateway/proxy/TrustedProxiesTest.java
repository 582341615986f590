package org.tributary.gateway.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(proxies.client("203.0.113.9", List.of("10.0.0.1"))).isEqualTo("203.0.113.9");
        assertThat(TrustedProxies.none().client("10.0.0.1", List.of("203.0.113.9"))).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrustedPeerWithoutForwardedForIsTheClient() {
        assertThat(proxies.client("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void theHopsAreReadFromTheRightPastTrustedProxies() {
        assertThat(proxies.client("10.0.0.1", List.of("198.51.100.1, 203.0.113.9", "192.168.1.5")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void whenEveryHopIsTrustedTheFirstIsTheClient() {
        assertThat(proxies.client("10.0.0.1", List.of("10.9.9.9, 192.168.1.5"))).isEqualTo("10.9.9.9");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheLastVouchedFor() {
        assertThat(proxies.client("10.0.0.1", List.of("203.0.113.9, unknown, 10.2.2.2"))).isEqualTo("10.2.2.2");
        assertThat(proxies.client("10.0.0.1", List.of("evil.example"))).isEqualTo("10.0.0.1");
    }

    @Test
    void rangesMatchByTheirPrefixOnly() {
        assertThat(proxies.trusts("10.255.255.255")).isTrue();
        assertThat(proxies.trusts("11.0.0.0")).isFalse();
        assertThat(proxies.trusts("192.168.1.5")).isTrue();
        assertThat(proxies.trusts("192.168.1.6")).isFalse();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(TrustedProxies.of(List.of("172.16.0.0/12")).trusts("172.31.255.1")).isTrue();
        assertThat(TrustedProxies.of(List.of("172.16.0.0/12")).trusts("172.32.0.1")).isFalse();
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertThat(proxies.trusts("::ffff:10.1.1.1")).isTrue();
        assertThat(proxies.trusts("[fd00::1]")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "256.1.1.1", "fd00::1%eth0"})
    void aPeerThatIsNoLiteralAddressIsNeverTrusted(String text) {
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0", "::/0")).trusts(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.local", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "10.0.0.0/"})
    void aSettingThatIsNoAddressOrRangeIsRefusedAtStart(String spec) {
        assertThatThrownBy(() -> TrustedProxies.of(List.of(spec))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(spec);
    }

    @Test
    void blankSettingsAreNone() {
        assertThat(TrustedProxies.of(List.of("", " ")).trusts("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.of(null).trusts("127.0.0.1")).isFalse();
    }
}
