package org.tributary.webedge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralsTest {

    @Test
    void anIpv4AddressIsItsFourBytes() {
        assertThat(IpLiterals.parse(" 10.0.0.255 ")).containsExactly(10, 0, 0, (byte) 255);
    }

    @Test
    void anIpv6AddressIsItsSixteenBytesWithOrWithoutBrackets() {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertThat(IpLiterals.parse("::1")).isEqualTo(loopback);
        assertThat(IpLiterals.parse("[0:0:0:0:0:0:0:1]")).isEqualTo(loopback);
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertThat(IpLiterals.parse("::ffff:10.1.1.1")).containsExactly(10, 1, 1, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "256.1.1.1", "1.2.3", "1.2.3.4.5", ".:1", "fd00::1%eth0",
            "", "abc", "g::1"})
    void onlyLiteralAddressesAreRead(String text) {
        assertThat(IpLiterals.parse(text)).isNull();
    }

    @Test
    void nothingIsNoAddress() {
        assertThat(IpLiterals.parse(null)).isNull();
    }
}
