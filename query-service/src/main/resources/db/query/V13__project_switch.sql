-- A project switched off makes jobs that wait undispatched until it is switched on again.
ALTER TABLE project ADD COLUMN active boolean NOT NULL DEFAULT true;
