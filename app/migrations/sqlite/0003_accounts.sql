-- People with accounts, their roles, sessions, one-time tokens, and the audit log of every write.
-- Times are Unix seconds (UTC).
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    -- Lower case; unique.
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- Argon2id PHC string; NULL until the invitation is accepted.
    password_hash TEXT,
    -- The hromada a representative acts for.
    hromada_katottg TEXT REFERENCES hromadas (katottg),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE account_roles (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'analyst', 'evaluator', 'representative')),
    PRIMARY KEY (account_id, role)
);

-- Only hashes of session ids and tokens are stored: a copy of the database opens no session.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_tokens_account ON account_tokens (account_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    -- NULL for the shell (spilno create-admin and other commands).
    actor_id BIGINT REFERENCES accounts (id),
    actor_label TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
