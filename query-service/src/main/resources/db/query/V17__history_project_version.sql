-- for an edit of a project's graph, the project's version after it: a live client's next edit must send it
ALTER TABLE history ADD COLUMN project_version bigint;
