package org.tributary.query.history;

import org.junit.jupiter.api.Test;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.PackageOrigin;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryEntriesTest {

    @Test
    void aLinkIsSaidWithItsEnds() {
        assertThat(HistoryEntries.of(new LinkCreated(1, 5, 20, 21, LinkType.PULL, LabelFilter.ANY, Mapping.NONE)))
                .isEqualTo(new HistoryEntries.Entry("LinkCreated", "linked node 20 to node 21 (pull)", null, null));
    }

    @Test
    void aPackageSaysWhereItCameFrom() {
        assertThat(HistoryEntries.of(pkg(PackageOrigin.UPLOADED, null, null)).words())
                .isEqualTo("posted package 100 \"run-1\" at node 20");
        assertThat(HistoryEntries.of(pkg(PackageOrigin.PRODUCED, 7L, null)).words())
                .isEqualTo("job 7 produced package 100 \"run-1\" at node 20");
        assertThat(HistoryEntries.of(pkg(PackageOrigin.DELIVERED, 7L, 99L)).words())
                .isEqualTo("delivered package 100 \"run-1\" to node 20 (from package 99)");
        assertThat(HistoryEntries.of(pkg(PackageOrigin.DELIVERED, 7L, 99L)).nodeId()).isEqualTo(20);
    }

    @Test
    void aJobsEventsNameTheJobAndWhereItRuns() {
        JobSpec spec = new JobSpec(20, 1, List.of(), Map.of(), ContainerSpec.of("debian:12", "true"), List.of(),
                false);

        assertThat(HistoryEntries.of(new JobDispatched(7, 1, 3, spec)))
                .isEqualTo(new HistoryEntries.Entry("JobDispatched", "dispatched job 7 to executor 3", 20L, 7L));
        assertThat(HistoryEntries.of(new JobStatusReported(7, 1, JobStatus.STARTED)).words())
                .isEqualTo("job 7 is Started");
        assertThat(HistoryEntries.of(new JobCancelled(7, 1, 3, "idle for 60 minutes")).words())
                .isEqualTo("cancelled job 7: idle for 60 minutes");
    }

    @Test
    void anyOtherEventIsNamedInPlainWords() {
        assertThat(HistoryEntries.of(new JobUploaded(7, 1)))
                .isEqualTo(new HistoryEntries.Entry("JobUploaded", "job uploaded (job 7)", null, 7L));
        assertThat(HistoryEntries.of(new NodeMoved(1, 20, 3, 4)))
                .isEqualTo(new HistoryEntries.Entry("NodeMoved", "node moved (node 20)", 20L, null));
    }

    static PackageCreated pkg(PackageOrigin origin, Long job, Long source) {
        return new PackageCreated(100, 1, 20, 1, "run-1", Map.of(), List.of(), List.of(), origin, job, source);
    }
}
