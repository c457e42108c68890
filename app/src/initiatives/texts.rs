//! The words of the initiative pages and editor, in both languages.

use super::types::{InitiativeStatus, PartnerRole};
use crate::i18n::Lang;

pub struct InitiativeTexts {
    pub title: &'static str,
    pub description: &'static str,
    pub search_label: &'static str,
    pub search: &'static str,
    pub status: &'static str,
    pub any_status: &'static str,
    pub sector: &'static str,
    pub any_sector: &'static str,
    pub partner: &'static str,
    pub any_partner: &'static str,
    pub unknown_choice: &'static str,
    pub none: &'static str,
    pub found: fn(usize) -> String,
    pub all: &'static str,
    pub goals: &'static str,
    pub directions: &'static str,
    pub partners: &'static str,
    pub timeline: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub open_ended: &'static str,
    pub sectors: &'static str,
    pub territories: &'static str,
    pub links: &'static str,
    pub news: &'static str,
    pub all_news: fn(i64) -> String,
    pub no_news: &'static str,
    pub english_missing: &'static str,
    pub share: &'static str,
}

pub fn texts(lang: Lang) -> &'static InitiativeTexts {
    match lang {
        Lang::Uk => &UK,
        Lang::En => &EN,
    }
}

pub fn status_name(lang: Lang, status: InitiativeStatus) -> &'static str {
    match (lang, status) {
        (Lang::Uk, InitiativeStatus::Planned) => "Заплановано",
        (Lang::Uk, InitiativeStatus::Active) => "Триває",
        (Lang::Uk, InitiativeStatus::Completed) => "Завершено",
        (Lang::En, InitiativeStatus::Planned) => "Planned",
        (Lang::En, InitiativeStatus::Active) => "Active",
        (Lang::En, InitiativeStatus::Completed) => "Completed",
    }
}

pub fn role_name(lang: Lang, role: PartnerRole) -> &'static str {
    match (lang, role) {
        (Lang::Uk, PartnerRole::Implementer) => "Виконавець",
        (Lang::Uk, PartnerRole::Donor) => "Донорська програма",
        (Lang::Uk, PartnerRole::Partner) => "Партнер",
        (Lang::En, PartnerRole::Implementer) => "Implementer",
        (Lang::En, PartnerRole::Donor) => "Donor programme",
        (Lang::En, PartnerRole::Partner) => "Partner",
    }
}

static UK: InitiativeTexts = InitiativeTexts {
    title: "Ініціативи",
    description: "Програми та проєкти розвитку громад: напрями, партнери, території, новини.",
    search_label: "Пошук ініціатив",
    search: "Шукати",
    status: "Стан",
    any_status: "Будь-який стан",
    sector: "Сектор",
    any_sector: "Усі сектори",
    partner: "Партнер",
    any_partner: "Усі партнери",
    unknown_choice: "Такого варіанта немає; показано без цього фільтра.",
    none: "Ініціатив за цими умовами не знайдено.",
    found: |n| {
        let word = crate::i18n::plural_uk(n as i64, "ініціатива", "ініціативи", "ініціатив");
        format!("Знайдено {n} {word}")
    },
    all: "Усі ініціативи",
    goals: "Мета",
    directions: "Напрями",
    partners: "Партнери",
    timeline: "Терміни",
    starts: "Початок",
    ends: "Завершення",
    open_ended: "без кінцевої дати",
    sectors: "Сектори",
    territories: "Території",
    links: "Посилання",
    news: "Новини ініціативи",
    all_news: |n| format!("Усі новини ініціативи ({n})"),
    no_news: "Новин ще немає.",
    english_missing: "",
    share: "Поділитися",
};

static EN: InitiativeTexts = InitiativeTexts {
    title: "Initiatives",
    description:
        "Programmes and projects for hromada development: directions, partners, places, news.",
    search_label: "Search initiatives",
    search: "Search",
    status: "Status",
    any_status: "Any status",
    sector: "Sector",
    any_sector: "All sectors",
    partner: "Partner",
    any_partner: "All partners",
    unknown_choice: "No such choice; shown without this filter.",
    none: "No initiatives match these filters.",
    found: |n| format!("{n} initiative{} found", if n == 1 { "" } else { "s" }),
    all: "All initiatives",
    goals: "Goals",
    directions: "Directions",
    partners: "Partners",
    timeline: "Timeline",
    starts: "Starts",
    ends: "Ends",
    open_ended: "no end date",
    sectors: "Sectors",
    territories: "Places",
    links: "Links",
    news: "News of the initiative",
    all_news: |n| format!("All news of the initiative ({n})"),
    no_news: "No news yet.",
    english_missing: "This initiative has no English version yet; it is shown in Ukrainian.",
    share: "Share",
};
