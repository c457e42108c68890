//! The demo initiative, from the seed item `../shared/demo/auc-ulead-news-uk.txt` (copied into
//! `app/demo/`): its aim, its three directions and its partners, as the item announces them.
//! Loaded only by `spilno load-demo`.

use super::storage::{save, InitiativeError};
use super::types::*;
use crate::audit::Actor;
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;

const SEED: &str = include_str!("../../demo/auc-ulead-news-uk.txt");

/// The item announcing the project is dated 20 January 2021 in the demo; it runs "until July 2022".
const STARTS_ON: &str = "2021-01-20";
const ENDS_ON: &str = "2022-07-31";

/// The directions' short names: the seed gives each only as a long sentence, its description.
const DIRECTION_TITLES: [(&str, &str, &[&str]); 3] = [
    (
        "Аналітичний центр АМУ та секторальні діалоги",
        "The AUC analytical centre and sectoral dialogues",
        &[
            "education",
            "social-protection",
            "local-economic-development",
            "communal-services",
        ],
    ),
    (
        "Партнерства сільських і міських громад, відібраних на конкурсі",
        "Rural–urban partnerships of hromadas selected competitively",
        &["local-economic-development"],
    ),
    ("День Діалогу", "Dialogue Day", &[]),
];

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The initiative as its form, parsed from the seed text.
pub fn form() -> InitiativeForm {
    let lines: Vec<&str> = SEED.lines().map(str::trim).collect();
    // The title line starts with the project's name in «…».
    let title = lines[0]
        .split_once('»')
        .map(|(name, _)| name.trim_start_matches('«').to_string())
        .expect("seed layout");
    let attached = lines
        .iter()
        .position(|l| *l == "Приєднані зображення:")
        .expect("seed layout");
    let body_lines = &lines[1..attached];
    let opening = body_lines[0];
    let (summary, aim) = opening
        .split_once(" Метою ініціативи є ")
        .expect("seed layout");
    let directions: Vec<&str> = body_lines
        .iter()
        .filter_map(|l| l.strip_prefix("- "))
        .collect();
    let closing = body_lines
        .iter()
        .rev()
        .find(|l| !l.starts_with("- "))
        .expect("seed layout");
    InitiativeForm {
        title_uk: title,
        title_en: "Promoting the comprehensive development of hromadas through analytics, dialogue and cooperation".into(),
        summary_uk: summary.to_string(),
        summary_en: "The Association of Ukrainian Cities (AUC), supported by the U-LEAD with Europe programme, runs the project until July 2022.".into(),
        goals_uk: capitalized(aim.trim_end_matches('.')),
        goals_en: "Build hromadas' capacity through analytical and methodological materials, inter-municipal cooperation for development projects, dialogue and inter-institutional coordination".into(),
        body_uk: format!("{opening}\n\n{closing}"),
        starts_on: STARTS_ON.into(),
        ends_on: ENDS_ON.into(),
        sectors: DIRECTION_TITLES[0].2.iter().map(|s| s.to_string()).collect(),
        directions: DIRECTION_TITLES
            .iter()
            .zip(&directions)
            .map(|((uk, en, sectors), text)| DirectionForm {
                title_uk: uk.to_string(),
                title_en: en.to_string(),
                description_uk: capitalized(text.trim_end_matches(';')),
                description_en: String::new(),
                sectors: sectors.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
        partners: vec![
            PartnerForm {
                name_uk: "Асоціація міст України".into(),
                name_en: "Association of Ukrainian Cities".into(),
                url: "https://www.auc.org.ua".into(),
                role: PartnerRole::Implementer,
            },
            PartnerForm {
                name_uk: "Програма «U-LEAD з Європою»".into(),
                name_en: "U-LEAD with Europe".into(),
                url: "https://u-lead.org.ua".into(),
                role: PartnerRole::Donor,
            },
        ],
        links: vec![LinkForm {
            title: "Програма «U-LEAD з Європою»".into(),
            url: "https://u-lead.org.ua".into(),
        }],
        published: true,
        ..InitiativeForm::default()
    }
}

/// Saves the demo initiative unless it is there; returns its id.
pub async fn load(db: &Db, registry: &RegistryIndex) -> Result<i64, InitiativeError> {
    let form = form();
    let slug = crate::news::text::slugify(&form.title_uk);
    if let Some(id) = super::storage::id_of(db, &slug).await? {
        return Ok(id);
    }
    Ok(save(db, registry, &Actor::Shell, None, &form).await?.id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_seed_gives_the_initiative_with_three_directions() {
        let form = super::form();
        assert_eq!(
            form.title_uk,
            "Сприяння всебічному розвитку громад через аналітику, діалог та співпрацю"
        );
        assert!(form.goals_uk.starts_with("Розвиток спроможності громад"));
        assert_eq!(form.directions.len(), 3);
        assert!(form.directions[0]
            .description_uk
            .starts_with("Підтримка роботи Аналітичного центру АМУ"));
        assert!(form.directions[2]
            .description_uk
            .starts_with("Проведення Дня Діалогу"));
        assert_eq!(form.partners.len(), 2);
        assert!(form.summary_uk.contains("до липня 2022"));
    }
}
