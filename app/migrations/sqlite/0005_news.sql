-- News items, their tags and the places they concern. Text is Markdown, Ukrainian required and
-- English optional; the sanitized HTML of each body is kept beside it, rendered once on write.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE news (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    -- Published items show from `publish_at`; scheduled ones too, once that time has come.
    state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'published')),
    publish_at BIGINT NOT NULL,
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    lead_uk TEXT NOT NULL,
    lead_en TEXT NOT NULL DEFAULT '',
    source_name TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    -- The long columns last: SQLite reads a row's columns in order, so the short ones that
    -- lists filter and sort on never wait for a body's overflow pages.
    body_uk TEXT NOT NULL,
    body_en TEXT NOT NULL DEFAULT '',
    body_html_uk TEXT NOT NULL,
    body_html_en TEXT NOT NULL DEFAULT ''
);
CREATE INDEX news_visible ON news (publish_at DESC, id DESC) WHERE state <> 'draft';

-- Every slug an item has had, so that links stay valid when the title changes.
CREATE TABLE news_slugs (
    slug TEXT PRIMARY KEY,
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE
);

CREATE TABLE news_tags (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (news_id, tag_id)
);
CREATE INDEX news_tags_by_tag ON news_tags (tag_id, news_id);

-- An item may concern whole oblasts, or single hromadas (and through them their oblasts).
CREATE TABLE news_oblasts (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    oblast_katottg TEXT NOT NULL,
    PRIMARY KEY (news_id, oblast_katottg)
);

CREATE TABLE news_hromadas (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    katottg TEXT NOT NULL REFERENCES hromadas (katottg),
    PRIMARY KEY (news_id, katottg)
);

-- Full-text search: rowid is the news id; words are matched by prefix (see app/src/news/text.rs).
CREATE VIRTUAL TABLE news_fts USING fts5(title, lead, body, tokenize = 'unicode61 remove_diacritics 2');
