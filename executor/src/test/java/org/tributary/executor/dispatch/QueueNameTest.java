package org.tributary.executor.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueNameTest {

    @Test
    void platformsWithTheirOwnExchangesNeverShareAnExecutorsQueue() {
        assertThat(DispatchListener.queueName("tributary.events", 1)).isEqualTo("tributary.executor.1");
        assertThat(DispatchListener.queueName("lab-a.events", 1)).isEqualTo("lab-a.events.executor.1");
        assertThat(DispatchListener.queueName("lab-a.events", 1))
                .isNotEqualTo(DispatchListener.queueName("lab-b.events", 1));
    }
}
