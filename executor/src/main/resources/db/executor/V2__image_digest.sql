-- The image the job's container ran, by digest, as the cluster reported it (Kubernetes backend); sent with the
-- completion so that a job's history says exactly what ran.
ALTER TABLE job ADD COLUMN image_digest text;
