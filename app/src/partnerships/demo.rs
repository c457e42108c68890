//! The demo calls (sample data, not real calls of the programme) with applications of real
//! hromadas. One takes applications: two submitted, one awaiting its partner's confirmation,
//! one that breaks the rules and says why. The other is in evaluation: three applications, each
//! with three of the demo evaluators, every score in but one (the second demo evaluator's, of
//! the third application), so the ranking and the confirmation wait for it. Loaded only by
//! `spilno load-demo`, after the demo accounts.

use super::storage::{self, PartnershipError};
use super::types::*;
use crate::audit::Actor;
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::on_db;

pub const TITLE: &str = "Конкурс сільсько-міських партнерств 2027 (демонстраційний)";
pub const EVALUATION_TITLE: &str =
    "Конкурс партнерств громад 2026 (демонстраційний, етап оцінювання)";

fn call_form(initiative: &str) -> CallForm {
    let now = crate::audit::now();
    let day = 24 * 3600;
    let criterion =
        |name_uk: &str, name_en: &str, description_uk: &str, weight: &str| CriterionForm {
            name_uk: name_uk.into(),
            name_en: name_en.into(),
            description_uk: description_uk.into(),
            weight: weight.into(),
            max_score: "10".into(),
            threshold: "4".into(),
        };
    CallForm {
        title_uk: TITLE.into(),
        title_en: "Rural–urban partnership call 2027 (demo)".into(),
        description_uk: "Демонстраційний конкурс. Міська чи селищна громада разом із сільськими \
            громадами своєї або сусідньої області готує спільний проєкт розвитку в межах \
            міжмуніципального співробітництва."
            .into(),
        description_en:
            "A demo call. An urban or settlement hromada and rural hromadas of its own \
            or a neighbouring oblast prepare a joint development project through inter-municipal \
            cooperation."
                .into(),
        initiative: initiative.into(),
        sectors: vec![
            "local-economic-development".into(),
            "communal-services".into(),
        ],
        opens_at: crate::clock::kyiv_local_string(now - day),
        closes_at: crate::clock::kyiv_local_string(now + 60 * day),
        budget: "12000000".into(),
        max_grant: "2000000".into(),
        min_cofinancing: "10".into(),
        winners: "5".into(),
        rules: vec![RULE_MIXED_KINDS.into(), RULE_ONE_APPLICATION.into()],
        geography: Geography::Neighbouring.as_str().into(),
        members_min: "2".into(),
        members_max: "4".into(),
        population_min: String::new(),
        population_max: String::new(),
        criteria: vec![
            criterion(
                "Обґрунтованість потреби",
                "The need is well founded",
                "Проблему підтверджують дані та записані потреби громад.",
                "3",
            ),
            criterion(
                "Якість партнерства",
                "Quality of the partnership",
                "Ролі громад, внесок кожної, форма співробітництва.",
                "3",
            ),
            criterion(
                "Реалістичність бюджету",
                "A realistic budget",
                "Статті відповідають заходам; співфінансування підтверджене.",
                "2",
            ),
            criterion(
                "Сталість результатів",
                "Lasting results",
                "Що залишиться після завершення проєкту.",
                "2",
            ),
        ],
        evaluators: Vec::new(),
        pass_total: "50".into(),
    }
}

struct DemoApplication {
    lead: &'static str,
    partners: &'static [&'static str],
    title: &'static str,
    confirm: bool,
    submit: bool,
}

const APPLICATIONS: [DemoApplication; 4] = [
    DemoApplication {
        lead: "UA32080150000035443",        // Ірпінська
        partners: &["UA32140010000049369"], // Бишівська
        title:
            "Спільний центр надання адміністративних послуг для сільських старостинських округів",
        confirm: true,
        submit: true,
    },
    DemoApplication {
        lead: "UA18040190000029215",        // Житомирська
        partners: &["UA05020010000053508"], // Агрономічна
        title: "Міжмуніципальна система збирання та сортування відходів",
        confirm: true,
        submit: true,
    },
    DemoApplication {
        lead: "UA46060130000059055",        // Жовківська
        partners: &["UA46060310000086550"], // Оброшинська
        title: "Шкільний автобусний маршрут для трьох громад",
        confirm: false,
        submit: false,
    },
    DemoApplication {
        lead: "UA05040010000022470",        // Бершадська
        partners: &["UA46060370000065608"], // Пустомитівська
        title: "Обмін досвідом з енергоефективності",
        confirm: false,
        submit: false,
    },
];

fn application_form(
    call: i64,
    demo: &DemoApplication,
    registry: &RegistryIndex,
) -> ApplicationForm {
    let name = |code: &str| {
        registry
            .hromada(code)
            .map_or_else(|| code.to_string(), |h| h.name_uk.clone())
    };
    ApplicationForm {
        call,
        title: demo.title.into(),
        summary: format!(
            "Громади {} і {} спільно розв’язують проблему, яку обидві назвали в опитуванні потреб.",
            name(demo.lead),
            demo.partners
                .iter()
                .map(|p| name(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        partners: demo.partners.join(", "),
        sectors: vec!["communal-services".into()],
        problem: "Жителі сільських населених пунктів витрачають на послугу до двох годин дороги; \
            окремо жодна з громад не має коштів, щоб її наблизити."
            .into(),
        activities: "1. Угода про співробітництво (спільний проєкт).\n2. Закупівля обладнання.\n\
            3. Навчання працівників.\n4. Відкриття та перші шість місяців роботи."
            .into(),
        budget: vec![
            BudgetLineForm {
                item: "Обладнання".into(),
                amount: "1200000".into(),
                cofinancing: "150000".into(),
                cofinanced_by: name(demo.lead),
            },
            BudgetLineForm {
                item: "Навчання працівників".into(),
                amount: "180000".into(),
                cofinancing: "30000".into(),
                cofinanced_by: name(demo.partners[0]),
            },
        ],
        results: vec![ResultForm {
            result: "Послуга доступна жителям усіх громад-партнерів".into(),
            indicator: "Середній час дороги до послуги".into(),
            target: "до 30 хвилин".into(),
        }],
        needs: String::new(),
    }
}

/// The demo call in evaluation's applications, all submitted.
const IN_EVALUATION: [DemoApplication; 3] = [
    DemoApplication {
        lead: "UA32080150000035443",        // Ірпінська
        partners: &["UA32140010000049369"], // Бишівська
        title: "Спільна служба шкільного підвезення",
        confirm: true,
        submit: true,
    },
    DemoApplication {
        lead: "UA18040190000029215",        // Житомирська
        partners: &["UA05020010000053508"], // Агрономічна
        title: "Міжмуніципальний центр реабілітації ветеранів",
        confirm: true,
        submit: true,
    },
    DemoApplication {
        lead: "UA32080070000050759",        // Бучанська
        partners: &["UA32080130000056481"], // Дмитрівська
        title: "Спільне комунальне підприємство з водопостачання",
        confirm: true,
        submit: true,
    },
];

type DemoScores = Option<[&'static str; 4]>;

/// Per application, the evaluators (demo emails) and their scores on the four criteria.
const EVALUATIONS: [[(&str, DemoScores); 3]; 3] = [
    [
        ("evaluator@demo.spilno.org.ua", Some(["8", "7", "7", "6"])),
        ("evaluator3@demo.spilno.org.ua", Some(["9", "8", "6", "7"])),
        ("evaluator4@demo.spilno.org.ua", Some(["7", "8", "7", "7"])),
    ],
    [
        ("evaluator@demo.spilno.org.ua", Some(["6", "5", "6", "5"])),
        ("evaluator3@demo.spilno.org.ua", Some(["7", "9", "5", "6"])),
        (
            "evaluator4@demo.spilno.org.ua",
            Some(["6", "6", "6", "5,5"]),
        ),
    ],
    [
        ("evaluator2@demo.spilno.org.ua", None),
        ("evaluator3@demo.spilno.org.ua", Some(["5", "6", "4", "5"])),
        ("evaluator4@demo.spilno.org.ua", Some(["6", "5", "5", "6"])),
    ],
];

/// Where each demo evaluator is from: Lviv, no oblast, Odesa, Kharkiv Oblasts.
const EVALUATOR_OBLASTS: [(&str, &str); 4] = [
    ("evaluator@demo.spilno.org.ua", "Львівська"),
    ("evaluator2@demo.spilno.org.ua", ""),
    ("evaluator3@demo.spilno.org.ua", "Одеська"),
    ("evaluator4@demo.spilno.org.ua", "Харківська"),
];

async fn evaluator_id(db: &Db, email: &str) -> Result<i64, PartnershipError> {
    crate::accounts::storage::by_email(db, email)
        .await?
        .map(|stored| stored.account.id)
        .ok_or(PartnershipError::NotFound)
}

/// Saves a demo application, confirmed and submitted as it says.
async fn add_application(
    db: &Db,
    registry: &RegistryIndex,
    call: i64,
    demo: &DemoApplication,
) -> Result<i64, PartnershipError> {
    let actor = Actor::Shell;
    let form = application_form(call, demo, registry);
    let id = storage::save_application(db, registry, &actor, demo.lead, None, &form).await?;
    if demo.confirm {
        for partner in demo.partners {
            storage::confirm(db, &actor, id, partner).await?;
        }
    }
    if demo.submit {
        storage::submit(db, registry, &actor, id, demo.lead).await?;
    }
    Ok(id)
}

/// The demo call in evaluation, as described in the module.
async fn load_in_evaluation(
    db: &Db,
    registry: &RegistryIndex,
    initiative: &str,
) -> Result<(), PartnershipError> {
    use storage::evaluation as review;
    let actor = Actor::Shell;
    let mut evaluators = Vec::new();
    for (email, _) in EVALUATOR_OBLASTS {
        evaluators.push(evaluator_id(db, email).await?);
    }
    let form = CallForm {
        title_uk: EVALUATION_TITLE.into(),
        title_en: "Hromada partnership call 2026 (demo, in evaluation)".into(),
        evaluators: evaluators.iter().map(i64::to_string).collect(),
        ..call_form(initiative)
    };
    let call = storage::save_call(db, &actor, None, &form).await?;
    storage::advance_phase(db, &actor, call, Phase::Draft).await?;
    let mut applications = Vec::new();
    for demo in &IN_EVALUATION {
        applications.push(add_application(db, registry, call, demo).await?);
    }
    storage::advance_phase(db, &actor, call, Phase::Open).await?;
    for ((_, oblast), evaluator) in EVALUATOR_OBLASTS.iter().zip(&evaluators) {
        let code = registry
            .oblasts()
            .iter()
            .find(|o| !oblast.is_empty() && o.name_uk.starts_with(oblast))
            .map(|o| o.katottg.clone())
            .unwrap_or_default();
        review::set_evaluator_oblast(db, registry, &actor, call, *evaluator, &code).await?;
    }
    for (application, evaluations) in applications.iter().zip(EVALUATIONS) {
        for (email, _) in evaluations {
            let evaluator = evaluator_id(db, email).await?;
            review::assign(db, registry, &actor, *application, evaluator).await?;
        }
    }
    storage::advance_phase(db, &actor, call, Phase::Closed).await?;
    for (application, evaluations) in applications.iter().zip(EVALUATIONS) {
        for (email, scores) in evaluations {
            let Some(scores) = scores else { continue };
            let evaluator = evaluator_id(db, email).await?;
            review::declare(db, registry, &actor, evaluator, *application, false, "").await?;
            let forms: Vec<ScoreForm> = scores
                .iter()
                .map(|score| ScoreForm {
                    score: score.to_string(),
                    comment: "Оцінку обґрунтовано в демонстраційних даних.".into(),
                })
                .collect();
            review::save_scores(db, &actor, evaluator, *application, &forms, true).await?;
        }
    }
    Ok(())
}

/// Adds the demo calls and their applications unless the first call is there.
pub async fn load(
    db: &Db,
    registry: &RegistryIndex,
    initiative: &str,
) -> Result<bool, PartnershipError> {
    let existing: Option<i64> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT id FROM calls WHERE title_uk = $1"
    )
    .bind(TITLE)
    .fetch_optional(pool)
    .await)?;
    if existing.is_some() {
        return Ok(false);
    }
    let call = storage::save_call(db, &Actor::Shell, None, &call_form(initiative)).await?;
    storage::advance_phase(db, &Actor::Shell, call, Phase::Draft).await?;
    for demo in &APPLICATIONS {
        add_application(db, registry, call, demo).await?;
    }
    load_in_evaluation(db, registry, initiative).await?;
    Ok(true)
}
