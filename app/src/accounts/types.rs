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
}

impl From<&Account> for AccountView {
    fn from(account: &Account) -> Self {
        AccountView {
            display_name: account.display_name.clone(),
            email: account.email.clone(),
            roles: account.roles.clone(),
        }
    }
}
