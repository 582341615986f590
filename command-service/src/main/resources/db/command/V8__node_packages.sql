-- Every package at each node of each data layer: kept by the routing processor from PackageCreated, in the same
-- transaction as its token; read by pull links (a source's newest package whose label passes the link's filter)
-- and by requests to process chosen packages of a node.
CREATE TABLE node_package (
    package_id bigint PRIMARY KEY,
    project_id bigint NOT NULL,
    node_id    bigint NOT NULL,
    layer_id   bigint NOT NULL,
    label      text   NOT NULL,
    fields     text   NOT NULL, -- a JSON object
    files      text   NOT NULL  -- a JSON array of file references
);
CREATE INDEX node_package_newest ON node_package (node_id, layer_id, package_id DESC);
