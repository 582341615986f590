-- A compute node processes arriving packages automatically, or only when a user asks (manual).
ALTER TABLE node ADD COLUMN processing text NOT NULL DEFAULT 'auto';
