-- The names of the project secrets a job was granted when it was created (its spec's snapshot); null for jobs
-- created before secrets were snapshotted.
ALTER TABLE job ADD COLUMN secrets jsonb;
