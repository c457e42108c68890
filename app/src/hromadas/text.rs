//! How names are searched and sorted, the same way in both databases.

const UKRAINIAN_ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
const APOSTROPHES: [char; 5] = ['\'', '’', 'ʼ', '‘', '`'];

/// Lower case, every apostrophe variant as `'`, spaces collapsed: names and queries are compared
/// in this form, so «Кам’янська», «кам'янська» and «КАМʼЯНСЬКА» all match.
pub fn search_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if APOSTROPHES.contains(&c) {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// A key whose byte order is Ukrainian alphabetical order (є after е, і and ї after и, ґ after г),
/// which neither SQLite's nor a "C"-collated PostgreSQL column gives on the raw name.
/// Each letter becomes two digits; apostrophes are ignored, as dictionaries do.
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 2);
    for c in search_form(name).chars() {
        if let Some(position) = UKRAINIAN_ALPHABET.chars().position(|l| l == c) {
            key.push_str(&format!("{:02}", position + 10));
        } else if c == ' ' || c == '-' {
            key.push_str("01");
        } else if c != '\'' {
            // Latin letters and digits after the alphabet, in code point order.
            key.push_str(&format!("9{:05}", u32::from(c)));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophe_variants_and_case_are_one_form() {
        let forms = ["Кам’янська", "кам'янська", "КАМʼЯНСЬКА", "Кам‘янська"];
        for f in forms {
            assert_eq!(search_form(f), "кам'янська", "{f}");
        }
        assert_eq!(search_form("  Біла   Церква "), "біла церква");
    }

    #[test]
    fn sort_key_follows_the_ukrainian_alphabet() {
        let mut names = vec![
            "Іршавська",
            "Їжаківська",
            "Ягідненська",
            "Єрківська",
            "Ґалаґанівська",
            "Гайсинська",
            "Жмеринська",
            "Ичня",
            "Авангардівська",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            vec![
                "Авангардівська",
                "Гайсинська",
                "Ґалаґанівська",
                "Єрківська",
                "Жмеринська",
                "Ичня",
                "Іршавська",
                "Їжаківська",
                "Ягідненська"
            ]
        );
        assert!(sort_key("Біла Церква") < sort_key("Білгород"));
        assert_eq!(sort_key("Мар’янівська"), sort_key("Марянівська"));
    }
}
