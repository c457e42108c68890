//! The demo publication: the Analytical Centre's method as the programme describes it (sectoral
//! dialogues in the regions, needs surveys, notes and recommendations by sector), linked to the
//! demo survey and initiative. No findings are invented. Loaded only by `spilno load-demo`, once.

use super::storage::{save, PublicationError};
use super::types::{PublicationForm, PublicationKind};
use crate::audit::Actor;
use crate::db::Db;
use crate::on_db;

pub const TITLE: &str = "Як Аналітичний центр вивчає потреби громад";

const BODY_UK: &str = "\
## Чотири сектори

Аналітичний центр АМУ вивчає потреби громад за секторами: **освіта**; **соціальний захист і \
соціальні послуги**; **місцевий економічний розвиток**; **комунальні послуги та відповідна \
інфраструктура**.

## Три джерела

1. **Секторальні діалоги в регіонах.** Громади області обговорюють один сектор: порядок денний, \
учасники й підсумки записуються, а названі потреби — з пріоритетом від 1 до 5.
2. **Опитування потреб.** Представник громади відповідає за свою громаду; відповіді зберігаються \
в міру заповнення й подаються один раз, а панель результатів оновлюється одразу.
3. **Потреби громад.** Кожна потреба має сектор, пріоритет, стан (виявлено, вирішується, \
задоволено) і джерело — діалог чи опитування.

## Що з цього виходить

Аналітичні записки, методологічні матеріали й рекомендації. Кожна рекомендація має адресата, а \
її подальша доля записується датованими кроками: надіслано, прийнято до розгляду, виконується, \
виконано чи відхилено.
";

fn form(initiative: &str, survey: Option<i64>) -> PublicationForm {
    PublicationForm {
        kind: PublicationKind::Method.as_str().into(),
        published_on: crate::clock::kyiv_day(crate::audit::now()),
        title_uk: TITLE.into(),
        title_en: "How the Analytical Centre studies hromadas' needs".into(),
        authors: "Аналітичний центр АМУ".into(),
        abstract_uk: "Сектори, джерела даних і шлях від потреби громади до рекомендації: \
                      секторальні діалоги, опитування потреб, аналітичні записки й рекомендації \
                      з відстеженням їх виконання."
            .into(),
        abstract_en: "Sectors, sources of evidence and the way from a hromada's need to a \
                      recommendation: sectoral dialogues, needs surveys, analytical notes and \
                      recommendations whose follow-up is tracked."
            .into(),
        body_uk: BODY_UK.into(),
        sectors: vec![
            "education".into(),
            "social-protection".into(),
            "local-economic-development".into(),
            "communal-services".into(),
        ],
        initiative: initiative.into(),
        surveys: survey.map(|id| id.to_string()).into_iter().collect(),
        ..PublicationForm::default()
    }
}

/// Adds the demo publication unless it is there; `initiative` is the demo initiative's slug.
pub async fn load(db: &Db, initiative: &str) -> Result<bool, PublicationError> {
    let existing: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT id FROM publications WHERE title_uk = $1"
    )
    .bind(TITLE)
    .fetch_optional(pool)
    .await)?;
    if existing.is_some() {
        return Ok(false);
    }
    let survey: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT id FROM surveys WHERE title_uk = $1"
    )
    .bind(crate::analytics::demo::TITLE)
    .fetch_optional(pool)
    .await)?;
    save(db, &Actor::Shell, None, &form(initiative, survey)).await?;
    Ok(true)
}
