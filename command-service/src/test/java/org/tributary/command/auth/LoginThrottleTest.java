package org.tributary.command.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Password guessing slows down per login and per address, and recovers as failures age. */
class LoginThrottleTest {

    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(5), clock);

    @Test
    void aLoginMayFailUpToItsLimitBeforeItWaits() {
        throttle.failed("ada", "10.0.0.1");
        throttle.failed("ada", "10.0.0.1");
        assertThat(throttle.waitFor("ada", "10.0.0.1")).isZero();
        throttle.failed("ada", "10.0.0.1");
        assertThat(throttle.waitFor("ada", "10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theWaitEndsWhenTheOldestFailureLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ada", "10.0.0.1");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(throttle.waitFor("ada", "10.0.0.1")).isEqualTo(Duration.ofMinutes(2));
        clock.now = clock.now.plusSeconds(120);
        assertThat(throttle.waitFor("ada", "10.0.0.1")).isZero();
    }

    @Test
    void aLoginIsOneWhateverItsCaseAndSpaces() {
        throttle.failed("Ada", "10.0.0.1");
        throttle.failed(" ada ", "10.0.0.2");
        throttle.failed("ADA", "10.0.0.3");
        assertThat(throttle.waitFor("ada", "10.0.0.4")).isPositive();
    }

    @Test
    void anotherLoginFromAnotherAddressIsNotSlowed() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ada", "10.0.0.1");
        }
        assertThat(throttle.waitFor("bob", "10.0.0.2")).isZero();
    }

    @Test
    void oneAddressGuessingManyLoginsWaitsAtItsOwnLimit() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.waitFor("someone", "10.0.0.9")).isZero();
        throttle.failed("user4", "10.0.0.9");
        assertThat(throttle.waitFor("someone", "10.0.0.9")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.waitFor("someone", "10.0.0.8")).isZero();
    }

    @Test
    void oneIpv6HostCountsByItsSlash64() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(throttle.waitFor("someone", "2001:db8:1:2:ffff::9")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.waitFor("someone", "2001:db8:1:3::1")).isZero();
    }

    @Test
    void aLoginLongerThanAnyAccountsIsKeptNoLongerThanThat() {
        assertThat(LoginThrottle.normal("x".repeat(4_000_000))).hasSize(LoginThrottle.MAX_LOGIN + 1);
        assertThat(LoginThrottle.normal(" Ada ")).isEqualTo("ada");
    }

    @Test
    void anAddressIsItsOwnNetworkUnlessItIsIpv6() {
        assertThat(LoginThrottle.network("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(LoginThrottle.network("0:0:0:0:0:0:0:1")).isEqualTo("0000000000000000::/64");
        assertThat(LoginThrottle.network("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void aSuccessClearsTheLoginsFailures() {
        throttle.failed("ada", "10.0.0.1");
        throttle.failed("ada", "10.0.0.1");
        throttle.succeeded("Ada");
        throttle.failed("ada", "10.0.0.1");
        assertThat(throttle.waitFor("ada", "10.0.0.2")).isZero();
    }
}
