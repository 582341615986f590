-- Integer ids for everything the user names, handed out before a command is sent (the job library parses
-- job and package ids as integers). Gaps are harmless.
CREATE SEQUENCE project_id_seq;
CREATE SEQUENCE node_id_seq;
CREATE SEQUENCE link_id_seq;
CREATE SEQUENCE data_layer_id_seq;
CREATE SEQUENCE package_id_seq;
CREATE SEQUENCE job_id_seq;
CREATE SEQUENCE executor_id_seq;
