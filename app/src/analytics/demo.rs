//! The demo survey: a needs survey of every hromada, open from the moment the demo is loaded
//! for ninety days, with no answers (answers are hromadas' own words; none are invented).
//! Loaded only by `spilno load-demo`, once.

use super::storage::{save, SurveyError};
use super::types::*;
use crate::audit::Actor;
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::on_db;

pub const TITLE: &str = "Потреби громад — 2026";

fn question(
    kind: QuestionKind,
    required: bool,
    text: (&str, &str),
    options: &[(&str, &str)],
) -> QuestionForm {
    QuestionForm {
        kind,
        required,
        text_uk: text.0.into(),
        text_en: text.1.into(),
        options_uk: options.iter().map(|o| o.0).collect::<Vec<_>>().join("\n"),
        options_en: options.iter().map(|o| o.1).collect::<Vec<_>>().join("\n"),
        ..QuestionForm::default()
    }
}

pub fn form(now: i64) -> SurveyForm {
    let mut displaced = question(
        QuestionKind::Number,
        false,
        (
            "Скільки внутрішньо переміщених осіб проживає в громаді?",
            "How many internally displaced people live in the hromada?",
        ),
        &[],
    );
    displaced.unit_uk = "осіб".into();
    displaced.unit_en = "people".into();
    displaced.min = "0".into();
    displaced.max = "1000000".into();
    let mut budget = question(
        QuestionKind::Number,
        false,
        (
            "Яка частка бюджету розвитку у видатках громади?",
            "What share of the hromada's spending is its development budget?",
        ),
        &[],
    );
    budget.unit_uk = "%".into();
    budget.unit_en = "%".into();
    budget.min = "0".into();
    budget.max = "100".into();
    let mut staff = question(
        QuestionKind::Scale,
        true,
        (
            "Наскільки громада забезпечена фахівцями для підготовки й виконання проєктів?",
            "How well is the hromada staffed to prepare and run projects?",
        ),
        &[],
    );
    staff.help_uk = "1 — зовсім не забезпечена, 5 — повністю.".into();
    staff.help_en = "1 not at all, 5 fully.".into();
    SurveyForm {
        title_uk: TITLE.into(),
        title_en: "Hromadas' needs — 2026".into(),
        intro_uk: "Аналітичний центр АМУ збирає потреби громад за секторами, щоб підготувати рекомендації й теми секторальних діалогів.\nВідповіді можна зберігати частинами й змінювати, доки опитування відкрите.".into(),
        intro_en: "The AUC analytical centre gathers hromadas' needs by sector to prepare recommendations and the topics of sectoral dialogues.\nAnswers can be saved in parts and changed while the survey is open.".into(),
        sector: String::new(),
        opens_at: crate::clock::kyiv_local_string(now - 86_400),
        closes_at: crate::clock::kyiv_local_string(now + 90 * 86_400),
        oblasts: Vec::new(),
        kinds: Vec::new(),
        public_results: true,
        questions: vec![
            question(
                QuestionKind::Single,
                true,
                ("Чи має громада чинну стратегію розвитку?", "Does the hromada have a development strategy in force?"),
                &[("Так", "Yes"), ("Розробляється", "Being prepared"), ("Ні", "No")],
            ),
            question(
                QuestionKind::Multiple,
                true,
                ("Які сфери найбільше потребують підтримки?", "Which fields need support most?"),
                &[
                    ("Освіта", "Education"),
                    ("Соціальний захист та соціальні послуги", "Social protection and social services"),
                    ("Місцевий економічний розвиток", "Local economic development"),
                    ("Комунальні послуги та інфраструктура", "Communal services and infrastructure"),
                ],
            ),
            staff,
            displaced,
            budget,
            question(
                QuestionKind::Scale,
                false,
                ("Як ви оцінюєте співпрацю з сусідніми громадами?", "How do you rate cooperation with neighbouring hromadas?"),
                &[],
            ),
            question(
                QuestionKind::ShortText,
                false,
                ("Найважливіша потреба громади — одним реченням", "The hromada's most important need, in one sentence"),
                &[],
            ),
            question(
                QuestionKind::LongText,
                false,
                ("Що заважає громаді залучати інвестиції?", "What keeps investment away from the hromada?"),
                &[],
            ),
        ],
    }
}

/// Adds the demo survey unless a survey of its title exists; whether it was added.
pub async fn load(db: &Db, registry: &RegistryIndex) -> Result<bool, SurveyError> {
    let existing: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT id FROM surveys WHERE title_uk = $1"
    )
    .bind(TITLE)
    .fetch_optional(pool)
    .await)?;
    if existing.is_some() {
        return Ok(false);
    }
    save(
        db,
        registry,
        &Actor::Shell,
        None,
        &form(crate::audit::now()),
    )
    .await?;
    Ok(true)
}

/// For the benchmark only: a survey of 30 questions (every kind, none required) answered and
/// submitted by every hromada it asks, and `needs` needs spread over hromadas and sectors.
/// Values follow a fixed pseudo-random sequence, so runs compare. Returns the survey's id.
pub async fn generate(db: &Db, registry: &RegistryIndex, needs: usize) -> Result<i64, SurveyError> {
    let now = crate::audit::now();
    let mut form = form(now);
    form.title_uk = "Синтетичне опитування (бенчмарк)".into();
    form.questions = (0..30)
        .map(|i| {
            let kind = QuestionKind::ALL[i % QuestionKind::ALL.len()];
            let mut q = question(kind, false, (&format!("Питання {}", i + 1), ""), &[]);
            if kind.has_options() {
                q.options_uk = (1..=5)
                    .map(|o| format!("Варіант {o}"))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            if kind == QuestionKind::Number {
                q.min = "0".into();
                q.max = "10000".into();
            }
            q
        })
        .collect();
    let survey = save(db, registry, &Actor::Shell, None, &form).await?;
    let questions = super::storage::questions(db, survey, crate::i18n::Lang::Uk).await?;
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let targeting = super::storage::targeting(db, survey).await?;
    let hromadas: Vec<String> = targeting
        .hromadas(registry)
        .map(|h| h.katottg.clone())
        .collect();
    for hromada in &hromadas {
        let answers = questions
            .iter()
            .map(|q| {
                let mut input = AnswerInput {
                    question: q.id,
                    ..AnswerInput::default()
                };
                match q.kind {
                    QuestionKind::Single => input.choices = vec![q.options[next(5) as usize].id],
                    QuestionKind::Multiple => {
                        input.choices = q
                            .options
                            .iter()
                            .filter(|_| next(2) == 0)
                            .map(|o| o.id)
                            .collect()
                    }
                    QuestionKind::Scale => input.value = (1 + next(5)).to_string(),
                    QuestionKind::Number => input.value = next(10_000).to_string(),
                    QuestionKind::ShortText | QuestionKind::LongText => {
                        input.value = format!("Відповідь {}", next(1000))
                    }
                }
                input
            })
            .collect();
        super::storage::save_answers(
            db,
            registry,
            &Actor::Shell,
            survey,
            hromada,
            &AnswerForm { answers },
            true,
            crate::i18n::Lang::Uk,
            now,
        )
        .await?;
    }
    let sectors = crate::sectors::storage::all_with_ids(db).await?;
    let statuses = ["identified", "addressed", "met"];
    let all: Vec<&crate::hromadas::types::Hromada> = registry.all().collect();
    // Many rows per statement: a hundred thousand single inserts would take minutes.
    let batch = 500;
    let mut written = 0;
    while written < needs {
        let count = batch.min(needs - written);
        let mut sql = String::from(
            "INSERT INTO needs (hromada_katottg, oblast_katottg, kind, sector_id, title, description, \
             priority, status, created_at, updated_at) VALUES ",
        );
        let mut rows = Vec::with_capacity(count);
        for i in 0..count {
            let h = all[next(all.len() as u64) as usize];
            let sector = sectors[next(sectors.len() as u64) as usize].0;
            let title = format!("Потреба {}", next(40));
            rows.push((
                h,
                sector,
                title,
                1 + next(5) as i64,
                statuses[next(3) as usize],
            ));
            let base = i * 7;
            sql.push_str(&format!(
                "{}(${}, ${}, ${}, ${}, ${}, '', ${}, ${}, {now}, {now})",
                if i > 0 { ", " } else { "" },
                base + 1,
                base + 2,
                base + 3,
                base + 4,
                base + 5,
                base + 6,
                base + 7,
            ));
        }
        on_db!(db, write, |pool| {
            let mut query = sqlx::query(&sql);
            for (h, sector, title, priority, status) in &rows {
                query = query
                    .bind(&h.katottg)
                    .bind(&h.oblast_katottg)
                    .bind(h.kind.as_str())
                    .bind(*sector)
                    .bind(title)
                    .bind(*priority)
                    .bind(*status);
            }
            query.execute(pool).await.map(|_| ())
        })?;
        written += count;
    }
    Ok(survey)
}
