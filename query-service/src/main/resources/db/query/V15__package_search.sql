-- Package search without reading every package's fields JSON (bench/search): each field of each package as a row,
-- indexed by node, layer and name with its value as a number (when it is one) and as text; and on each package the
-- number of jobs at its node that took it as an input (the original platform's job-count filter).
CREATE TABLE package_field (
    package_id bigint NOT NULL REFERENCES package (id) ON DELETE CASCADE,
    node_id    bigint NOT NULL,
    layer_id   bigint NOT NULL,
    name       text   NOT NULL,
    num        numeric,
    txt        text,
    PRIMARY KEY (package_id, name)
);
-- text values are indexed by their first 200 characters: a whole value may be longer than an index entry can be
CREATE INDEX package_field_number ON package_field (node_id, name, layer_id, num);
CREATE INDEX package_field_text ON package_field (node_id, name, layer_id, left(txt, 200));

-- a package's first field of a name is the one searched (as before)
INSERT INTO package_field (package_id, node_id, layer_id, name, num, txt)
SELECT p.id, p.node_id, p.layer_id, f.value ->> 'name',
       CASE WHEN jsonb_typeof(f.value -> 'value') = 'number' THEN (f.value ->> 'value')::numeric END,
       f.value -> 'value' #>> '{}'
FROM package p, jsonb_array_elements(p.fields) WITH ORDINALITY AS f(value, place)
WHERE f.value ->> 'name' IS NOT NULL
ORDER BY p.id, f.place
ON CONFLICT DO NOTHING;

ALTER TABLE package ADD COLUMN child_jobs integer NOT NULL DEFAULT 0;
UPDATE package p SET child_jobs = c.n
FROM (SELECT i.id::bigint AS package_id, j.node_id, count(DISTINCT j.id) AS n
      FROM job j, jsonb_array_elements_text(j.inputs) AS i(id) GROUP BY 1, 2) c
WHERE p.id = c.package_id AND p.node_id = c.node_id;
CREATE INDEX package_child_jobs ON package (node_id, layer_id, child_jobs);
-- the search's other order the original clients ask for: a page by label is read from the index, not sorted
CREATE INDEX package_by_label ON package (node_id, layer_id, label, id);
