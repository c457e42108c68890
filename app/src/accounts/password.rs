//! The password policy and Argon2id hashing.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

const COMMON: &str = include_str!("../../security/common-passwords.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    TooCommon,
    ContainsEmail,
}

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// Checks a new password; length counts characters, not bytes (Cyrillic is two bytes each).
pub fn check(password: &str, email: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    if common().contains(lower.as_str()) {
        return Err(PasswordProblem::TooCommon);
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.chars().count() >= 4 && lower.contains(&local) {
        return Err(PasswordProblem::ContainsEmail);
    }
    Ok(())
}

pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that a sign-in for an unknown
/// email takes as long as one with a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches nothing").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_refuses_short_common_and_email_passwords() {
        assert_eq!(check("short", "a@b.ua"), Err(PasswordProblem::TooShort));
        assert_eq!(
            check("дев'ять9ч", "a@b.ua"),
            Err(PasswordProblem::TooShort),
            "9 characters, 17 bytes"
        );
        assert_eq!(
            check("1234567890", "a@b.ua"),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check("QWERTYUIOP", "a@b.ua"),
            Err(PasswordProblem::TooCommon),
            "case-insensitive"
        );
        assert_eq!(
            check("йцукенгшщз", "a@b.ua"),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check("olena.koval-2026!", "olena.koval@hromada.ua"),
            Err(PasswordProblem::ContainsEmail)
        );
        assert_eq!(
            check(&"x".repeat(300), "a@b.ua"),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(check("ріка тече повільно 7", "a@b.ua"), Ok(()));
        assert!(common().len() > 1700);
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse batterY", &a));
        assert!(!verify("anything", "not a hash"));
    }
}
