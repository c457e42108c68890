//! The demo call (sample data, not a real call of the programme) and applications of real
//! hromadas: two submitted, one awaiting its partner's confirmation, one that breaks the rules
//! and says why. Loaded only by `spilno load-demo`.

use super::storage::{self, PartnershipError};
use super::types::*;
use crate::audit::Actor;
use crate::db::Db;
use crate::hromadas::index::RegistryIndex;
use crate::on_db;

pub const TITLE: &str = "Конкурс сільсько-міських партнерств 2027 (демонстраційний)";

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

/// Adds the demo call and its applications unless the call is there.
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
    let actor = Actor::Shell;
    let call = storage::save_call(db, &actor, None, &call_form(initiative)).await?;
    storage::advance_phase(db, &actor, call, Phase::Draft).await?;
    for demo in &APPLICATIONS {
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
    }
    Ok(true)
}
