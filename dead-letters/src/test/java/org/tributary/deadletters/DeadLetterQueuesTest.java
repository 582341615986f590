package org.tributary.deadletters;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.tributary.domain.shared.NotFound;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterQueuesTest {

    @Test
    void aFailureThatRecursIsSetAsideWithTheDomainsRefusalAsItsCause() {
        RuntimeException wrapped = new IllegalStateException("Error handling event of type JobProduced",
                new RuntimeException(new NotFound("job_id", "there is no job 7")));

        EnqueueDecision<EventMessage<?>> decision = DeadLetterQueues.decide(wrapped);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> {
            assertThat(((ThrowableCause) cause).type()).isEqualTo(NotFound.class.getName());
            assertThat(cause.getMessage()).isEqualTo("there is no job 7");
        });
    }

    @Test
    void withoutARefusalTheInnermostCauseIsKept() {
        RuntimeException wrapped = new DataIntegrityViolationException("could not insert",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

        assertThat(DeadLetterQueues.decide(wrapped).enqueueCause())
                .hasValueSatisfying(cause -> assertThat(cause.getMessage()).contains("0x00"));
    }

    @Test
    void aFailureThatMayPassIsThrownOnSoTheBatchIsRetried() {
        CannotGetJdbcConnectionException down = new CannotGetJdbcConnectionException("down");

        assertThatThrownBy(() -> DeadLetterQueues.decide(down)).isSameAs(down);
    }
}
