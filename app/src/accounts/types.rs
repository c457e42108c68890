use serde::{Deserialize, Serialize};

/// What a person may do. One person may hold several roles; visitors hold none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Analyst,
    Evaluator,
    /// Acts for exactly one hromada of the registry.
    Representative,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Editor,
        Role::Analyst,
        Role::Evaluator,
        Role::Representative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Analyst => "analyst",
            Role::Evaluator => "evaluator",
            Role::Representative => "representative",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

/// The signed-in person, as the server knows them for one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub hromada_katottg: Option<String>,
}

impl Account {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// This person, as the audit log records them.
    pub fn actor(&self) -> crate::audit::Actor {
        crate::audit::Actor::Account {
            id: self.id,
            email: self.email.clone(),
        }
    }

    /// Whether this person may act for `hromada` (a representative of it; admins may not
    /// impersonate hromadas).
    pub fn represents(&self, hromada: &str) -> bool {
        self.has(Role::Representative) && self.hromada_katottg.as_deref() == Some(hromada)
    }
}

/// What the browser is told about the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub hromada_katottg: Option<String>,
}

impl From<&Account> for AccountView {
    fn from(account: &Account) -> Self {
        AccountView {
            display_name: account.display_name.clone(),
            email: account.email.clone(),
            roles: account.roles.clone(),
            hromada_katottg: account.hromada_katottg.clone(),
        }
    }
}

/// Everything beyond reading public pages. Each server function that reads private data or
/// changes anything declares the one it needs; [`Capability::granted_to`] is the whole policy,
/// and the header uses the same rule to show only what the person may open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Capability {
    /// One's own profile, password and sessions: anyone signed in.
    OwnAccount,
    /// Invite, change roles, disable, issue reset links.
    ManageAccounts,
    ReadAuditLog,
    /// Keep a hromada's public contacts; only for the hromada one represents.
    KeepHromadaContacts,
    /// Write and publish news and initiatives, and upload their images.
    EditContent,
    /// Build surveys, run sectoral dialogues, record any hromada's needs, read every answer.
    RunAnalytics,
    /// Answer surveys and keep needs; only for the hromada one represents.
    AnswerForHromada,
    /// Add and rename sectors.
    ManageSectors,
    /// Write partnership calls, move them through their phases, override eligibility.
    ManageCalls,
    /// Apply to calls and confirm partnerships; only for the hromada one represents.
    ApplyForHromada,
    /// Declare conflicts of interest and score the applications one is assigned to.
    EvaluateApplications,
}

impl Capability {
    pub const ALL: [Capability; 11] = [
        Capability::OwnAccount,
        Capability::ManageAccounts,
        Capability::ReadAuditLog,
        Capability::KeepHromadaContacts,
        Capability::EditContent,
        Capability::RunAnalytics,
        Capability::AnswerForHromada,
        Capability::ManageSectors,
        Capability::ManageCalls,
        Capability::ApplyForHromada,
        Capability::EvaluateApplications,
    ];

    pub fn granted_to(self, roles: &[Role]) -> bool {
        match self {
            Capability::OwnAccount => true,
            Capability::ManageAccounts
            | Capability::ReadAuditLog
            | Capability::ManageSectors
            | Capability::ManageCalls => roles.contains(&Role::Admin),
            Capability::KeepHromadaContacts
            | Capability::AnswerForHromada
            | Capability::ApplyForHromada => roles.contains(&Role::Representative),
            Capability::EvaluateApplications => roles.contains(&Role::Evaluator),
            Capability::RunAnalytics => {
                roles.contains(&Role::Analyst) || roles.contains(&Role::Admin)
            }
            Capability::EditContent => {
                roles.contains(&Role::Editor) || roles.contains(&Role::Admin)
            }
        }
    }

    /// Granted only together with a check that the hromada acted for is one's own.
    pub fn is_per_hromada(self) -> bool {
        matches!(
            self,
            Capability::KeepHromadaContacts
                | Capability::AnswerForHromada
                | Capability::ApplyForHromada
        )
    }
}

impl AccountView {
    pub fn can(&self, capability: Capability) -> bool {
        capability.granted_to(&self.roles)
    }
}

/// Why an account could not be written; each concerns one form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AccountProblem {
    #[error("email: not a valid address")]
    InvalidEmail,
    #[error("email: an account with this address exists")]
    EmailTaken,
    #[error("name: must not be empty")]
    EmptyName,
    #[error("name: too long")]
    NameTooLong,
    #[error("roles: choose at least one")]
    NoRoles,
    #[error("hromada: a representative needs exactly one hromada of the registry")]
    RepresentativeWithoutHromada,
    #[error("hromada: only representatives are bound to a hromada")]
    HromadaWithoutRepresentative,
    #[error("hromada: not in the registry")]
    UnknownHromada,
    #[error("hromada: several hromadas have this name")]
    AmbiguousHromada,
    #[error("roles: you cannot take the admin role from yourself")]
    CannotDemoteSelf,
    #[error("you cannot disable yourself")]
    CannotDisableSelf,
}

impl AccountProblem {
    /// The form field the problem concerns.
    pub fn field(self) -> &'static str {
        match self {
            AccountProblem::InvalidEmail | AccountProblem::EmailTaken => "email",
            AccountProblem::EmptyName | AccountProblem::NameTooLong => "display_name",
            AccountProblem::NoRoles | AccountProblem::CannotDemoteSelf => "roles",
            AccountProblem::RepresentativeWithoutHromada
            | AccountProblem::HromadaWithoutRepresentative
            | AccountProblem::UnknownHromada
            | AccountProblem::AmbiguousHromada => "hromada",
            AccountProblem::CannotDisableSelf => "form",
        }
    }
}

/// One line of the admin's account list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub hromada_katottg: Option<String>,
    pub hromada_name: Option<String>,
    pub disabled: bool,
    /// False until the invitation is accepted.
    pub has_password: bool,
    /// Kyiv time of the latest request in any live session, if any.
    pub last_seen: Option<String>,
}

pub const ACCOUNTS_PAGE_SIZE: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountListPage {
    pub accounts: Vec<AccountSummary>,
    pub total: usize,
    pub page: u32,
    pub pages: u32,
}

/// What an invitation or an issued reset link produced: the link itself when no mail server
/// is configured (the admin passes it on), or the fact it was mailed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedLink {
    pub account_id: i64,
    pub email: String,
    pub link: Option<String>,
    pub mailed: bool,
}
