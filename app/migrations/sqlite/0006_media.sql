-- Uploaded images, kept in the database so that backups hold them. `sha256` is of the uploaded
-- file: the same file again is the same image. Width and height are the original's, after its
-- EXIF orientation; the variants are re-encoded copies (no metadata) at a few widths.
CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    alt_uk TEXT NOT NULL,
    alt_en TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE image_variants (
    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    bytes BLOB NOT NULL,
    PRIMARY KEY (image_id, width)
);
