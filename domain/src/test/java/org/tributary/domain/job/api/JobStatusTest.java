package org.tributary.domain.job.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.domain.shared.InvalidInput;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.job.api.JobStatus.CALCULATED;
import static org.tributary.domain.job.api.JobStatus.CREATED;
import static org.tributary.domain.job.api.JobStatus.CANCELLED;
import static org.tributary.domain.job.api.JobStatus.DEAD;
import static org.tributary.domain.job.api.JobStatus.DISPATCHED;
import static org.tributary.domain.job.api.JobStatus.DOWNLOADED;
import static org.tributary.domain.job.api.JobStatus.ERROR;
import static org.tributary.domain.job.api.JobStatus.PROCESSED;
import static org.tributary.domain.job.api.JobStatus.PRODUCED;
import static org.tributary.domain.job.api.JobStatus.QUEUED;
import static org.tributary.domain.job.api.JobStatus.STARTED;
import static org.tributary.domain.job.api.JobStatus.UPLOADED;

class JobStatusTest {

    @Test
    void transitionsAreExactlyThese() {
        assertThat(CREATED.next()).containsExactlyInAnyOrder(DISPATCHED, ERROR, CANCELLED);
        assertThat(DISPATCHED.next()).containsExactlyInAnyOrder(QUEUED, STARTED, DOWNLOADED, CALCULATED, ERROR, DEAD,
                CANCELLED);
        assertThat(QUEUED.next()).containsExactlyInAnyOrder(STARTED, DOWNLOADED, CALCULATED, ERROR, DEAD, CANCELLED);
        assertThat(STARTED.next()).containsExactlyInAnyOrder(DOWNLOADED, CALCULATED, ERROR, DEAD, CANCELLED);
        assertThat(DOWNLOADED.next()).containsExactlyInAnyOrder(CALCULATED, ERROR, DEAD, CANCELLED);
        assertThat(CALCULATED.next()).containsExactlyInAnyOrder(UPLOADED, ERROR);
        assertThat(UPLOADED.next()).containsExactlyInAnyOrder(PRODUCED, ERROR);
        assertThat(PRODUCED.next()).containsExactlyInAnyOrder(PROCESSED, ERROR);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"PROCESSED", "ERROR", "DEAD", "CANCELLED"})
    void terminalStatusesGoNowhere(JobStatus status) {
        assertThat(status.isTerminal()).isTrue();
        assertThat(status.next()).isEmpty();
        for (JobStatus target : JobStatus.values()) {
            assertThat(status.canMoveTo(target)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"PROCESSED", "ERROR", "DEAD", "CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyLiveStatusCanFail(JobStatus status) {
        assertThat(status.isTerminal()).isFalse();
        assertThat(status.canMoveTo(ERROR)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void progressNeverGoesBackNorStaysPut(JobStatus status) {
        for (JobStatus target : status.next()) {
            if (target != ERROR && target != DEAD && target != CANCELLED) {
                assertThat(target.ordinal()).as("%s -> %s", status, target).isGreaterThan(status.ordinal());
            }
        }
        assertThat(status.canMoveTo(status)).isFalse();
    }

    @Test
    void theHappyPathLeadsFromCreatedToProcessed() {
        JobStatus[] path = {CREATED, DISPATCHED, QUEUED, STARTED, DOWNLOADED, CALCULATED, UPLOADED, PRODUCED,
                PROCESSED};
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i - 1].canMoveTo(path[i])).as("%s -> %s", path[i - 1], path[i]).isTrue();
        }
    }

    @Test
    void nextCannotBeAlteredByItsCaller() {
        Set<JobStatus> next = CREATED.next();
        next.add(PROCESSED);

        assertThat(CREATED.canMoveTo(PROCESSED)).isFalse();
        assertThat(EnumSet.copyOf(CREATED.next())).isEqualTo(EnumSet.of(DISPATCHED, ERROR, CANCELLED));
    }

    @Test
    void wireNamesAreCapitalisedAndParsedInAnyCase() {
        assertThat(QUEUED.wireName()).isEqualTo("Queued");
        assertThat(JobStatus.of("downloaded")).isEqualTo(DOWNLOADED);
        assertThat(JobStatus.of("ERROR")).isEqualTo(ERROR);
        assertThatThrownBy(() -> JobStatus.of("Running"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> JobStatus.of(null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("status"));
    }
}
