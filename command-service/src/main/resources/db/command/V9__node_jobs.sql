-- Every job at each node of each data layer, with its inputs and whether and how it ended: kept by the routing
-- processor from the job events, read when a user re-runs or deletes the jobs of a node that ended in a status,
-- when a project is switched on again, and when packages, layers or projects are deleted.
CREATE TABLE node_job (
    job_id     bigint PRIMARY KEY,
    project_id bigint NOT NULL,
    node_id    bigint NOT NULL,
    layer_id   bigint NOT NULL,
    dispatched boolean NOT NULL DEFAULT false, -- false: held, its project switched off
    ended      text,           -- Processed, Error, Dead or Cancelled; null while it runs
    input_ids  bigint[] NOT NULL  -- its input packages (the inputs themselves are in its JobCreated event)
);
CREATE INDEX node_job_inputs ON node_job USING gin (input_ids);
CREATE INDEX node_job_ended ON node_job (node_id, layer_id, ended);
CREATE INDEX node_job_held ON node_job (project_id) WHERE NOT dispatched AND ended IS NULL;
