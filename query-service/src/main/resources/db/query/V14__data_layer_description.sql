-- A data layer's description (the original platform's clients send one).
ALTER TABLE data_layer ADD COLUMN description text NOT NULL DEFAULT '';
