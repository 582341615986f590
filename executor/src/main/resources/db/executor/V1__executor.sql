-- The id command-service gave this executor when it registered itself, by label, so a restart keeps it.
CREATE TABLE registration (
    label         text PRIMARY KEY,
    executor_id   bigint      NOT NULL,
    registered_at timestamptz NOT NULL
);

-- Message ids of the dispatches already taken, so that a redelivered message is dropped.
CREATE TABLE received_message (
    message_id  text PRIMARY KEY,
    received_at timestamptz NOT NULL
);

-- Every job dispatched to this executor and what became of it.
CREATE TABLE job (
    job_id        bigint PRIMARY KEY,
    executor_id   bigint      NOT NULL,
    project_id    bigint      NOT NULL,
    spec          jsonb       NOT NULL,
    state         text        NOT NULL,
    -- the local process, identified by pid and start time so that a reused pid is never taken for it
    pid           bigint,
    pid_started   timestamptz,
    result        jsonb,
    error         text,
    received_at   timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX job_unfinished ON job (executor_id) WHERE state IN ('received', 'queued', 'started', 'downloaded');

-- Tokens of the executor API, by SHA-256 only: a token is shown once, to the job it was made for.
CREATE TABLE job_token (
    token_hash  text PRIMARY KEY,
    job_id      bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at  timestamptz,
    rotated_at  timestamptz
);
CREATE INDEX job_token_job ON job_token (job_id);

-- Telemetry, not events: the last heartbeat of a running job and its log tail.
CREATE TABLE job_heartbeat (
    job_id      bigint PRIMARY KEY,
    received_at timestamptz NOT NULL,
    log_tail    text        NOT NULL
);
