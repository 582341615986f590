-- The job a restarted job runs again (a user's restart); null for a job a package made.
ALTER TABLE job ADD COLUMN restart_of bigint;
