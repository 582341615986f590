-- Who made each data layer: a personal layer is seen by its maker alone (null: the main layer, a key's, or older).
ALTER TABLE data_layer ADD COLUMN created_by bigint;
