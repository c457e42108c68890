//! Ukrainian first (`/…`), English second (`/en/…`).
//!
//! Every UI string is a field of [`Texts`], so a key missing in either language is a compile error.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Uk,
    En,
}

const EN_PREFIX: &str = "/en";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Uk => Lang::En,
            Lang::En => Lang::Uk,
        }
    }

    pub fn from_path(path: &str) -> Lang {
        if path == EN_PREFIX || path.starts_with("/en/") {
            Lang::En
        } else {
            Lang::Uk
        }
    }

    /// A site path (starting with `/`) in this language.
    pub fn href(self, path: &str) -> String {
        match (self, path) {
            (Lang::Uk, _) => path.to_string(),
            (Lang::En, "/") => EN_PREFIX.to_string(),
            (Lang::En, _) => format!("{EN_PREFIX}{path}"),
        }
    }

    /// The same page in the other language.
    pub fn switched(path: &str) -> String {
        match Lang::from_path(path) {
            Lang::En => {
                let rest = &path[EN_PREFIX.len()..];
                if rest.is_empty() {
                    "/".to_string()
                } else {
                    rest.to_string()
                }
            }
            Lang::Uk => Lang::En.href(path),
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Uk => &UK,
            Lang::En => &EN,
        }
    }

    /// An integer with the language's digit grouping.
    pub fn int(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let sep = match self {
            Lang::Uk => '\u{a0}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A decimal with one digit after the point, grouped.
    pub fn decimal(self, x: f64) -> String {
        let tenths = (x * 10.0).round() as i64;
        let point = match self {
            Lang::Uk => ',',
            Lang::En => '.',
        };
        format!("{}{point}{}", self.int(tenths / 10), (tenths % 10).abs())
    }
}

/// The language of the current page, from its path.
/// On the server the router knows the path; in the browser only islands run, outside any
/// router, and a page's language never changes without a new page load.
pub fn use_lang() -> Memo<Lang> {
    #[cfg(not(feature = "hydrate"))]
    {
        let location = leptos_router::hooks::use_location();
        Memo::new(move |_| Lang::from_path(&location.pathname.get()))
    }
    #[cfg(feature = "hydrate")]
    {
        let path = window().location().pathname().unwrap_or_default();
        let lang = Lang::from_path(&path);
        Memo::new(move |_| lang)
    }
}

/// Ukrainian plural: one / few / many (1 громада, 2 громади, 5 громад).
pub fn plural_uk<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.unsigned_abs();
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub nav_label: &'static str,
    pub nav_news: &'static str,
    pub nav_initiatives: &'static str,
    pub nav_analytics: &'static str,
    pub nav_partnerships: &'static str,
    pub nav_dialogue: &'static str,
    pub nav_hromadas: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub footer_about: &'static str,
    pub footer_registry_source: &'static str,
    pub home_title: &'static str,
    pub home_description: &'static str,
    pub home_lead: &'static str,
    pub home_registry_cta: &'static str,
    pub area_news_about: &'static str,
    pub area_initiatives_about: &'static str,
    pub area_analytics_about: &'static str,
    pub area_partnerships_about: &'static str,
    pub area_dialogue_about: &'static str,
    pub area_not_built: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub go_home: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub error_id: &'static str,
    pub error_network: &'static str,
    pub loading: &'static str,
    // The registry.
    pub hromadas_title: &'static str,
    pub hromadas_description: &'static str,
    pub filters: &'static str,
    pub field_oblast: &'static str,
    pub field_raion: &'static str,
    pub field_kind: &'static str,
    pub field_population_min: &'static str,
    pub field_population_max: &'static str,
    pub field_search: &'static str,
    pub field_search_hint: &'static str,
    pub field_sort: &'static str,
    pub any_oblast: &'static str,
    pub any_raion: &'static str,
    pub choose_oblast_first: &'static str,
    pub any_kind: &'static str,
    pub kind_urban: &'static str,
    pub kind_settlement: &'static str,
    pub kind_rural: &'static str,
    pub kinds_plural: [&'static str; 3],
    pub sort_name: &'static str,
    pub sort_population_desc: &'static str,
    pub sort_population_asc: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub found: fn(i64) -> String,
    pub total_population: &'static str,
    pub total_area: &'static str,
    pub col_name: &'static str,
    pub col_kind: &'static str,
    pub col_center: &'static str,
    pub col_raion: &'static str,
    pub col_oblast: &'static str,
    pub col_population: &'static str,
    pub col_area: &'static str,
    pub no_results: &'static str,
    pub export: &'static str,
    pub pagination: &'static str,
    pub prev_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(u32, u32) -> String,
    pub unknown_value: &'static str,
    pub km2: &'static str,
    pub people: &'static str,
    pub not_a_number: &'static str,
    pub negative_number: &'static str,
    pub min_above_max: &'static str,
    pub unknown_choice: &'static str,
    pub page_out_of_range: fn(u32) -> String,
    pub hromada_suffix: &'static str,
    pub profile_center: &'static str,
    pub profile_kind: &'static str,
    pub profile_code: &'static str,
    pub profile_density: &'static str,
    pub profile_density_unit: &'static str,
    pub neighbours: &'static str,
    pub neighbours_none: &'static str,
    pub similar: &'static str,
    pub similar_about: &'static str,
    pub similar_none: &'static str,
    pub oblast_hromadas_by_kind: &'static str,
    pub all_of_oblast: &'static str,
    pub breadcrumbs: &'static str,
    pub population_note: &'static str,
    pub name_note: &'static str,
    pub sign_in: &'static str,
    pub sign_in_title: &'static str,
    pub sign_out: &'static str,
    pub field_email: &'static str,
    pub field_password: &'static str,
    pub field_password_again: &'static str,
    pub new_password_hint: &'static str,
    pub set_password_title: &'static str,
    pub set_password: &'static str,
    pub wrong_credentials: &'static str,
    pub try_again_in: fn(u64) -> String,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_too_common: &'static str,
    pub password_contains_email: &'static str,
    pub passwords_differ: &'static str,
    pub link_unknown: &'static str,
    pub link_used: &'static str,
    pub link_expired: &'static str,
    pub signed_in_as: &'static str,
    pub sign_in_required_title: &'static str,
    pub sign_in_required_body: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_body: &'static str,
    pub contacts_title: &'static str,
    pub contacts_none: &'static str,
    pub contacts_updated: &'static str,
    pub field_website: &'static str,
    pub field_contact_email: &'static str,
    pub field_phone: &'static str,
    pub contacts_edit_hint: &'static str,
    pub contacts_save: &'static str,
    pub contacts_saved: &'static str,
    pub website_invalid: &'static str,
    pub contact_email_invalid: &'static str,
    pub phone_invalid: &'static str,
}

fn found_uk(n: i64) -> String {
    let word = plural_uk(n, "громада", "громади", "громад");
    format!("Знайдено {} {word}", Lang::Uk.int(n))
}

fn found_en(n: i64) -> String {
    let word = if n == 1 { "hromada" } else { "hromadas" };
    format!("{} {word} found", Lang::En.int(n))
}

pub static UK: Texts = Texts {
    site_name: "Спільно",
    site_tagline: "Розвиток громад через аналітику, діалог та співпрацю",
    skip_to_content: "Перейти до змісту",
    menu: "Меню",
    nav_label: "Основна навігація",
    nav_news: "Новини",
    nav_initiatives: "Ініціативи",
    nav_analytics: "Аналітика",
    nav_partnerships: "Партнерства",
    nav_dialogue: "День Діалогу",
    nav_hromadas: "Громади",
    switch_language: "English",
    switch_language_label: "Switch to English",
    footer_about: "Платформа Асоціації міст України та Програми «U-LEAD з Європою» для розвитку територіальних громад.",
    footer_registry_source: "Реєстр громад: Кодифікатор адміністративно-територіальних одиниць (редакція 2024 р.), населення — Держстат на 1.01.2022.",
    home_title: "Спільно — розвиток громад через аналітику, діалог та співпрацю",
    home_description: "Платформа для територіальних громад України: новини, ініціативи, аналітика потреб, партнерства та День Діалогу. Усі 1 774 громади реєстру.",
    home_lead: "Аналітика потреб громад, секторальні діалоги, партнерства між сільськими та міськими громадами і День Діалогу — на одній платформі, прив’язаній до реєстру всіх громад України.",
    home_registry_cta: "Переглянути реєстр громад",
    area_news_about: "Новини програми та громад.",
    area_initiatives_about: "Програми та проєкти: цілі, напрями, партнери.",
    area_analytics_about: "Секторальні діалоги, опитування потреб, живі дашборди, аналітичні записки.",
    area_partnerships_about: "Конкурси сільсько-міських партнерств, міжмуніципальне співробітництво.",
    area_dialogue_about: "Щорічний День Діалогу: питання громад і спільні позиції.",
    area_not_built: "Цей розділ ще в розробці. Поки що тут нічого немає — ми не показуємо вигаданих даних. Скоро він з’явиться.",
    not_found_title: "Сторінку не знайдено",
    not_found_body: "Такої сторінки немає. Можливо, посилання застаріло або в адресі помилка.",
    go_home: "На головну",
    error_title: "Щось пішло не так",
    error_body: "Сталася внутрішня помилка. Ми вже знаємо про неї. Спробуйте ще раз трохи згодом.",
    error_id: "Код помилки",
    error_network: "Не вдалося зв’язатися із сервером. Перевірте з’єднання та спробуйте ще раз.",
    loading: "Завантаження…",
    hromadas_title: "Громади",
    hromadas_description: "Реєстр 1 774 територіальних громад України: фільтри за областю, районом, типом і населенням, пошук за назвою, експорт у CSV та JSON.",
    filters: "Фільтри",
    field_oblast: "Область",
    field_raion: "Район",
    field_kind: "Тип громади",
    field_population_min: "Населення від",
    field_population_max: "Населення до",
    field_search: "Назва",
    field_search_hint: "Частина назви громади",
    field_sort: "Сортування",
    any_oblast: "Усі області",
    any_raion: "Усі райони",
    choose_oblast_first: "Спершу оберіть область",
    any_kind: "Усі типи",
    kind_urban: "міська",
    kind_settlement: "селищна",
    kind_rural: "сільська",
    kinds_plural: ["Міські громади", "Селищні громади", "Сільські громади"],
    sort_name: "За назвою",
    sort_population_desc: "За населенням (спадання)",
    sort_population_asc: "За населенням (зростання)",
    apply: "Застосувати",
    reset: "Скинути",
    found: found_uk,
    total_population: "Населення",
    total_area: "Площа",
    col_name: "Громада",
    col_kind: "Тип",
    col_center: "Центр",
    col_raion: "Район",
    col_oblast: "Область",
    col_population: "Населення",
    col_area: "Площа, км²",
    no_results: "За цими умовами громад не знайдено. Спробуйте послабити фільтри.",
    export: "Завантажити",
    pagination: "Сторінки",
    prev_page: "Попередня",
    next_page: "Наступна",
    page_of: |page, pages| format!("Сторінка {page} з {pages}"),
    unknown_value: "немає даних",
    km2: "км²",
    people: "осіб",
    not_a_number: "Введіть ціле число, наприклад 10000.",
    negative_number: "Число не може бути від’ємним.",
    min_above_max: "Нижня межа більша за верхню.",
    unknown_choice: "Такого значення немає в реєстрі; фільтр не застосовано.",
    page_out_of_range: |pages| format!("Такої сторінки немає; показано сторінку 1 з {pages}."),
    hromada_suffix: "громада",
    profile_center: "Адміністративний центр",
    profile_kind: "Тип",
    profile_code: "Код КАТОТТГ",
    profile_density: "Щільність населення",
    profile_density_unit: "осіб/км²",
    neighbours: "Інші громади району",
    neighbours_none: "Інших громад у районі немає.",
    similar: "Схожі громади",
    similar_about: "Того ж типу й найближчі за населенням.",
    similar_none: "Схожих громад не знайдено: немає даних про населення.",
    oblast_hromadas_by_kind: "Громади за типом",
    all_of_oblast: "Усі громади області в реєстрі",
    breadcrumbs: "Навігаційний ланцюжок",
    population_note: "Населення — оцінка Держстату на 1 січня 2022 р. (до повномасштабного вторгнення); площа — дані порталу децентралізації (~2021).",
    name_note: "",
    sign_in: "Увійти",
    sign_in_title: "Вхід",
    sign_out: "Вийти",
    field_email: "Електронна пошта",
    field_password: "Пароль",
    field_password_again: "Пароль ще раз",
    new_password_hint: "Щонайменше 10 символів; не поширений пароль і не ваша адреса.",
    set_password_title: "Встановлення пароля",
    set_password: "Зберегти пароль і увійти",
    wrong_credentials: "Неправильна адреса або пароль.",
    try_again_in: |s| format!("Забагато спроб. Спробуйте ще раз через {s} с."),
    password_too_short: "Пароль має містити щонайменше 10 символів.",
    password_too_long: "Пароль задовгий (до 256 символів).",
    password_too_common: "Цей пароль надто поширений — оберіть інший.",
    password_contains_email: "Пароль не має містити вашу адресу.",
    passwords_differ: "Паролі не збігаються.",
    link_unknown: "Посилання недійсне. Попросіть адміністратора надіслати нове.",
    link_used: "Це посилання вже використано. Попросіть нове, якщо потрібно.",
    link_expired: "Термін дії посилання минув. Попросіть адміністратора надіслати нове.",
    signed_in_as: "Ви увійшли як",
    sign_in_required_title: "Потрібно увійти",
    sign_in_required_body: "Ця сторінка доступна лише після входу.",
    forbidden_title: "Немає доступу",
    forbidden_body: "Ваш обліковий запис не має ролі, потрібної для цієї сторінки.",
    contacts_title: "Контакти громади",
    contacts_none: "Громада ще не вказала контактів.",
    contacts_updated: "Оновлено",
    field_website: "Вебсайт",
    field_contact_email: "Електронна пошта",
    field_phone: "Телефон",
    contacts_edit_hint: "Ви представляєте цю громаду: контакти бачать усі відвідувачі.",
    contacts_save: "Зберегти контакти",
    contacts_saved: "Контакти збережено.",
    website_invalid: "Вкажіть адресу сайту повністю, з https://",
    contact_email_invalid: "Це не схоже на адресу електронної пошти.",
    phone_invalid: "Номер телефону: 5–20 цифр, можна пробіли та + - ( ).",
};

pub static EN: Texts = Texts {
    site_name: "Spilno",
    site_tagline: "Developing hromadas through analytics, dialogue and cooperation",
    skip_to_content: "Skip to content",
    menu: "Menu",
    nav_label: "Main navigation",
    nav_news: "News",
    nav_initiatives: "Initiatives",
    nav_analytics: "Analytics",
    nav_partnerships: "Partnerships",
    nav_dialogue: "Dialogue Day",
    nav_hromadas: "Hromadas",
    switch_language: "Українська",
    switch_language_label: "Перейти українською",
    footer_about: "A platform of the Association of Ukrainian Cities and the U-LEAD with Europe Programme for the development of territorial communities.",
    footer_registry_source: "Hromada registry: the KATOTTG codifier (2024 edition); population: State Statistics Service of Ukraine, 1 January 2022.",
    home_title: "Spilno — developing hromadas through analytics, dialogue and cooperation",
    home_description: "A platform for Ukraine's territorial communities: news, initiatives, needs analytics, partnerships and Dialogue Day. All 1,774 hromadas of the registry.",
    home_lead: "Needs analytics, sectoral dialogues, rural–urban partnerships and Dialogue Day on one platform, keyed to the registry of all of Ukraine's hromadas.",
    home_registry_cta: "Browse the hromada registry",
    area_news_about: "News of the programme and the hromadas.",
    area_initiatives_about: "Programmes and projects: goals, directions, partners.",
    area_analytics_about: "Sectoral dialogues, needs surveys, live dashboards, analytical notes.",
    area_partnerships_about: "Rural–urban partnership calls, inter-municipal cooperation.",
    area_dialogue_about: "The annual Dialogue Day: hromadas' issues and joint positions.",
    area_not_built: "This section is still being built. There is nothing here yet — we do not show made-up data. It is coming soon.",
    not_found_title: "Page not found",
    not_found_body: "There is no such page. The link may be out of date, or the address mistyped.",
    go_home: "Go to the home page",
    error_title: "Something went wrong",
    error_body: "An internal error occurred and has been logged. Please try again a little later.",
    error_id: "Error code",
    error_network: "Could not reach the server. Check your connection and try again.",
    loading: "Loading…",
    hromadas_title: "Hromadas",
    hromadas_description: "The registry of Ukraine's 1,774 territorial communities: filter by oblast, raion, kind and population, search by name, export to CSV and JSON.",
    filters: "Filters",
    field_oblast: "Oblast",
    field_raion: "Raion",
    field_kind: "Kind of hromada",
    field_population_min: "Population from",
    field_population_max: "Population to",
    field_search: "Name",
    field_search_hint: "Part of the hromada's name (in Ukrainian)",
    field_sort: "Sort by",
    any_oblast: "All oblasts",
    any_raion: "All raions",
    choose_oblast_first: "Choose an oblast first",
    any_kind: "All kinds",
    kind_urban: "urban",
    kind_settlement: "settlement",
    kind_rural: "rural",
    kinds_plural: ["Urban hromadas", "Settlement hromadas", "Rural hromadas"],
    sort_name: "Name",
    sort_population_desc: "Population (largest first)",
    sort_population_asc: "Population (smallest first)",
    apply: "Apply",
    reset: "Reset",
    found: found_en,
    total_population: "Population",
    total_area: "Area",
    col_name: "Hromada",
    col_kind: "Kind",
    col_center: "Centre",
    col_raion: "Raion",
    col_oblast: "Oblast",
    col_population: "Population",
    col_area: "Area, km²",
    no_results: "No hromadas match these filters. Try loosening them.",
    export: "Download",
    pagination: "Pages",
    prev_page: "Previous",
    next_page: "Next",
    page_of: |page, pages| format!("Page {page} of {pages}"),
    unknown_value: "no data",
    km2: "km²",
    people: "people",
    not_a_number: "Enter a whole number, e.g. 10000.",
    negative_number: "The number cannot be negative.",
    min_above_max: "The lower bound is above the upper bound.",
    unknown_choice: "There is no such value in the registry; the filter was not applied.",
    page_out_of_range: |pages| format!("There is no such page; showing page 1 of {pages}."),
    hromada_suffix: "hromada",
    profile_center: "Administrative centre",
    profile_kind: "Kind",
    profile_code: "KATOTTG code",
    profile_density: "Population density",
    profile_density_unit: "people/km²",
    neighbours: "Other hromadas of the raion",
    neighbours_none: "There are no other hromadas in this raion.",
    similar: "Similar hromadas",
    similar_about: "Same kind and closest in population.",
    similar_none: "No similar hromadas: the population is unknown.",
    oblast_hromadas_by_kind: "Hromadas by kind",
    all_of_oblast: "All the oblast's hromadas in the registry",
    breadcrumbs: "Breadcrumbs",
    population_note: "Population: State Statistics Service estimate for 1 January 2022 (before the full-scale invasion); area: decentralization portal data (~2021).",
    name_note: "Names of hromadas and places are given in Ukrainian, as in the official codifier.",
    sign_in: "Sign in",
    sign_in_title: "Sign in",
    sign_out: "Sign out",
    field_email: "Email",
    field_password: "Password",
    field_password_again: "Password again",
    new_password_hint: "At least 10 characters; not a common password, not your address.",
    set_password_title: "Set your password",
    set_password: "Save the password and sign in",
    wrong_credentials: "Wrong email or password.",
    try_again_in: |s| format!("Too many attempts. Try again in {s} s."),
    password_too_short: "The password must have at least 10 characters.",
    password_too_long: "The password is too long (256 characters at most).",
    password_too_common: "This password is too common: choose another.",
    password_contains_email: "The password must not contain your address.",
    passwords_differ: "The passwords differ.",
    link_unknown: "This link is not valid. Ask an administrator for a new one.",
    link_used: "This link has already been used. Ask for a new one if needed.",
    link_expired: "This link has expired. Ask an administrator for a new one.",
    signed_in_as: "Signed in as",
    sign_in_required_title: "Sign-in required",
    sign_in_required_body: "This page is available after signing in.",
    forbidden_title: "No access",
    forbidden_body: "Your account does not hold the role this page needs.",
    contacts_title: "Hromada contacts",
    contacts_none: "The hromada has not given its contacts yet.",
    contacts_updated: "Updated",
    field_website: "Website",
    field_contact_email: "Email",
    field_phone: "Phone",
    contacts_edit_hint: "You represent this hromada: every visitor sees these contacts.",
    contacts_save: "Save the contacts",
    contacts_saved: "Contacts saved.",
    website_invalid: "Enter the whole site address, with https://",
    contact_email_invalid: "This does not look like an email address.",
    phone_invalid: "Phone number: 5–20 digits; spaces and + - ( ) allowed.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_switch_language_both_ways() {
        assert_eq!(
            Lang::switched("/hromadas?kind=rural"),
            "/en/hromadas?kind=rural"
        );
        assert_eq!(Lang::switched("/en/hromadas"), "/hromadas");
        assert_eq!(Lang::switched("/en"), "/");
        assert_eq!(Lang::switched("/"), "/en");
        assert_eq!(Lang::from_path("/english"), Lang::Uk);
    }

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(Lang::Uk.int(2952301), "2\u{a0}952\u{a0}301");
        assert_eq!(Lang::En.int(1774), "1,774");
        assert_eq!(Lang::En.int(-999), "-999");
        assert_eq!(Lang::Uk.decimal(311.44), "311,4");
        assert_eq!(Lang::En.decimal(1234.56), "1,234.6");
    }

    #[test]
    fn ukrainian_plurals() {
        let p = |n| plural_uk(n, "громада", "громади", "громад");
        assert_eq!(p(1), "громада");
        assert_eq!(p(21), "громада");
        assert_eq!(p(11), "громад");
        assert_eq!(p(3), "громади");
        assert_eq!(p(13), "громад");
        assert_eq!(p(1774), "громади");
        assert_eq!(p(0), "громад");
    }
}
