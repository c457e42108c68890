//! The words of the news pages, in both languages.

use crate::common::Day;
use crate::i18n::Lang;

pub struct NewsTexts {
    pub title: &'static str,
    pub description: &'static str,
    pub tagged: fn(&str) -> String,
    pub search_label: &'static str,
    pub search: &'static str,
    pub found: fn(i64) -> String,
    pub none: &'static str,
    pub feed: &'static str,
    pub tags: &'static str,
    pub source: &'static str,
    pub concerns: &'static str,
    pub share: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub related: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub english_missing: &'static str,
    pub all_news: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub not_a_date: &'static str,
    pub initiative: &'static str,
    pub any_initiative: &'static str,
    pub sector: &'static str,
    pub any_sector: &'static str,
    pub unknown_choice: &'static str,
    pub sectors: &'static str,
    pub gallery: &'static str,
    pub months: [&'static str; 12],
}

pub fn texts(lang: Lang) -> &'static NewsTexts {
    match lang {
        Lang::Uk => &UK,
        Lang::En => &EN,
    }
}

/// «6 лютого 2026» / «6 February 2026».
pub fn format_day(lang: Lang, day: Day) -> String {
    let month = texts(lang).months[(day.month.clamp(1, 12) - 1) as usize];
    format!("{} {month} {}", day.day, day.year)
}

static UK: NewsTexts = NewsTexts {
    title: "Новини",
    description: "Новини програми розвитку громад: аналітика, діалог, співпраця.",
    tagged: |tag| format!("Новини з теґом «{tag}»"),
    search_label: "Пошук у новинах",
    search: "Шукати",
    found: |n| {
        let word = crate::i18n::plural_uk(n, "новина", "новини", "новин");
        format!("Знайдено {} {word}", Lang::Uk.int(n))
    },
    none: "Новин не знайдено.",
    feed: "RSS-стрічка",
    tags: "Теги",
    source: "Джерело",
    concerns: "Стосується",
    share: "Поділитися",
    copy_link: "Копіювати посилання",
    link_copied: "Посилання скопійовано",
    related: "Пов’язані новини",
    previous: "Попередня",
    next: "Наступна",
    english_missing: "",
    all_news: "Усі новини",
    from: "Від дати",
    to: "До дати",
    not_a_date: "Дату не розпізнано: оберіть її в календарі (РРРР-ММ-ДД).",
    initiative: "Ініціатива",
    any_initiative: "Усі ініціативи",
    sector: "Сектор",
    any_sector: "Усі сектори",
    unknown_choice: "Такого варіанта немає; показано без цього фільтра.",
    sectors: "Сектори",
    gallery: "Приєднані зображення",
    months: [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
};

static EN: NewsTexts = NewsTexts {
    title: "News",
    description: "News of the hromada development programme: analytics, dialogue, cooperation.",
    tagged: |tag| format!("News tagged “{tag}”"),
    search_label: "Search the news",
    search: "Search",
    found: |n| {
        format!(
            "{} item{} found",
            Lang::En.int(n),
            if n == 1 { "" } else { "s" }
        )
    },
    none: "No news found.",
    feed: "RSS feed",
    tags: "Tags",
    source: "Source",
    concerns: "Concerns",
    share: "Share",
    copy_link: "Copy the link",
    link_copied: "Link copied",
    related: "Related news",
    previous: "Previous",
    next: "Next",
    english_missing: "This item has no English version yet; it is shown in Ukrainian.",
    all_news: "All news",
    from: "From",
    to: "To",
    not_a_date: "Not a date: pick it in the calendar (YYYY-MM-DD).",
    initiative: "Initiative",
    any_initiative: "All initiatives",
    sector: "Sector",
    any_sector: "All sectors",
    unknown_choice: "No such choice; shown without this filter.",
    sectors: "Sectors",
    gallery: "Attached images",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};
