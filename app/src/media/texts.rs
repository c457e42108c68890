//! The words of image upload, in both languages. A key missing in either is a compile error.

use super::types::UploadProblem;
use crate::i18n::Lang;

pub struct MediaTexts {
    pub problem: fn(&UploadProblem) -> String,
    pub field_file: &'static str,
    pub file_hint: &'static str,
    pub field_alt_uk: &'static str,
    pub alt_uk_hint: &'static str,
    pub field_alt_en: &'static str,
    pub alt_en_hint: &'static str,
    pub upload: &'static str,
    pub uploading: &'static str,
    pub processing: &'static str,
    pub uploaded: &'static str,
    pub document_file: &'static str,
    pub document_hint: &'static str,
    pub document_title: &'static str,
    pub document_title_hint: &'static str,
    pub document_upload: &'static str,
    pub document_processing: &'static str,
    pub document_uploaded: &'static str,
}

pub fn texts(lang: Lang) -> &'static MediaTexts {
    match lang {
        Lang::Uk => &UK,
        Lang::En => &EN,
    }
}

/// Whole megabytes, as the limits are set.
fn megabytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

fn problem_uk(problem: &UploadProblem) -> String {
    match problem {
        UploadProblem::MissingFile => "Оберіть файл.".into(),
        UploadProblem::TooLarge { limit_bytes } => format!(
            "Файл завеликий: найбільше {} МБ. Зменште його й спробуйте ще раз.",
            megabytes(*limit_bytes)
        ),
        UploadProblem::NotAnImage {
            looks_like: Some(what),
        } => format!("Це не зображення JPEG, PNG чи WebP: за вмістом файл схожий на {what}."),
        UploadProblem::NotAnImage { looks_like: None } => {
            "Це не зображення JPEG, PNG чи WebP (перевіряється вміст файлу, а не його назва).".into()
        }
        UploadProblem::Corrupt => {
            "Файл пошкоджений або завантажений не повністю: зображення не вдалося прочитати."
                .into()
        }
        UploadProblem::TooManyPixels {
            max_side,
            max_megapixels,
        } => format!(
            "Зображення завелике: до {max_side} пікселів по стороні й до {max_megapixels} мегапікселів."
        ),
        UploadProblem::Unreadable => {
            "Не вдалося прочитати надіслані дані. Спробуйте ще раз.".into()
        }
        UploadProblem::AltRequired => {
            "Опишіть зображення українською: цей текст читають ті, хто зображення не бачить."
                .into()
        }
        UploadProblem::AltTooLong { max, .. } => {
            format!("Опис задовгий: найбільше {max} символів.")
        }
        UploadProblem::NotAPdf => {
            "Це не PDF (перевіряється вміст файлу, а не його назва). Збережіть документ як PDF.".into()
        }
        UploadProblem::Encrypted => {
            "PDF захищений паролем або зашифрований. Додайте незахищену копію.".into()
        }
        UploadProblem::ActiveContent => {
            "PDF містить сценарії, вкладені файли чи дії запуску; такі файли не приймаються. Збережіть його наново як звичайний PDF (наприклад, «Друк → Зберегти як PDF»).".into()
        }
        UploadProblem::TitleRequired => "Назвіть документ: ця назва буде посиланням на нього.".into(),
        UploadProblem::TitleTooLong { max } => {
            format!("Назва задовга: найбільше {max} символів.")
        }
    }
}

fn problem_en(problem: &UploadProblem) -> String {
    match problem {
        UploadProblem::MissingFile => "Choose a file.".into(),
        UploadProblem::TooLarge { limit_bytes } => format!(
            "The file is too large: {} MB at most. Make it smaller and try again.",
            megabytes(*limit_bytes)
        ),
        UploadProblem::NotAnImage {
            looks_like: Some(what),
        } => format!("This is not a JPEG, PNG or WebP image: by its content the file looks like {what}."),
        UploadProblem::NotAnImage { looks_like: None } => {
            "This is not a JPEG, PNG or WebP image (the file's content is checked, not its name)."
                .into()
        }
        UploadProblem::Corrupt => {
            "The file is damaged or incomplete: the image could not be read.".into()
        }
        UploadProblem::TooManyPixels {
            max_side,
            max_megapixels,
        } => format!(
            "The image is too big: at most {max_side} pixels a side and {max_megapixels} megapixels."
        ),
        UploadProblem::Unreadable => "The upload could not be read. Please try again.".into(),
        UploadProblem::AltRequired => {
            "Describe the image in Ukrainian: this text is read by those who cannot see the image."
                .into()
        }
        UploadProblem::AltTooLong { max, .. } => {
            format!("The description is too long: {max} characters at most.")
        }
        UploadProblem::NotAPdf => {
            "This is not a PDF (the file's content is checked, not its name). Save the document as PDF.".into()
        }
        UploadProblem::Encrypted => {
            "The PDF is password-protected or encrypted. Attach an unprotected copy.".into()
        }
        UploadProblem::ActiveContent => {
            "The PDF holds scripts, embedded files or launch actions, which are not accepted. Save it again as a plain PDF (for example, Print → Save as PDF).".into()
        }
        UploadProblem::TitleRequired => "Name the document: the name is its link.".into(),
        UploadProblem::TitleTooLong { max } => {
            format!("The name is too long: {max} characters at most.")
        }
    }
}

static UK: MediaTexts = MediaTexts {
    problem: problem_uk,
    field_file: "Файл зображення",
    file_hint: "JPEG, PNG або WebP, до 10 МБ. Метадані файлу (EXIF, геолокацію) буде видалено.",
    field_alt_uk: "Опис зображення українською",
    alt_uk_hint: "Що на зображенні — для тих, хто його не бачить. Обов’язково.",
    field_alt_en: "Опис англійською",
    alt_en_hint: "Необов’язково; без нього англійська сторінка покаже український опис.",
    upload: "Завантажити зображення",
    uploading: "Завантаження",
    processing: "Обробка зображення…",
    uploaded: "Зображення завантажено.",
    document_file: "Файл PDF",
    document_hint: "До 20 МБ. Перевіряється вміст: лише цілі, незашифровані PDF без сценаріїв.",
    document_title: "Назва документа",
    document_title_hint:
        "Так буде назване посилання, наприклад «Повний текст» чи «Додаток 1. Методика».",
    document_upload: "Додати PDF",
    document_processing: "Перевірка PDF…",
    document_uploaded: "PDF додано.",
};

static EN: MediaTexts = MediaTexts {
    problem: problem_en,
    field_file: "Image file",
    file_hint: "JPEG, PNG or WebP, up to 10 MB. The file's metadata (EXIF, location) is removed.",
    field_alt_uk: "Description of the image in Ukrainian",
    alt_uk_hint: "What the image shows, for those who cannot see it. Required.",
    field_alt_en: "Description in English",
    alt_en_hint: "Optional; without it the English page shows the Ukrainian description.",
    upload: "Upload the image",
    uploading: "Uploading",
    processing: "Processing the image…",
    uploaded: "The image has been uploaded.",
    document_file: "PDF file",
    document_hint:
        "Up to 20 MB. Its content is checked: whole, unencrypted PDFs without scripts only.",
    document_title: "Document name",
    document_title_hint: "The link's words, for example “Full text” or “Annex 1. Method”.",
    document_upload: "Attach the PDF",
    document_processing: "Checking the PDF…",
    document_uploaded: "The PDF has been attached.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::types::MAX_UPLOAD_BYTES;

    #[test]
    fn reasons_name_the_limit_and_what_the_file_is() {
        let large = UploadProblem::TooLarge {
            limit_bytes: MAX_UPLOAD_BYTES,
        };
        assert!((texts(Lang::Uk).problem)(&large).contains("10 МБ"));
        assert!((texts(Lang::En).problem)(&large).contains("10 MB"));
        let gif = UploadProblem::NotAnImage {
            looks_like: Some("GIF".into()),
        };
        assert!((texts(Lang::En).problem)(&gif).ends_with("looks like GIF."));
    }
}
