-- Publications of the analytical centre: analytical notes, methodological materials and
-- recommendations, with their sectors, evidence (surveys, dialogues, needs), PDF attachments
-- and, for recommendations, the dated follow-up of what became of them.

-- Uploaded PDFs, kept in the database like images. `sha256` is of the file: the same file again
-- is the same document.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    pages BIGINT NOT NULL,
    bytes BLOB NOT NULL,
    uploaded_by BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('note', 'method', 'recommendation')),
    -- A Kyiv day, YYYY-MM-DD; its first four characters are the year the list filters by.
    published_on TEXT NOT NULL,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    authors TEXT NOT NULL,
    abstract_uk TEXT NOT NULL,
    abstract_en TEXT NOT NULL DEFAULT '',
    body_uk TEXT NOT NULL DEFAULT '',
    body_en TEXT NOT NULL DEFAULT '',
    body_html_uk TEXT NOT NULL DEFAULT '',
    body_html_en TEXT NOT NULL DEFAULT '',
    initiative_id BIGINT REFERENCES initiatives (id) ON DELETE SET NULL,
    -- Recommendations only: to whom, and what became of it (the latest follow-up's status).
    addressee TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT 'proposed'
        CHECK (follow_up IN ('proposed', 'sent', 'accepted', 'in_progress', 'implemented', 'declined')),
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX publications_list ON publications (published_on, kind);

CREATE TABLE publication_sectors (
    publication_id BIGINT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    PRIMARY KEY (publication_id, sector_id)
);
CREATE INDEX publication_sectors_sector ON publication_sectors (sector_id, publication_id);

-- What a publication rests on: one of a survey, a dialogue or a need per row.
CREATE TABLE publication_evidence (
    publication_id BIGINT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    survey_id BIGINT REFERENCES surveys (id) ON DELETE CASCADE,
    dialogue_id BIGINT REFERENCES dialogues (id) ON DELETE CASCADE,
    need_id BIGINT REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (publication_id, position),
    CHECK ((survey_id IS NOT NULL) + (dialogue_id IS NOT NULL) + (need_id IS NOT NULL) = 1)
);

CREATE TABLE publication_documents (
    publication_id BIGINT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    PRIMARY KEY (publication_id, position)
);

-- A recommendation's follow-up, dated; the newest sets the recommendation's status.
CREATE TABLE publication_follow_ups (
    id INTEGER PRIMARY KEY,
    publication_id BIGINT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    happened_on TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('proposed', 'sent', 'accepted', 'in_progress', 'implemented', 'declined')),
    note TEXT NOT NULL DEFAULT '',
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX publication_follow_ups_of ON publication_follow_ups (publication_id, happened_on);

CREATE VIRTUAL TABLE publications_fts USING fts5(title, abstract, body, authors, tokenize = 'unicode61 remove_diacritics 2');

-- The dialogue page lists the needs named at it.
CREATE INDEX needs_dialogue ON needs (dialogue_id);
