package org.tributary.command.upkeep;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tributary.command.storage.ObjectStore;
import org.tributary.storage.Admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Frees stored objects nothing names any more ({@link ObjectRefs}): files of deleted packages, jobs, node files,
 * layers and projects, and uploads never named by a package. Only objects older than the safe period
 * ({@code tributary.storage.keep-for}, a day by default) go, so an upload on its way to its package, or an event
 * routing has not seen yet, is never freed under it. Buckets of projects this platform never had are left alone.
 */
@Component
public class StorageUpkeep {

    private static final Logger log = LoggerFactory.getLogger(StorageUpkeep.class);

    private final ObjectStore objects;
    private final ObjectRefs refs;
    private final Duration keepFor;
    private final Clock clock = Clock.systemUTC();
    private volatile Report last;

    StorageUpkeep(ObjectStore objects, ObjectRefs refs,
                  @Value("${tributary.storage.keep-for:PT24H}") Duration keepFor) {
        this.objects = objects;
        this.refs = refs;
        this.keepFor = keepFor;
    }

    /**
     * What one run freed.
     *
     * @param projects       buckets looked at
     * @param kept           objects still named, or younger than the safe period
     * @param freed          objects deleted
     * @param freedBytes     their size
     * @param removedBuckets buckets of deleted projects removed once empty
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(Instant startedAt, Instant finishedAt, Duration keptFor, int projects, long kept,
                         long freed, long freedBytes, int removedBuckets) {
    }

    @Scheduled(fixedDelayString = "${tributary.storage.upkeep-every:PT1H}",
            initialDelayString = "${tributary.storage.upkeep-every:PT1H}")
    void scheduled() {
        run(keepFor, null);
    }

    public Report last() {
        return last;
    }

    public Duration keepFor() {
        return keepFor;
    }

    /** One run now, over every project's bucket or one project's; objects younger than {@code safe} stay. */
    public synchronized Report run(Duration safe, Long onlyProject) {
        Instant started = clock.instant();
        Instant cutoff = started.minus(safe);
        int projects = 0;
        long kept = 0;
        long freed = 0;
        long bytes = 0;
        int buckets = 0;
        for (long project : objects.projectsWithBuckets()) {
            if (onlyProject != null && project != onlyProject) {
                continue;
            }
            ObjectRefs.Standing standing = refs.standing(project);
            if (standing == ObjectRefs.Standing.UNKNOWN) {
                continue;
            }
            projects++;
            List<ObjectStore.StoredObject> all = objects.objects(project);
            Set<String> named = standing == ObjectRefs.Standing.LIVE
                    ? refs.named(project, all.stream().map(ObjectStore.StoredObject::key).toList()) : Set.of();
            List<String> free = new ArrayList<>();
            for (ObjectStore.StoredObject object : all) {
                boolean unnamed = object.key().startsWith(Admission.INCOMING) || !named.contains(object.key());
                if (unnamed && object.lastModified().isBefore(cutoff)) {
                    free.add(object.key());
                    bytes += object.size();
                } else {
                    kept++;
                }
            }
            objects.remove(project, free);
            freed += free.size();
            if (standing == ObjectRefs.Standing.DELETED && free.size() == all.size()) {
                objects.removeBucket(project);
                buckets++;
            }
        }
        Report report = new Report(started, clock.instant(), safe, projects, kept, freed, bytes, buckets);
        last = report;
        log.info("storage upkeep: {} objects ({} bytes) freed, {} kept, in {} projects; {} buckets of deleted "
                + "projects removed", freed, bytes, kept, projects, buckets);
        return report;
    }
}
