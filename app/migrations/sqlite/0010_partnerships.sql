-- Competitive calls for rural–urban partnerships, and the applications hromadas send to them.

CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    description_uk TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    description_html_uk TEXT NOT NULL DEFAULT '',
    description_html_en TEXT NOT NULL DEFAULT '',
    initiative_id BIGINT REFERENCES initiatives (id) ON DELETE SET NULL,
    -- Unix seconds; applications are taken in [opens_at, closes_at) while the phase is open.
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    -- Whole hryvnias.
    budget_uah BIGINT NOT NULL,
    max_grant_uah BIGINT NOT NULL,
    min_cofinancing_percent BIGINT NOT NULL,
    winners BIGINT NOT NULL,
    phase TEXT NOT NULL DEFAULT 'draft'
        CHECK (phase IN ('draft', 'open', 'closed', 'evaluation', 'published')),
    -- The eligibility rules: members count the lead hromada.
    rule_mixed_kinds BOOLEAN NOT NULL,
    rule_geography TEXT NOT NULL CHECK (rule_geography IN ('same_oblast', 'neighbouring', 'anywhere')),
    members_min BIGINT NOT NULL,
    members_max BIGINT NOT NULL,
    population_min BIGINT,
    population_max BIGINT,
    rule_one_application BOOLEAN NOT NULL,
    author_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE call_sectors (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    PRIMARY KEY (call_id, sector_id)
);

CREATE TABLE call_criteria (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    description_uk TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL,
    max_score BIGINT NOT NULL,
    threshold DOUBLE PRECISION,
    PRIMARY KEY (call_id, position)
);

CREATE TABLE call_evaluators (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (call_id, account_id)
);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    lead_katottg TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    activities TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    submitted_at BIGINT,
    created_by BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX applications_call ON applications (call_id, status);

-- The lead (position 0, confirmed by creating the application) and the partners, each confirmed
-- by one of its representatives.
CREATE TABLE application_members (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    katottg TEXT NOT NULL,
    position BIGINT NOT NULL,
    confirmed_at BIGINT,
    confirmed_by BIGINT REFERENCES accounts (id),
    PRIMARY KEY (application_id, katottg)
);
CREATE INDEX application_members_hromada ON application_members (katottg, application_id);

CREATE TABLE application_sectors (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    sector_id BIGINT NOT NULL REFERENCES sectors (id),
    PRIMARY KEY (application_id, sector_id)
);

CREATE TABLE application_needs (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, need_id)
);

CREATE TABLE application_budget (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    item TEXT NOT NULL,
    amount_uah BIGINT NOT NULL,
    cofinancing_uah BIGINT NOT NULL,
    cofinanced_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, position)
);

CREATE TABLE application_results (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    result TEXT NOT NULL,
    indicator TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, position)
);

-- An admin's decision on one rule of one application, with its reason (shown to evaluators).
CREATE TABLE eligibility_overrides (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    passed BOOLEAN NOT NULL,
    reason TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id),
    at BIGINT NOT NULL,
    PRIMARY KEY (application_id, rule)
);

-- Where a call allows a hromada in one application only: the confirmed memberships, one per
-- hromada and call, so two confirmations racing for one hromada cannot both succeed.
CREATE TABLE call_participations (
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    katottg TEXT NOT NULL,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    PRIMARY KEY (call_id, katottg)
);
