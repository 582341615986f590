-- Which stored objects (by SHA-256, in the project's bucket) something still names: a package's files, a node's
-- files, a job's snapshot (node files and inputs) and the files it reported. Kept by the routing processor from
-- the events; the storage upkeep deletes objects nothing names once they are older than its safe period.
CREATE TABLE object_ref (
    project_id bigint NOT NULL,
    owner      text   NOT NULL, -- package:<id>, node:<id>/<file name>, job:<id>
    sha256     text   NOT NULL,
    layer_id   bigint,          -- the package's or job's data layer; null for node files
    PRIMARY KEY (project_id, owner, sha256)
);
CREATE INDEX object_ref_by_hash ON object_ref (project_id, sha256);
CREATE INDEX object_ref_by_layer ON object_ref (project_id, layer_id);
