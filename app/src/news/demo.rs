//! The demo news, from the seed item `../shared/demo/auc-ulead-news-uk.txt` (copied into
//! `app/demo/`): the item announcing the programme, with its tags and source, and the four
//! headlines listed beside it, as short items. Loaded only by `spilno load-demo`.

use super::storage::{save, NewsDraft, NewsError};
use super::types::NewsState;
use crate::audit::Actor;
use crate::db::Db;

const SEED: &str = include_str!("../../demo/auc-ulead-news-uk.txt");

/// The seed does not give the item's own date; the project it announces ran until July 2022,
/// so the demo dates it at the start of 2021.
const SEED_PUBLISHED: i64 = 1_611_136_800; // 2021-01-20 12:00 Kyiv

/// The demo items as drafts, parsed from the seed text.
pub fn drafts() -> Vec<NewsDraft> {
    let lines: Vec<&str> = SEED.lines().map(str::trim).collect();
    let title = lines[0].to_string();
    let attached = lines
        .iter()
        .position(|l| *l == "Приєднані зображення:")
        .expect("seed layout");
    let body_lines = &lines[1..attached];
    let lead = body_lines[0].to_string();
    // Markdown: paragraphs apart, the list of directions as a list.
    let mut body = String::new();
    for line in body_lines {
        if !body.is_empty() {
            body.push_str(if line.starts_with("- ") { "\n" } else { "\n\n" });
        }
        body.push_str(line);
    }
    let after = |label: &str| {
        let i = lines.iter().position(|l| *l == label).expect("seed layout");
        lines[i + 1]
    };
    // «міжнародна підтримка створення спроможних громад АМУ» is three tags run together.
    let tags_line = after("Теги:");
    let tags: Vec<String> = ["міжнародна підтримка", "створення спроможних громад", "АМУ"]
        .into_iter()
        .filter(|t| tags_line.contains(t))
        .map(str::to_string)
        .collect();
    let mut items = vec![NewsDraft {
        title_uk: title,
        lead_uk: lead,
        body_uk: body,
        state: Some(NewsState::Published),
        publish_at: SEED_PUBLISHED,
        source_name: after("Джерело:").to_string(),
        source_url: "https://u-lead.org.ua".to_string(),
        tags,
        ..NewsDraft::default()
    }];
    // The related headlines: a date, a title, a shortened title, a teaser ending in "...".
    let share = lines
        .iter()
        .position(|l| *l == "Поділитися новиною:")
        .expect("seed layout");
    // Listed newest first: on a shared day, each a minute before the one above it.
    let headlines = lines[share + 1..].chunks(4).filter(|c| c.len() == 4);
    for (position, chunk) in headlines.enumerate() {
        let teaser = chunk[3]
            .trim_end_matches("...")
            .trim_end_matches('…')
            .trim()
            .to_string();
        items.push(NewsDraft {
            title_uk: chunk[1].to_string(),
            lead_uk: format!("{teaser}…"),
            body_uk: format!("{teaser}…"),
            state: Some(NewsState::Published),
            publish_at: crate::clock::kyiv_day_start(&ukrainian_date(chunk[0]))
                .unwrap_or(SEED_PUBLISHED)
                + 10 * 3600
                - 60 * position as i64,
            ..NewsDraft::default()
        });
    }
    items
}

/// «06 лютого 2026» as `2026-02-06`.
fn ukrainian_date(text: &str) -> String {
    let months = super::texts::texts(crate::i18n::Lang::Uk).months;
    let parts: Vec<&str> = text.split_whitespace().collect();
    match parts.as_slice() {
        [day, month, year] => match months.iter().position(|m| m == month) {
            Some(m) => format!("{year}-{:02}-{day:0>2}", m + 1),
            None => String::new(),
        },
        _ => String::new(),
    }
}

/// Saves the demo items that are not there yet; returns how many it saved. The seed item
/// belongs to the demo initiative.
pub async fn load(db: &Db, initiative: Option<i64>) -> Result<usize, NewsError> {
    let mut saved = 0;
    for (position, mut draft) in drafts().into_iter().enumerate() {
        if position == 0 {
            draft.initiative_id = initiative;
            draft.sectors = vec!["local-economic-development".to_string()];
        }
        let slug = super::text::slugify(&draft.title_uk);
        let exists: Option<i64> = crate::on_db!(db, read, |pool| sqlx::query_scalar(
            "SELECT news_id FROM news_slugs WHERE slug = $1"
        )
        .bind(&slug)
        .fetch_optional(pool)
        .await)?;
        if exists.is_none() {
            save(db, &Actor::Shell, None, &draft).await?;
            saved += 1;
        }
    }
    Ok(saved)
}

/// Words for synthetic items; none is a form of «громада», which only every tenth item gets.
const WORDS: [&str; 40] = [
    "розвиток",
    "місто",
    "село",
    "бюджет",
    "школа",
    "дорога",
    "проєкт",
    "партнерство",
    "рада",
    "жителі",
    "інвестиції",
    "вода",
    "енергія",
    "лікарня",
    "молодь",
    "культура",
    "підприємці",
    "спорт",
    "транспорт",
    "безпека",
    "відновлення",
    "стратегія",
    "послуги",
    "освіта",
    "ринок",
    "земля",
    "ліс",
    "річка",
    "парк",
    "бібліотека",
    "співпраця",
    "план",
    "звіт",
    "конкурс",
    "програма",
    "регіон",
    "управління",
    "доступність",
    "екологія",
    "туризм",
];

/// The sectors the schema starts with; each synthetic item has one.
const SECTORS: [&str; 4] = [
    "education",
    "social-protection",
    "local-economic-development",
    "communal-services",
];

/// `count` synthetic published items for the benchmark: ~600 words in 6 paragraphs, 3 of 200
/// tags, dates spread over 5 years, «громада» in every tenth. Deterministic.
pub async fn generate(db: &Db, count: usize) -> Result<usize, NewsError> {
    let start = crate::audit::now() - 5 * 365 * 24 * 3600;
    let step = (5 * 365 * 24 * 3600) / count.max(1) as i64;
    let word = |i: usize, j: usize| WORDS[(i * 7919 + j * 104_729 + j * j) % WORDS.len()];
    for i in 0..count {
        let mut body = String::new();
        for paragraph in 0..6 {
            if paragraph > 0 {
                body.push_str("\n\n");
            }
            let words: Vec<&str> = (0..100).map(|j| word(i, paragraph * 100 + j)).collect();
            body.push_str(&words.join(" "));
            body.push('.');
        }
        if i % 10 == 0 {
            body.push_str(" Громада ухвалила рішення.");
        }
        let draft = NewsDraft {
            title_uk: format!("Новина {i}: {} і {}", word(i, 1), word(i, 2)),
            lead_uk: format!("{} {} {}.", word(i, 3), word(i, 4), word(i, 5)),
            body_uk: body,
            state: Some(NewsState::Published),
            publish_at: start + step * i as i64,
            tags: (0..3)
                .map(|k| format!("тема {}", (i * 3 + k * 67) % 200))
                .collect(),
            sectors: vec![SECTORS[i % SECTORS.len()].to_string()],
            ..NewsDraft::default()
        };
        save(db, &Actor::Shell, None, &draft).await?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_seed_gives_the_item_and_four_headlines() {
        let items = super::drafts();
        assert_eq!(items.len(), 5);
        let seed = &items[0];
        assert!(seed
            .title_uk
            .starts_with("«Сприяння всебічному розвитку громад"));
        assert_eq!(
            seed.tags,
            vec!["міжнародна підтримка", "створення спроможних громад", "АМУ"]
        );
        assert_eq!(seed.source_name, "Програма «U-LEAD з Європою»");
        assert_eq!(
            seed.body_uk.matches("\n- ").count(),
            3,
            "three directions as a list"
        );
        assert!(items[1]
            .title_uk
            .starts_with("Акселераційна програма Clusters4Regions"));
        assert_eq!(
            crate::clock::kyiv_minutes(items[1].publish_at),
            "2026-02-06 10:00"
        );
        assert_eq!(super::ukrainian_date("5 лютого 2026"), "2026-02-05");
    }
}
