-- Jobs dispatched and not claimed yet, with when they were dispatched: kept by the routing processor from the
-- events, read by UnclaimedJobs, which ends those no executor claimed in time.
CREATE TABLE dispatched_job (
    job_id        bigint PRIMARY KEY,
    dispatched_at timestamptz NOT NULL
);
CREATE INDEX dispatched_job_age ON dispatched_job (dispatched_at);
