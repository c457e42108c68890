-- The analytical centre: needs surveys (questions, targeting, responses and answers), sectoral
-- dialogues and the needs hromadas name at them or in surveys.

CREATE TABLE surveys (
    id INTEGER PRIMARY KEY,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    intro_uk TEXT NOT NULL DEFAULT '',
    intro_en TEXT NOT NULL DEFAULT '',
    sector_id BIGINT REFERENCES sectors (id),
    -- Unix seconds; answers are taken from opens_at until closes_at.
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    -- The dashboard is open to everyone, or to analysts only.
    public_results BOOLEAN NOT NULL DEFAULT TRUE,
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Which hromadas a survey asks: those of these oblasts and of these kinds (no rows: any).
CREATE TABLE survey_target_oblasts (
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    oblast_katottg TEXT NOT NULL,
    PRIMARY KEY (survey_id, oblast_katottg)
);
CREATE TABLE survey_target_kinds (
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('urban', 'settlement', 'rural')),
    PRIMARY KEY (survey_id, kind)
);

CREATE TABLE survey_questions (
    id INTEGER PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'number', 'short_text', 'long_text')),
    required BOOLEAN NOT NULL DEFAULT FALSE,
    text_uk TEXT NOT NULL,
    text_en TEXT NOT NULL DEFAULT '',
    help_uk TEXT NOT NULL DEFAULT '',
    help_en TEXT NOT NULL DEFAULT '',
    unit_uk TEXT NOT NULL DEFAULT '',
    unit_en TEXT NOT NULL DEFAULT '',
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    UNIQUE (survey_id, position)
);

CREATE TABLE survey_options (
    id INTEGER PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    label_uk TEXT NOT NULL,
    label_en TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, position)
);

-- One response per hromada and survey; the hromada's oblast, kind and population are copied so
-- that dashboards filter and group without the registry. Counted once submitted.
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    hromada_katottg TEXT NOT NULL,
    oblast_katottg TEXT NOT NULL,
    kind TEXT NOT NULL,
    population BIGINT,
    submitted_at BIGINT,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES accounts (id),
    UNIQUE (survey_id, hromada_katottg)
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, submitted_at);

-- An answer: a chosen option (one row per option of a multiple choice), a number (scales too)
-- or a text.
CREATE TABLE survey_answers (
    survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    response_id BIGINT NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
    option_id BIGINT REFERENCES survey_options (id) ON DELETE CASCADE,
    number_value DOUBLE PRECISION,
    text_value TEXT
);
CREATE INDEX survey_answers_response ON survey_answers (response_id, question_id);
CREATE INDEX survey_answers_survey ON survey_answers (survey_id, question_id);

CREATE TABLE dialogues (
    id INTEGER PRIMARY KEY,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    oblast_katottg TEXT NOT NULL,
    -- A Kyiv day, YYYY-MM-DD.
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    moderator TEXT NOT NULL DEFAULT '',
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    agenda_uk TEXT NOT NULL DEFAULT '',
    agenda_en TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    summary_uk TEXT NOT NULL DEFAULT '',
    summary_en TEXT NOT NULL DEFAULT '',
    summary_html_uk TEXT NOT NULL DEFAULT '',
    summary_html_en TEXT NOT NULL DEFAULT '',
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE dialogue_hromadas (
    dialogue_id BIGINT NOT NULL REFERENCES dialogues (id) ON DELETE CASCADE,
    katottg TEXT NOT NULL,
    PRIMARY KEY (dialogue_id, katottg)
);

-- A hromada's need in a sector, with the hromada's oblast and kind copied for the overview.
CREATE TABLE needs (
    id INTEGER PRIMARY KEY,
    hromada_katottg TEXT NOT NULL,
    oblast_katottg TEXT NOT NULL,
    kind TEXT NOT NULL,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    priority BIGINT NOT NULL CHECK (priority BETWEEN 1 AND 5),
    status TEXT NOT NULL DEFAULT 'identified' CHECK (status IN ('identified', 'addressed', 'met')),
    dialogue_id BIGINT REFERENCES dialogues (id) ON DELETE SET NULL,
    survey_id BIGINT REFERENCES surveys (id) ON DELETE SET NULL,
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX needs_hromada ON needs (hromada_katottg);
CREATE INDEX needs_sector ON needs (sector_id, priority);
-- The overview counts from this index alone.
CREATE INDEX needs_overview ON needs (oblast_katottg, sector_id, kind, status, priority);
