-- A hromada's public contacts, kept by its representatives.
CREATE TABLE hromada_contacts (
    katottg TEXT PRIMARY KEY REFERENCES hromadas (katottg),
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES accounts (id)
);
