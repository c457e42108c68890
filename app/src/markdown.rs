//! Markdown to HTML that is safe to put in a page: rendered by pulldown-cmark, then cleaned by
//! ammonia (no scripts, no event handlers, no `javascript:` links, external links `noopener`).

use pulldown_cmark::{html, Options, Parser};

pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, parser);
    sanitize(&rendered)
}

pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: [&str; 16] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"background:url(javascript:x)\" onclick=\"x()\">p</p>",
        "**громада**",
        "# Заголовок\n",
        "- пункт\n",
        "[сайт](https://auc.org.ua)",
        "\n\n",
        "<",
        "\"'>",
        "текст ",
    ];

    /// What would run in a browser: script-capable elements, event-handler attributes,
    /// `javascript:` URLs or inline styles, inside any tag. (Text outside tags is escaped.)
    fn unsafe_parts(html: &str) -> Vec<String> {
        let mut found = Vec::new();
        for tag in html.to_lowercase().split('<').skip(1) {
            let inside = tag.split('>').next().unwrap_or_default();
            let name = inside.split_whitespace().next().unwrap_or_default();
            let bad_name = ["script", "iframe", "svg", "object", "embed", "style"].contains(&name);
            let handler = inside
                .split_whitespace()
                .skip(1)
                .any(|attr| attr.starts_with("on"));
            if bad_name || handler || inside.contains("javascript:") || inside.contains("style=") {
                found.push(format!("<{inside}>"));
            }
        }
        found
    }

    proptest! {
        #[test]
        fn nothing_dangerous_survives_and_cleaning_is_idempotent(
            picks in proptest::collection::vec((0..PIECES.len(), "[a-zа-я <>\"'=:/()]{0,12}"), 0..12)
        ) {
            let markdown: String = picks.iter().map(|(i, noise)| format!("{}{noise}", PIECES[*i])).collect();
            let html = to_safe_html(&markdown);
            prop_assert!(unsafe_parts(&html).is_empty(), "{:?} in {html}", unsafe_parts(&html));
            prop_assert_eq!(sanitize(&html), html.clone());
        }
    }

    #[test]
    fn markdown_keeps_its_meaning() {
        let html =
            to_safe_html("Абзац з **жирним** і [посиланням](https://auc.org.ua).\n\n- один\n- два");
        assert!(html.contains("<strong>жирним</strong>"));
        assert!(html.contains(
            "<a href=\"https://auc.org.ua\" rel=\"noopener noreferrer nofollow\">посиланням</a>"
        ));
        assert!(html.contains("<li>один</li>"));
    }
}
