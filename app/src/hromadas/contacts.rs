//! A hromada's public contacts (website, email, phone), kept by the hromada's own
//! representatives and nobody else.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HromadaContacts {
    pub website: String,
    pub email: String,
    pub phone: String,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub updated: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "updated_at"))]
    pub updated_at: i64,
}

impl HromadaContacts {
    pub fn is_empty(&self) -> bool {
        self.website.is_empty() && self.email.is_empty() && self.phone.is_empty()
    }
}

/// Which field was refused; each is shown next to its input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ContactsError {
    #[error("website: an http(s) address expected")]
    Website,
    #[error("email: not a valid address")]
    Email,
    #[error("phone: digits, spaces, + - ( ) expected")]
    Phone,
    #[error(transparent)]
    App(AppError),
}

impl FromServerFnError for ContactsError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ContactsError::App(AppError::from_server_fn_error(value))
    }
}

impl From<AppError> for ContactsError {
    fn from(error: AppError) -> Self {
        ContactsError::App(error)
    }
}

impl ContactsError {
    pub fn field(&self) -> &'static str {
        match self {
            ContactsError::Website => "website",
            ContactsError::Email => "email",
            ContactsError::Phone => "phone",
            ContactsError::App(_) => "form",
        }
    }
}

/// The contacts as they will be stored: trimmed, checked field by field.
#[cfg(feature = "ssr")]
pub fn checked(website: &str, email: &str, phone: &str) -> Result<HromadaContacts, ContactsError> {
    let website = website.trim();
    if !website.is_empty() {
        let url = url::Url::parse(website).map_err(|_| ContactsError::Website)?;
        let web = matches!(url.scheme(), "http" | "https");
        if !web || url.host_str().is_none_or(|h| !h.contains('.')) || website.len() > 200 {
            return Err(ContactsError::Website);
        }
    }
    let email = match email.trim() {
        "" => String::new(),
        given => {
            crate::accounts::storage::normalize_email(given).map_err(|_| ContactsError::Email)?
        }
    };
    let phone = phone.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if !phone.is_empty() && (!allowed || !(5..=20).contains(&digits) || phone.len() > 40) {
        return Err(ContactsError::Phone);
    }
    Ok(HromadaContacts {
        website: website.to_string(),
        email,
        phone,
        ..Default::default()
    })
}

#[cfg(feature = "ssr")]
pub async fn load(
    db: &crate::db::Db,
    katottg: &str,
) -> Result<Option<HromadaContacts>, sqlx::Error> {
    let found: Option<HromadaContacts> = crate::on_db!(db, read, |pool| sqlx::query_as(
        "SELECT website, email, phone, updated_at FROM hromada_contacts WHERE katottg = $1"
    )
    .bind(katottg)
    .fetch_optional(pool)
    .await)?;
    Ok(found
        .map(|c| HromadaContacts {
            updated: crate::clock::kyiv_minutes(c.updated_at),
            ..c
        })
        .filter(|c| !c.is_empty()))
}

#[cfg(feature = "ssr")]
pub async fn save(
    db: &crate::db::Db,
    actor: &crate::audit::Actor,
    katottg: &str,
    contacts: &HromadaContacts,
) -> Result<(), sqlx::Error> {
    crate::on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO hromada_contacts (katottg, website, email, phone, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (katottg) DO UPDATE SET \
             website = excluded.website, email = excluded.email, phone = excluded.phone, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(katottg)
        .bind(&contacts.website)
        .bind(&contacts.email)
        .bind(&contacts.phone)
        .bind(crate::audit::now())
        .bind(actor.id())
        .execute(&mut *tx)
        .await?;
        let summary = format!(
            "website {:?}, email {:?}, phone {:?}",
            contacts.website, contacts.email, contacts.phone
        );
        crate::audit!(
            &mut *tx,
            actor,
            "hromada-contacts",
            katottg,
            "save",
            summary
        )?;
        tx.commit().await
    })
}

/// Saves the contacts of `katottg`; only a representative of that very hromada may.
#[server]
pub async fn save_hromada_contacts(
    katottg: String,
    website: String,
    email: String,
    phone: String,
) -> Result<(), ContactsError> {
    use crate::accounts::{authz, types::Capability};
    let result = async {
        let account = authz::require_for_hromada(Capability::KeepHromadaContacts, &katottg).await?;
        let contacts = checked(&website, &email, &phone)?;
        let state = crate::state::app_state()?;
        save(&state.db, &account.actor(), &katottg, &contacts)
            .await
            .map_err(AppError::from)?;
        Ok(())
    }
    .await;
    if let Err(error) = &result {
        crate::error::set_reply_status(match error {
            ContactsError::App(app) => app.status(),
            _ => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        });
    }
    result
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_checked_field_by_field() {
        let ok = checked(
            " https://bucha-rada.gov.ua ",
            "Rada@Bucha.gov.ua",
            "+380 (4597) 4-83-42",
        )
        .unwrap();
        assert_eq!(
            (ok.website.as_str(), ok.email.as_str()),
            ("https://bucha-rada.gov.ua", "rada@bucha.gov.ua")
        );
        assert_eq!(checked("", "", "").unwrap(), HromadaContacts::default());
        for bad in [
            "javascript:alert(1)",
            "ftp://x.ua",
            "bucha.ua",
            "https://localhost",
        ] {
            assert_eq!(checked(bad, "", ""), Err(ContactsError::Website), "{bad}");
        }
        assert_eq!(checked("", "rada@", ""), Err(ContactsError::Email));
        for bad in ["12", "+380 <b>", "дзвоніть"] {
            assert_eq!(checked("", "", bad), Err(ContactsError::Phone), "{bad}");
        }
    }
}
