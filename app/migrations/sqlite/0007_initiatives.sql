-- Sectors, initiatives (programmes and projects) with their directions, partners and places,
-- and what links news to them: an initiative, sectors, a cover and a gallery of images.
CREATE TABLE sectors (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT ''
);
INSERT INTO sectors (slug, position, name_uk, name_en) VALUES
    ('education', 1, 'Освіта', 'Education'),
    ('social-protection', 2, 'Соціальний захист та соціальні послуги', 'Social protection and social services'),
    ('local-economic-development', 3, 'Місцевий економічний розвиток', 'Local economic development'),
    ('communal-services', 4, 'Комунальні послуги та інфраструктура', 'Communal services and their infrastructure');

-- Organisations that take part in initiatives: implementers, donor programmes, partners.
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    -- Kyiv days, YYYY-MM-DD; the status follows from them unless overridden.
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL DEFAULT '',
    status_override TEXT NOT NULL DEFAULT '' CHECK (status_override IN ('', 'planned', 'active', 'completed')),
    cover_image_id BIGINT REFERENCES images (id),
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    summary_uk TEXT NOT NULL,
    summary_en TEXT NOT NULL DEFAULT '',
    -- One goal per line.
    goals_uk TEXT NOT NULL DEFAULT '',
    goals_en TEXT NOT NULL DEFAULT '',
    body_uk TEXT NOT NULL DEFAULT '',
    body_en TEXT NOT NULL DEFAULT '',
    body_html_uk TEXT NOT NULL DEFAULT '',
    body_html_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE initiative_slugs (
    slug TEXT PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE
);

-- Work streams, in order; each has sectors of its own.
CREATE TABLE initiative_directions (
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    description_uk TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    description_html_uk TEXT NOT NULL DEFAULT '',
    description_html_en TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (initiative_id, position)
);

CREATE TABLE initiative_direction_sectors (
    initiative_id BIGINT NOT NULL,
    position INTEGER NOT NULL,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    PRIMARY KEY (initiative_id, position, sector_id),
    FOREIGN KEY (initiative_id, position) REFERENCES initiative_directions (initiative_id, position) ON DELETE CASCADE
);

CREATE TABLE initiative_partners (
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('implementer', 'donor', 'partner')),
    position INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, organisation_id)
);
CREATE INDEX initiative_partners_by_organisation ON initiative_partners (organisation_id);

CREATE TABLE initiative_sectors (
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    PRIMARY KEY (initiative_id, sector_id)
);

CREATE TABLE initiative_oblasts (
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    oblast_katottg TEXT NOT NULL,
    PRIMARY KEY (initiative_id, oblast_katottg)
);

CREATE TABLE initiative_hromadas (
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    katottg TEXT NOT NULL REFERENCES hromadas (katottg),
    PRIMARY KEY (initiative_id, katottg)
);

CREATE TABLE initiative_links (
    initiative_id BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (initiative_id, position)
);

ALTER TABLE news ADD COLUMN initiative_id BIGINT REFERENCES initiatives (id);
ALTER TABLE news ADD COLUMN cover_image_id BIGINT REFERENCES images (id);
CREATE INDEX news_by_initiative ON news (initiative_id, publish_at DESC) WHERE initiative_id IS NOT NULL;

CREATE TABLE news_sectors (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    PRIMARY KEY (news_id, sector_id)
);
CREATE INDEX news_sectors_by_sector ON news_sectors (sector_id, news_id);

-- Attached images, in order.
CREATE TABLE news_images (
    news_id BIGINT NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    image_id BIGINT NOT NULL REFERENCES images (id),
    PRIMARY KEY (news_id, position)
);
