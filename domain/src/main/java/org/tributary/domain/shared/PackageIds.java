package org.tributary.domain.shared;

/**
 * Hands out package ids. A command handler takes them only after it has accepted the command, so that a refused
 * command uses none up (ids are integers from a sequence, and the job library parses them).
 */
public interface PackageIds {

    long next();
}
