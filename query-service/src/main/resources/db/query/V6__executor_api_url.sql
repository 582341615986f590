-- Where query-service reaches an executor for the live log of a running job, and the key it shows there
-- (announced at each executor start); internal: no answer shows either.
ALTER TABLE executor ADD COLUMN api_url text;
ALTER TABLE executor ADD COLUMN read_key text;
