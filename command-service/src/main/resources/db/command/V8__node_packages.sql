-- Every package at each node of each data layer, by label: kept by the routing processor from PackageCreated, in
-- the same transaction as its token; read by pull links (a source's newest package whose label passes the link's
-- filter) and by requests to process chosen packages of a node. The package's content is read from its event.
CREATE TABLE node_package (
    package_id bigint PRIMARY KEY,
    project_id bigint NOT NULL,
    node_id    bigint NOT NULL,
    layer_id   bigint NOT NULL,
    label      text   NOT NULL
);
CREATE INDEX node_package_newest ON node_package (node_id, layer_id, package_id DESC);
