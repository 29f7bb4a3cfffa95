//! Officer passwords: Argon2id (the crate's defaults follow OWASP's minimums), hashed and
//! checked on the blocking pool so a login never stalls the async workers.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least {MIN_CHARS} characters")]
    TooShort,
    #[error("could not hash the password: {0}")]
    Hash(String),
}

pub const MIN_CHARS: usize = 12;

pub fn hash(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

pub async fn hash_blocking(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| PasswordError::Hash(e.to_string()))?
}

/// Whether `password` matches `stored`; `stored = None` (no such officer) still spends the
/// same time on a hash, so response times do not tell which emails exist.
pub async fn verify_blocking(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY.with(|d| d.clone()));
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

thread_local! {
    static DUMMY: String = hash("not-a-password-of-anyone").unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_checked() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(matches!(hash("short"), Err(PasswordError::TooShort)));
    }

    #[tokio::test]
    async fn verification() {
        let stored = hash("correct horse battery").unwrap();
        assert!(verify_blocking("correct horse battery".into(), Some(stored.clone())).await);
        assert!(!verify_blocking("wrong horse battery".into(), Some(stored)).await);
        assert!(!verify_blocking("anything at all".into(), None).await);
    }
}
