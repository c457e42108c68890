//! What the browser and the server both know about images: a stored image's reference, the
//! limits of an upload, and why an upload was refused.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The largest file an upload may carry.
pub const MAX_UPLOAD_BYTES: u64 = 10 * 1024 * 1024;
/// Alt text longer than this is a caption, not a description.
pub const MAX_ALT_CHARS: usize = 300;
/// The widths images are served at; never wider than the original.
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1600];
/// Where uploads are sent (multipart: `file`, `alt_uk`, `alt_en`).
pub const UPLOAD_PATH: &str = "/media/images";
/// The largest PDF a publication may attach.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;
/// A document's title names its link; longer is a description.
pub const MAX_DOCUMENT_TITLE_CHARS: usize = 200;
/// Where PDFs are sent (multipart: `file`, `title`).
pub const DOCUMENT_UPLOAD_PATH: &str = "/media/documents";

/// A stored PDF, as a publication lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub id: i64,
    pub title: String,
    pub size_bytes: u64,
    pub pages: u32,
    /// The title transliterated, without `.pdf`: the name a saved copy gets.
    pub file_name: String,
}

impl DocumentRef {
    /// Its address; the name is for the reader and the saved file, the id finds it.
    pub fn href(&self) -> String {
        format!("/media/documents/{}/{}.pdf", self.id, self.file_name)
    }

    /// `2.4 МБ`, `380 КБ`: the size as a link's note gives it.
    pub fn size_text(&self, lang: Lang) -> String {
        let (kb, mb) = match lang {
            Lang::Uk => ("КБ", "МБ"),
            Lang::En => ("KB", "MB"),
        };
        if self.size_bytes >= 1024 * 1024 {
            let tenths = self.size_bytes * 10 / (1024 * 1024);
            format!("{}.{} {mb}", tenths / 10, tenths % 10)
        } else {
            format!("{} {kb}", self.size_bytes.div_ceil(1024))
        }
    }
}

/// A document's title, trimmed, if it is acceptable.
pub fn check_document_title(title: &str) -> Result<String, UploadProblem> {
    let title = title.trim();
    if title.is_empty() {
        return Err(UploadProblem::TitleRequired);
    }
    if title.chars().count() > MAX_DOCUMENT_TITLE_CHARS {
        return Err(UploadProblem::TitleTooLong {
            max: MAX_DOCUMENT_TITLE_CHARS,
        });
    }
    Ok(title.to_string())
}

/// A stored image, as pages show it: the original's size (after applying its orientation), the
/// alt text in both languages, and the widths of the variants served at [`ImageRef::src`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRef {
    pub id: i64,
    pub width: u32,
    pub height: u32,
    pub alt_uk: String,
    pub alt_en: String,
    /// Ascending; never empty for a stored image.
    pub widths: Vec<u32>,
    /// `jpg` or `png`, the same for every variant.
    pub ext: String,
}

impl ImageRef {
    /// The description in `lang`; English falls back to Ukrainian.
    pub fn alt(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.alt_en.trim().is_empty() => &self.alt_en,
            _ => &self.alt_uk,
        }
    }

    /// The address of the variant `width` pixels wide.
    pub fn src(&self, width: u32) -> String {
        format!("/media/{}/{width}.{}", self.id, self.ext)
    }

    /// Every variant with its width, for `srcset`.
    pub fn srcset(&self) -> String {
        self.widths
            .iter()
            .map(|&w| format!("{} {w}w", self.src(w)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn largest_width(&self) -> u32 {
        self.widths.last().copied().unwrap_or(self.width)
    }

    /// The largest variant (for `og:image` and for browsers without `srcset`).
    pub fn largest_src(&self) -> String {
        self.src(self.largest_width())
    }

    /// A middle-sized variant for `src`: the widest not above 960 px, else the narrowest.
    pub fn default_src(&self) -> String {
        let width = self
            .widths
            .iter()
            .rev()
            .find(|&&w| w <= VARIANT_WIDTHS[1])
            .or(self.widths.first())
            .copied()
            .unwrap_or(self.width);
        self.src(width)
    }

    /// The size of the largest variant, for the `width` and `height` attributes that reserve
    /// the image's room before it loads.
    pub fn display_size(&self) -> (u32, u32) {
        let width = self.largest_width();
        (width, scaled_height(self.width, self.height, width))
    }
}

/// The height of a `width`-pixel-wide copy of an image `original_width` × `original_height`.
pub fn scaled_height(original_width: u32, original_height: u32, width: u32) -> u32 {
    if original_width == 0 {
        return original_height;
    }
    let height = (u64::from(original_height) * u64::from(width) + u64::from(original_width) / 2)
        / u64::from(original_width);
    height.clamp(1, u64::from(u32::MAX)) as u32
}

/// Why an upload was refused. Each concerns one field of the upload form ([`UploadProblem::field`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum UploadProblem {
    #[error("file: none chosen")]
    MissingFile,
    #[error("file: larger than {limit_bytes} bytes")]
    TooLarge { limit_bytes: u64 },
    /// Not JPEG, PNG or WebP by its content; `looks_like` names what it seems to be, if known.
    #[error("file: not a JPEG, PNG or WebP image ({looks_like:?})")]
    NotAnImage { looks_like: Option<String> },
    /// Starts like an image but cannot be decoded (truncated or damaged).
    #[error("file: damaged or incomplete")]
    Corrupt,
    /// Wider or taller than `max_side`, or more pixels than `max_megapixels` million.
    #[error("file: too many pixels")]
    TooManyPixels { max_side: u32, max_megapixels: u32 },
    /// The request itself could not be read.
    #[error("file: the upload could not be read")]
    Unreadable,
    #[error("alt_uk: required")]
    AltRequired,
    #[error("alt: longer than {max} characters")]
    AltTooLong { lang: Lang, max: usize },
    /// Not a PDF by its content.
    #[error("file: not a PDF")]
    NotAPdf,
    /// Password-protected or encrypted: readers may not open it, and it cannot be checked.
    #[error("file: an encrypted PDF")]
    Encrypted,
    /// Scripts, launch actions, embedded files or forms that run: not accepted from anyone.
    #[error("file: a PDF with active content")]
    ActiveContent,
    #[error("title: required")]
    TitleRequired,
    #[error("title: longer than {max} characters")]
    TitleTooLong { max: usize },
}

impl UploadProblem {
    /// The form field the problem concerns: `file`, `alt_uk` or `alt_en`.
    pub fn field(&self) -> &'static str {
        match self {
            UploadProblem::AltRequired | UploadProblem::AltTooLong { lang: Lang::Uk, .. } => {
                "alt_uk"
            }
            UploadProblem::AltTooLong { lang: Lang::En, .. } => "alt_en",
            UploadProblem::TitleRequired | UploadProblem::TitleTooLong { .. } => "title",
            _ => "file",
        }
    }
}

/// The alt texts, trimmed, if they are acceptable: Ukrainian required, English optional.
pub fn check_alt(alt_uk: &str, alt_en: &str) -> Result<(String, String), UploadProblem> {
    let (alt_uk, alt_en) = (alt_uk.trim(), alt_en.trim());
    if alt_uk.is_empty() {
        return Err(UploadProblem::AltRequired);
    }
    for (text, lang) in [(alt_uk, Lang::Uk), (alt_en, Lang::En)] {
        if text.chars().count() > MAX_ALT_CHARS {
            return Err(UploadProblem::AltTooLong {
                lang,
                max: MAX_ALT_CHARS,
            });
        }
    }
    Ok((alt_uk.to_string(), alt_en.to_string()))
}

/// The answer to a refused upload (and to any failed one): the field it concerns (`file`,
/// `alt_uk`, `alt_en`, or `form` for the whole request) and the reason in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRejection {
    pub field: String,
    pub message_uk: String,
    pub message_en: String,
    /// The reason in machine form, when it is an [`UploadProblem`].
    #[serde(default)]
    pub problem: Option<UploadProblem>,
}

impl UploadRejection {
    pub fn new(problem: UploadProblem) -> Self {
        let message = |lang| (super::texts::texts(lang).problem)(&problem);
        UploadRejection {
            field: problem.field().to_string(),
            message_uk: message(Lang::Uk),
            message_en: message(Lang::En),
            problem: Some(problem),
        }
    }

    /// A refusal of the whole request, with the site's words for it in each language.
    pub fn form(message: impl Fn(Lang) -> String) -> Self {
        UploadRejection {
            field: "form".to_string(),
            message_uk: message(Lang::Uk),
            message_en: message(Lang::En),
            problem: None,
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.message_uk,
            Lang::En => &self.message_en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(widths: Vec<u32>) -> ImageRef {
        ImageRef {
            id: 7,
            width: 2000,
            height: 1000,
            alt_uk: "Засідання ради".into(),
            alt_en: String::new(),
            widths,
            ext: "jpg".into(),
        }
    }

    #[test]
    fn addresses_and_srcset() {
        let big = image(vec![480, 960, 1600]);
        assert_eq!(big.src(480), "/media/7/480.jpg");
        assert_eq!(
            big.srcset(),
            "/media/7/480.jpg 480w, /media/7/960.jpg 960w, /media/7/1600.jpg 1600w"
        );
        assert_eq!(big.largest_src(), "/media/7/1600.jpg");
        assert_eq!(big.default_src(), "/media/7/960.jpg");
        assert_eq!(big.display_size(), (1600, 800));
        let small = ImageRef {
            width: 300,
            height: 200,
            ..image(vec![300])
        };
        assert_eq!(small.default_src(), "/media/7/300.jpg");
        assert_eq!(small.display_size(), (300, 200));
    }

    #[test]
    fn english_alt_falls_back_to_ukrainian() {
        let mut image = image(vec![480]);
        assert_eq!(image.alt(Lang::En), "Засідання ради");
        image.alt_en = "Council meeting".into();
        assert_eq!(image.alt(Lang::En), "Council meeting");
        assert_eq!(image.alt(Lang::Uk), "Засідання ради");
    }

    #[test]
    fn alt_text_is_checked() {
        assert_eq!(check_alt("  ", "x"), Err(UploadProblem::AltRequired));
        assert_eq!(
            check_alt(" Фото ", " "),
            Ok(("Фото".to_string(), String::new()))
        );
        let long = "ї".repeat(MAX_ALT_CHARS + 1);
        assert_eq!(check_alt(&long, "").unwrap_err().field(), "alt_uk");
        assert_eq!(check_alt("Фото", &long).unwrap_err().field(), "alt_en");
        assert!(check_alt(&"ї".repeat(MAX_ALT_CHARS), "").is_ok());
    }
}
