-- What each registered executor offers, kept by the routing processor from ExecutorRegistered, so that routing
-- can send a GPU job only to an executor that has such GPUs without loading the Executor aggregate per job.
CREATE TABLE executor_capabilities (
    executor_id BIGINT PRIMARY KEY,
    gpus        TEXT   NOT NULL
);
