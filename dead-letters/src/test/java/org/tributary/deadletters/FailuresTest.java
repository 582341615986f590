package org.tributary.deadletters;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "40001", "40P01", "53300", "57P01", "58030"})
    void aConditionThatPassesIsTransient(String state) {
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("x", state)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22021", "22P05", "23505", "42P01", "22001"})
    void dataTheDatabaseRefusesIsNot(String state) {
        assertThat(Failures.isTransient(new DataIntegrityViolationException("x", new SQLException("x", state))))
                .isFalse();
    }

    @Test
    void springsTransientAndConnectionFailuresAreTransient() {
        assertThat(Failures.isTransient(new QueryTimeoutException("slow"))).isTrue();
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("down"))).isTrue();
        assertThat(Failures.isTransient(new SQLTransientConnectionException("down"))).isTrue();
    }

    @Test
    void anAggregateChangedOrLockedMeanwhileIsTransient() {
        assertThat(Failures.isTransient(new ConcurrencyException("changed meanwhile"))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new LockAcquisitionFailedException("locked"))))
                .isTrue();
    }

    @Test
    void aBugIsNot() {
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException(new SQLException("no state")))).isFalse();
    }
}
