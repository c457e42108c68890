//! The words of the account, profile and admin pages, in both languages. A key missing in
//! either is a compile error.

use super::types::{AccountProblem, Role};
use crate::i18n::Lang;

pub struct AccountTexts {
    pub role_names: fn(Role) -> &'static str,
    pub problem: fn(AccountProblem) -> &'static str,
    pub forgot_password: &'static str,
    pub reset_title: &'static str,
    pub reset_lead: &'static str,
    pub reset_send: &'static str,
    pub reset_sent: &'static str,
    pub profile_title: &'static str,
    pub profile_link: &'static str,
    pub field_name: &'static str,
    pub field_roles: &'static str,
    pub field_hromada: &'static str,
    pub hromada_hint: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub change_password_title: &'static str,
    pub field_current_password: &'static str,
    pub wrong_current_password: &'static str,
    pub password_changed: &'static str,
    pub sessions_title: &'static str,
    pub sessions_lead: &'static str,
    pub sign_out_everywhere: &'static str,
    pub admin_nav: &'static str,
    pub edit_nav: &'static str,
    pub accounts_title: &'static str,
    pub accounts_found: fn(usize) -> String,
    pub search_accounts: &'static str,
    pub any_role: &'static str,
    pub any_status: &'static str,
    pub status_active: &'static str,
    pub status_invited: &'static str,
    pub status_disabled: &'static str,
    pub col_account: &'static str,
    pub col_roles: &'static str,
    pub col_hromada: &'static str,
    pub col_status: &'static str,
    pub col_last_seen: &'static str,
    pub never: &'static str,
    pub invite_title: &'static str,
    pub invite: &'static str,
    pub link_mailed: fn(&str) -> String,
    pub link_to_pass_on: fn(&str) -> String,
    pub access_title: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub disabled_notice: &'static str,
    pub issue_link: &'static str,
    pub history_title: &'static str,
    pub back_to_accounts: &'static str,
    pub audit_title: &'static str,
    pub audit_found: fn(i64) -> String,
    pub field_entity: &'static str,
    pub field_action: &'static str,
    pub field_actor: &'static str,
    pub field_from: &'static str,
    pub field_to: &'static str,
    pub any: &'static str,
    pub not_a_date: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_what: &'static str,
    pub col_summary: &'static str,
    pub audit_readonly: &'static str,
}

pub fn texts(lang: Lang) -> &'static AccountTexts {
    match lang {
        Lang::Uk => &UK,
        Lang::En => &EN,
    }
}

fn roles_uk(role: Role) -> &'static str {
    match role {
        Role::Admin => "адміністратор",
        Role::Editor => "редактор",
        Role::Analyst => "аналітик",
        Role::Evaluator => "оцінювач",
        Role::Representative => "представник громади",
    }
}

fn roles_en(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Editor => "editor",
        Role::Analyst => "analyst",
        Role::Evaluator => "evaluator",
        Role::Representative => "hromada representative",
    }
}

fn problem_uk(problem: AccountProblem) -> &'static str {
    match problem {
        AccountProblem::InvalidEmail => "Це не схоже на адресу електронної пошти.",
        AccountProblem::EmailTaken => "Обліковий запис із цією адресою вже є.",
        AccountProblem::EmptyName => "Вкажіть ім’я.",
        AccountProblem::NameTooLong => "Ім’я задовге (до 120 символів).",
        AccountProblem::NoRoles => "Оберіть хоча б одну роль.",
        AccountProblem::RepresentativeWithoutHromada => {
            "Представник громади має бути прив’язаний до громади: вкажіть її код КАТОТТГ або назву."
        }
        AccountProblem::HromadaWithoutRepresentative => {
            "Громаду вказують лише для представника громади."
        }
        AccountProblem::UnknownHromada => "Такої громади немає в реєстрі.",
        AccountProblem::AmbiguousHromada => "Цю назву мають кілька громад — вкажіть код КАТОТТГ.",
        AccountProblem::CannotDemoteSelf => "Не можна забрати роль адміністратора в себе.",
        AccountProblem::CannotDisableSelf => "Не можна вимкнути власний обліковий запис.",
    }
}

fn problem_en(problem: AccountProblem) -> &'static str {
    match problem {
        AccountProblem::InvalidEmail => "This does not look like an email address.",
        AccountProblem::EmailTaken => "An account with this address already exists.",
        AccountProblem::EmptyName => "Enter a name.",
        AccountProblem::NameTooLong => "The name is too long (120 characters at most).",
        AccountProblem::NoRoles => "Choose at least one role.",
        AccountProblem::RepresentativeWithoutHromada => {
            "A hromada representative must be bound to a hromada: enter its KATOTTG code or name."
        }
        AccountProblem::HromadaWithoutRepresentative => {
            "A hromada is set only for a hromada representative."
        }
        AccountProblem::UnknownHromada => "The registry has no such hromada.",
        AccountProblem::AmbiguousHromada => {
            "Several hromadas have this name: enter the KATOTTG code."
        }
        AccountProblem::CannotDemoteSelf => "You cannot take the admin role from yourself.",
        AccountProblem::CannotDisableSelf => "You cannot disable your own account.",
    }
}

fn accounts_found_uk(n: usize) -> String {
    let word = crate::i18n::plural_uk(
        n as i64,
        "обліковий запис",
        "облікові записи",
        "облікових записів",
    );
    format!("{} {word}", Lang::Uk.int(n as i64))
}

fn accounts_found_en(n: usize) -> String {
    format!(
        "{} account{}",
        Lang::En.int(n as i64),
        if n == 1 { "" } else { "s" }
    )
}

fn audit_found_uk(n: i64) -> String {
    let word = crate::i18n::plural_uk(n, "запис", "записи", "записів");
    format!("{} {word}", Lang::Uk.int(n))
}

fn audit_found_en(n: i64) -> String {
    format!(
        "{} entr{}",
        Lang::En.int(n),
        if n == 1 { "y" } else { "ies" }
    )
}

static UK: AccountTexts = AccountTexts {
    role_names: roles_uk,
    problem: problem_uk,
    forgot_password: "Забули пароль?",
    reset_title: "Новий пароль",
    reset_lead: "Вкажіть адресу, з якою ви входите. Ми надішлемо на неї посилання, що діє годину.",
    reset_send: "Надіслати посилання",
    reset_sent: "Якщо ця адреса має обліковий запис, на неї надіслано посилання для нового пароля. Лист не прийшов за кілька хвилин — зверніться до адміністратора.",
    profile_title: "Ваш обліковий запис",
    profile_link: "Профіль",
    field_name: "Ім’я",
    field_roles: "Ролі",
    field_hromada: "Громада",
    hromada_hint: "Лише для представника громади: код КАТОТТГ (UA…) або назва громади.",
    save: "Зберегти",
    saved: "Збережено.",
    change_password_title: "Зміна пароля",
    field_current_password: "Поточний пароль",
    wrong_current_password: "Поточний пароль неправильний.",
    password_changed: "Пароль змінено. Інші сеанси завершено.",
    sessions_title: "Сеанси",
    sessions_lead: "Вийти на всіх пристроях, де ви увійшли, зокрема на цьому.",
    sign_out_everywhere: "Вийти всюди",
    admin_nav: "Адміністрування",
    edit_nav: "Редагування",
    accounts_title: "Облікові записи",
    accounts_found: accounts_found_uk,
    search_accounts: "Пошук: ім’я, адреса, громада",
    any_role: "Будь-яка роль",
    any_status: "Будь-який стан",
    status_active: "активний",
    status_invited: "запрошений",
    status_disabled: "вимкнений",
    col_account: "Обліковий запис",
    col_roles: "Ролі",
    col_hromada: "Громада",
    col_status: "Стан",
    col_last_seen: "Остання дія",
    never: "—",
    invite_title: "Запросити",
    invite: "Надіслати запрошення",
    link_mailed: |email| format!("Посилання надіслано на {email}."),
    link_to_pass_on: |email| format!("Пошту не налаштовано: передайте це одноразове посилання {email} самі."),
    access_title: "Ролі та громада",
    disable: "Вимкнути обліковий запис",
    enable: "Увімкнути обліковий запис",
    disabled_notice: "Обліковий запис вимкнено: увійти неможливо.",
    issue_link: "Нове посилання для пароля",
    history_title: "Історія змін",
    back_to_accounts: "← Усі облікові записи",
    audit_title: "Журнал змін",
    audit_found: audit_found_uk,
    field_entity: "Об’єкт",
    field_action: "Дія",
    field_actor: "Хто (адреса)",
    field_from: "Від дати",
    field_to: "До дати",
    any: "Будь-що",
    not_a_date: "Дату не розпізнано: оберіть її в календарі (РРРР-ММ-ДД).",
    col_when: "Коли (Київ)",
    col_who: "Хто",
    col_what: "Що",
    col_summary: "Зміна",
    audit_readonly: "Журнал лише для читання: записи не можна змінити чи вилучити.",
};

static EN: AccountTexts = AccountTexts {
    role_names: roles_en,
    problem: problem_en,
    forgot_password: "Forgot your password?",
    reset_title: "A new password",
    reset_lead: "Enter the address you sign in with. We will send it a link that works for an hour.",
    reset_send: "Send the link",
    reset_sent: "If this address has an account, a link to set a new password has been sent to it. No mail within a few minutes? Ask an administrator.",
    profile_title: "Your account",
    profile_link: "Profile",
    field_name: "Name",
    field_roles: "Roles",
    field_hromada: "Hromada",
    hromada_hint: "Only for a hromada representative: the KATOTTG code (UA…) or the hromada's name.",
    save: "Save",
    saved: "Saved.",
    change_password_title: "Change the password",
    field_current_password: "Current password",
    wrong_current_password: "The current password is wrong.",
    password_changed: "Password changed. Other sessions have ended.",
    sessions_title: "Sessions",
    sessions_lead: "Sign out on every device you are signed in on, this one included.",
    sign_out_everywhere: "Sign out everywhere",
    admin_nav: "Administration",
    edit_nav: "Editing",
    accounts_title: "Accounts",
    accounts_found: accounts_found_en,
    search_accounts: "Search: name, address, hromada",
    any_role: "Any role",
    any_status: "Any status",
    status_active: "active",
    status_invited: "invited",
    status_disabled: "disabled",
    col_account: "Account",
    col_roles: "Roles",
    col_hromada: "Hromada",
    col_status: "Status",
    col_last_seen: "Last active",
    never: "—",
    invite_title: "Invite",
    invite: "Send the invitation",
    link_mailed: |email| format!("The link has been mailed to {email}."),
    link_to_pass_on: |email| format!("Mail is not configured: pass this one-time link on to {email} yourself."),
    access_title: "Roles and hromada",
    disable: "Disable the account",
    enable: "Enable the account",
    disabled_notice: "The account is disabled: it cannot sign in.",
    issue_link: "A new password link",
    history_title: "History",
    back_to_accounts: "← All accounts",
    audit_title: "Audit log",
    audit_found: audit_found_en,
    field_entity: "Entity",
    field_action: "Action",
    field_actor: "Who (address)",
    field_from: "From",
    field_to: "To",
    any: "Any",
    not_a_date: "Not a date: pick it in the calendar (YYYY-MM-DD).",
    col_when: "When (Kyiv)",
    col_who: "Who",
    col_what: "What",
    col_summary: "Change",
    audit_readonly: "The log is read-only: entries cannot be changed or removed.",
};
