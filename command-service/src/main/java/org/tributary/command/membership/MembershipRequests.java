package org.tributary.command.membership;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** Bodies of the member and API key endpoints, in the API's snake_case. */
final class MembershipRequests {

    private MembershipRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberBody(String role, Long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberSet(long projectId, long userId, String login, String role, long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberRemoved(long projectId, long userId, String login, long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyBody(String name, String role, Instant expiresAt) {
    }

    /** The key's secret, shown this once. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyCreated(long id, long projectId, String name, String role, Instant expiresAt, String key) {
        @Override
        public String toString() {
            return "KeyCreated[" + id + ", " + name + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyRevoked(long id, long projectId) {
    }
}
