//! Words: slugs from Ukrainian titles, search terms that match word forms, highlighting.

use super::types::Segment;

/// Ukrainian to Latin by the national transliteration (Cabinet of Ministers resolution 55, 2010),
/// lower case, for slugs.
fn latin(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "iu",
        'я' => "ia",
        'ь' | '\'' | '’' | 'ʼ' => "",
        _ => "-",
    }
}

/// A URL slug: transliterated, lower case, words joined by `-`, at most 80 characters.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    let mut word_start = true;
    for c in title.to_lowercase().chars() {
        // Word-initial є, ї, й, ю, я are written ye, yi, y, yu, ya.
        let initial = match c {
            'є' => Some("ye"),
            'ї' => Some("yi"),
            'й' => Some("y"),
            'ю' => Some("yu"),
            'я' => Some("ya"),
            _ => None,
        };
        match initial {
            Some(latin) if word_start => slug.push_str(latin),
            _ if c.is_ascii_alphanumeric() => slug.push(c),
            _ => slug.push_str(latin(c)),
        }
        word_start = !c.is_alphanumeric();
    }
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut out = String::new();
    for word in words {
        if out.len() + word.len() + 1 > 80 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "news".to_string()
    } else {
        out
    }
}

/// Ukrainian endings of nouns, adjectives and verbs, longest first. Cutting them leaves a stem that
/// every form of the word starts with, so a prefix search finds «громада», «громади», «громадами».
const ENDINGS: [&str; 41] = [
    "ями", "ами", "ові", "еві", "ого", "ому", "ими", "іми", "ній", "ною", "ної", "ний", "ють",
    "ать", "ять", "ити", "ати", "ах", "ях", "ою", "ею", "ий", "ій", "их", "им", "ої", "ом", "ем",
    "ів", "ей", "ть", "ам", "ям", "а", "я", "у", "ю", "і", "и", "е", "о",
];

/// The stem searched for a query word: lower case, an ending cut while at least four letters stay.
pub fn stem(word: &str) -> String {
    let word = word.to_lowercase().replace(['’', 'ʼ', '`'], "'");
    let letters = word.chars().count();
    for ending in ENDINGS {
        let cut = ending.chars().count();
        if word.ends_with(ending) && letters - cut >= 4 {
            return word.chars().take(letters - cut).collect();
        }
    }
    word
}

/// The search stems of a query: its words (letters and digits), each stemmed, at most eight.
pub fn search_stems(query: &str) -> Vec<String> {
    let mut stems: Vec<String> = query
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == 'ʼ'))
        .map(|w| w.trim_matches(['\'', '’', 'ʼ']))
        .filter(|w| w.chars().count() >= 2)
        .map(stem)
        .collect();
    stems.dedup();
    stems.truncate(8);
    stems
}

/// `text` in runs, the words that start with one of `stems` marked.
pub fn highlight(text: &str, stems: &[String]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |text: &str, marked: bool| match segments.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => segments.push(Segment {
            text: text.to_string(),
            marked,
        }),
    };
    let mut word_start: Option<usize> = None;
    let flush = |start: usize, end: usize, push: &mut dyn FnMut(&str, bool)| {
        let word = &text[start..end];
        let lower = word.to_lowercase();
        let marked = !stems.is_empty() && stems.iter().any(|s| lower.starts_with(s.as_str()));
        push(word, marked);
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == 'ʼ' {
            word_start.get_or_insert(i);
        } else {
            if let Some(start) = word_start.take() {
                flush(start, i, &mut push);
            }
            push(&text[i..i + c.len_utf8()], false);
        }
    }
    if let Some(start) = word_start {
        flush(start, text.len(), &mut push);
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_transliterate_ukrainian() {
        assert_eq!(
            slugify("«Сприяння всебічному розвитку громад» — розпочався новий проєкт АМУ"),
            "spryiannia-vsebichnomu-rozvytku-hromad-rozpochavsia-novyi-proiekt-amu"
        );
        assert_eq!(
            slugify("Clusters4Regions: новий етап"),
            "clusters4regions-novyi-etap"
        );
        assert_eq!(slugify("«»"), "news");
        assert_eq!(slugify("Яремче і Єнакієве"), "yaremche-i-yenakiieve");
        assert!(slugify(&"дуже ".repeat(40)).len() <= 80);
    }

    #[test]
    fn stems_find_every_form_of_a_word() {
        for form in [
            "громада",
            "громади",
            "громад",
            "громадам",
            "громадами",
            "громадах",
            "громадою",
        ] {
            assert!(form.starts_with(&stem("громада")), "{form}");
            assert_eq!(stem(form), "громад", "{form}");
        }
        assert_eq!(stem("АМУ"), "аму", "short words stay whole");
        assert_eq!(
            search_stems("розвиток, громад! а"),
            vec!["розвиток", "громад"]
        );
    }

    #[test]
    fn highlighting_marks_matching_words_only() {
        let stems = search_stems("громада");
        let segments = highlight("Громади та їхні громадяни, а не гром.", &stems);
        let marked: Vec<&str> = segments
            .iter()
            .filter(|s| s.marked)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["Громади", "громадяни"]);
        let whole: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(whole, "Громади та їхні громадяни, а не гром.");
    }
}
