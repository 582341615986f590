-- A project's history: one row per event that concerns it, in event order (id), with what it was in words and as
-- data, and who did it (the acting principal from the event's metadata, when it names one).
CREATE TABLE history (
    id         bigserial PRIMARY KEY,
    project_id bigint      NOT NULL,
    at         timestamptz NOT NULL,
    type       text        NOT NULL,
    words      text        NOT NULL,
    node_id    bigint,
    job_id     bigint,
    principal  text,
    data       jsonb       NOT NULL
);
CREATE INDEX history_by_project ON history (project_id, id DESC);
CREATE INDEX history_by_node ON history (project_id, node_id, id DESC);
CREATE INDEX history_by_job ON history (project_id, job_id, id DESC);

-- Who may do what in a project: members and their roles, API keys and theirs (never a secret: those are not events).
ALTER TABLE project ADD COLUMN created_by bigint;
CREATE TABLE project_member (
    project_id bigint      NOT NULL,
    user_id    bigint      NOT NULL,
    role       text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE TABLE api_key (
    key_id     bigint PRIMARY KEY,
    project_id bigint      NOT NULL,
    name       text        NOT NULL,
    role       text        NOT NULL,
    expires_at timestamptz,
    created_by bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_key_by_project ON api_key (project_id, key_id);
