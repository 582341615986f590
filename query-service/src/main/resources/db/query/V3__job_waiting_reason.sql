-- Why a claimed job has not started yet, as its executor sees it (no node fits, its image is being pulled);
-- cleared once it starts.
ALTER TABLE job ADD COLUMN waiting_reason text;
