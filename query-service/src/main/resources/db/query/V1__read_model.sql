-- The read model of query-service. Every table is written only by the "projections" tracking processor, from
-- events, and can be rebuilt by replaying the event store (POST /api/admin/replay truncates them all).

-- Axon's token store (the DDL of PostgresTokenTableFactory); unqualified, so it lands in schema query.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

CREATE TABLE project (
    id          BIGINT PRIMARY KEY,
    name        TEXT        NOT NULL,
    executor_id BIGINT,
    -- sequence number of the project aggregate's last event: what command-service expects as its version
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE data_layer (
    id         BIGINT PRIMARY KEY,
    project_id BIGINT      NOT NULL,
    label      TEXT        NOT NULL,
    kind       TEXT        NOT NULL,
    is_active  BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_layer_by_project ON data_layer (project_id, id);

CREATE TABLE node (
    id          BIGINT PRIMARY KEY,
    project_id  BIGINT           NOT NULL,
    label       TEXT             NOT NULL,
    kind        TEXT             NOT NULL,
    x           DOUBLE PRECISION NOT NULL,
    y           DOUBLE PRECISION NOT NULL,
    executor_id BIGINT,
    container   JSONB,
    parameters  JSONB            NOT NULL DEFAULT '[]'
);
CREATE INDEX node_by_project ON node (project_id, id);

-- values set in a layer (merged over earlier ones); parameters without a row here use their default
CREATE TABLE node_parameter_values (
    node_id    BIGINT NOT NULL,
    layer_id   BIGINT NOT NULL,
    project_id BIGINT NOT NULL,
    parameter_values JSONB NOT NULL,
    PRIMARY KEY (node_id, layer_id)
);
CREATE INDEX node_parameter_values_by_project ON node_parameter_values (project_id);

-- a node is active in every layer unless a row here says otherwise
CREATE TABLE node_inactive_layer (
    node_id    BIGINT NOT NULL,
    layer_id   BIGINT NOT NULL,
    project_id BIGINT NOT NULL,
    PRIMARY KEY (node_id, layer_id)
);
CREATE INDEX node_inactive_layer_by_project ON node_inactive_layer (project_id);

CREATE TABLE node_file (
    node_id       BIGINT  NOT NULL,
    name          TEXT    NOT NULL,
    project_id    BIGINT  NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    size          BIGINT  NOT NULL,
    is_executable BOOLEAN NOT NULL,
    type          TEXT    NOT NULL,
    PRIMARY KEY (node_id, name)
);
CREATE INDEX node_file_by_project ON node_file (project_id);

CREATE TABLE link (
    id             BIGINT PRIMARY KEY,
    project_id     BIGINT NOT NULL,
    from_node_id   BIGINT NOT NULL,
    to_node_id     BIGINT NOT NULL,
    type           TEXT   NOT NULL,
    package_filter TEXT   NOT NULL,
    mapping        JSONB  NOT NULL
);
CREATE INDEX link_by_project ON link (project_id, id);

CREATE TABLE package (
    id                BIGINT PRIMARY KEY,
    project_id        BIGINT      NOT NULL,
    node_id           BIGINT      NOT NULL,
    layer_id          BIGINT      NOT NULL,
    label             TEXT        NOT NULL,
    fields            JSONB       NOT NULL, -- [{"name": …, "value": …}] in the package's order
    files             JSONB       NOT NULL, -- [{"name", "content_hash", "size", "is_executable", "type"}]
    parents           JSONB       NOT NULL, -- [ids] as the event lists them
    origin            TEXT        NOT NULL,
    job_id            BIGINT,
    source_package_id BIGINT,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX package_at_node ON package (node_id, layer_id, id DESC);

-- lineage edges for descendant search: the package's parents, plus the package it was delivered from
CREATE TABLE package_parent (
    package_id BIGINT NOT NULL,
    parent_id  BIGINT NOT NULL,
    PRIMARY KEY (package_id, parent_id)
);
CREATE INDEX package_parent_children ON package_parent (parent_id, package_id);

CREATE TABLE job (
    id           BIGINT PRIMARY KEY,
    project_id   BIGINT      NOT NULL,
    node_id      BIGINT      NOT NULL,
    layer_id     BIGINT      NOT NULL,
    status       TEXT        NOT NULL,
    executor_id  BIGINT,
    claimed_at   TIMESTAMPTZ,
    interactive  BOOLEAN     NOT NULL,
    inputs       JSONB       NOT NULL, -- [package ids]
    fields       JSONB       NOT NULL, -- [{"name", "value"}]: the parameter values snapshotted at creation
    container    JSONB       NOT NULL,
    outputs      JSONB       NOT NULL DEFAULT '[]', -- [package ids]
    exit_code    INTEGER,
    error        TEXT,
    message      TEXT,
    image_digest TEXT,
    files        JSONB       NOT NULL DEFAULT '[]',
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_at_node ON job (node_id, layer_id, id DESC);

-- keyed by the job event's sequence number, so a re-delivered event adds no second entry
CREATE TABLE job_status (
    job_id   BIGINT      NOT NULL,
    sequence BIGINT      NOT NULL,
    status   TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job_id, sequence)
);

CREATE TABLE executor (
    id           BIGINT PRIMARY KEY,
    label        TEXT  NOT NULL,
    capabilities JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
