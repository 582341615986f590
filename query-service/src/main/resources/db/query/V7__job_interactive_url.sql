-- Where an interactive job's Jupyter listens (its executor's word), for the gateway's proxy; internal: no answer
-- shows it, the job view shows only the path /interactive/<id>/ while the job runs.
ALTER TABLE job ADD COLUMN interactive_url text;
