-- The SHA-256 of each key's secret (from ApiKeyCreated), by which this service recognises a key it is sent.
ALTER TABLE api_key ADD COLUMN secret_digest text;
