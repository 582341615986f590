-- A project's secrets as users may see them: name, kind and the nodes they are granted to. Never a value, not
-- even sealed.
CREATE TABLE project_secret (
    project_id bigint      NOT NULL,
    name       text        NOT NULL,
    kind       text        NOT NULL,
    node_ids   jsonb,
    key_id     text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (project_id, name)
);
