-- Integer ids for everything the user names, handed out before a command is sent (the job library parses
-- job and package ids as integers). Gaps are harmless.
-- Axon's event store needs an aggregate identifier to be unique across all aggregate types, so projects,
-- packages, jobs and executors share one sequence; nodes, links and layers live inside a project and have their own.
CREATE SEQUENCE aggregate_id_seq;
CREATE SEQUENCE node_id_seq;
CREATE SEQUENCE link_id_seq;
CREATE SEQUENCE data_layer_id_seq;
