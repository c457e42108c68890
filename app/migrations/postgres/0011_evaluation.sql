-- The evaluation of a call's applications: evaluators' home oblasts, assignments with their
-- conflict-of-interest declarations, scores per criterion, and the confirmed outcomes.

-- The overall pass mark, out of 100; none when NULL.
ALTER TABLE calls ADD COLUMN pass_total DOUBLE PRECISION;

-- Where an evaluator lives and works: never assigned to an application with a hromada from
-- there. An empty code: from no oblast (an international expert).
CREATE TABLE evaluator_profiles (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    oblast_katottg TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE evaluation_assignments (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    evaluator_id BIGINT NOT NULL REFERENCES accounts (id),
    -- NULL: balanced automatically.
    assigned_by BIGINT REFERENCES accounts (id),
    assigned_at BIGINT NOT NULL,
    -- NULL until the evaluator declares; a conflict keeps the row, so they are never assigned
    -- to this application again.
    declaration TEXT CHECK (declaration IN ('no_conflict', 'conflict')),
    declared_at BIGINT,
    conflict_note TEXT NOT NULL DEFAULT '',
    saved_at BIGINT,
    submitted_at BIGINT,
    PRIMARY KEY (application_id, evaluator_id)
);
CREATE INDEX evaluation_assignments_evaluator ON evaluation_assignments (evaluator_id);

-- Scores in half points (a 7.5 is 15), NULL while an evaluator has not scored it yet.
CREATE TABLE evaluation_scores (
    application_id BIGINT NOT NULL,
    evaluator_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    halves BIGINT CHECK (halves >= 0),
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, evaluator_id, position),
    FOREIGN KEY (application_id, evaluator_id)
        REFERENCES evaluation_assignments (application_id, evaluator_id) ON DELETE CASCADE
);

-- The admin's confirmed selection; published with the call's results. A departure from the
-- ranking's proposal carries its reason.
CREATE TABLE call_outcomes (
    application_id BIGINT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    call_id BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    place BIGINT NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('winner', 'reserve', 'not_selected')),
    proposal TEXT NOT NULL CHECK (proposal IN ('winner', 'reserve', 'not_selected')),
    reason TEXT NOT NULL DEFAULT '',
    confirmed_by BIGINT REFERENCES accounts (id),
    confirmed_at BIGINT NOT NULL
);
CREATE INDEX call_outcomes_call ON call_outcomes (call_id, place);
