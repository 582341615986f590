package org.tributary.domain.shared;

/**
 * Hands out the integer ids of what users name (the job library parses job and package ids as integers). A command
 * handler takes one only after it has accepted its command, so that a refused command uses none up; a command that
 * names its id (a test, a replayed report) takes none.
 */
@FunctionalInterface
public interface Ids {

    enum Kind {
        /** Projects, packages, jobs and executors: unique across aggregate types, as the event store needs. */
        AGGREGATE,
        NODE,
        LINK,
        DATA_LAYER
    }

    long next(Kind kind);

    /** The id a command names, else a new one. */
    default long orNext(Long given, Kind kind) {
        return given != null ? given : next(kind);
    }
}
