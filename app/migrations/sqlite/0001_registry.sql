-- The hromada registry: oblasts (first-level units), raions, hromadas, keyed by KATOTTG code.
CREATE TABLE oblasts (
    katottg TEXT PRIMARY KEY,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_key TEXT NOT NULL
);

CREATE TABLE raions (
    katottg TEXT PRIMARY KEY,
    oblast_katottg TEXT NOT NULL REFERENCES oblasts (katottg),
    name_uk TEXT NOT NULL,
    sort_key TEXT NOT NULL
);
CREATE INDEX raions_oblast ON raions (oblast_katottg, sort_key);

CREATE TABLE hromadas (
    katottg TEXT PRIMARY KEY,
    name_uk TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('urban', 'settlement', 'rural')),
    center_katottg TEXT NOT NULL,
    center_name_uk TEXT NOT NULL,
    raion_katottg TEXT REFERENCES raions (katottg),
    oblast_katottg TEXT NOT NULL REFERENCES oblasts (katottg),
    population BIGINT CHECK (population >= 0),
    area_km2 REAL CHECK (area_km2 >= 0),
    -- Lower-cased, apostrophes unified: what name search matches against.
    search_name TEXT NOT NULL,
    -- Ukrainian alphabetical order, comparable byte by byte in both databases.
    sort_key TEXT NOT NULL
);
CREATE INDEX hromadas_oblast ON hromadas (oblast_katottg, sort_key);
CREATE INDEX hromadas_raion ON hromadas (raion_katottg, sort_key);
CREATE INDEX hromadas_sort ON hromadas (sort_key);
CREATE INDEX hromadas_kind_population ON hromadas (kind, population);
CREATE INDEX hromadas_population ON hromadas (population);
