-- One row; every registry import bumps it, so in-memory copies know when to reload.
CREATE TABLE registry_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
