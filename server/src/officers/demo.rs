//! Officer accounts from outside the API: the demo officer of emulator mode, and
//! `wink-server officer add`.

use secrecy::{ExposeSecret, SecretString};

use super::password::{self, PasswordError};
use crate::db::{officers, Db};

#[derive(Debug, thiserror::Error)]
pub enum OfficerSetupError {
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error("cannot store the officer: {0}")]
    Db(#[from] sqlx::Error),
    #[error("{0} is not an email address")]
    Email(String),
}

/// Creates the officer or sets their password.
pub async fn add(
    db: &Db,
    email: &str,
    password: &SecretString,
) -> Result<String, OfficerSetupError> {
    let email = officers::normalise_email(email);
    let form = wink_api::NewApplication {
        email: email.clone(),
        ..Default::default()
    };
    if wink_api::validation::check_field(wink_api::field::EMAIL, &form).is_some() {
        return Err(OfficerSetupError::Email(email));
    }
    let hash = password::hash_blocking(password.expose_secret().to_owned()).await?;
    Ok(officers::upsert(db, &email, &hash).await?)
}

/// Emulator mode's demo officer: `password` when given, else a fresh random one, which is
/// returned so start-up can print it (it is a local, credential-free setup).
pub async fn ensure_demo(
    db: &Db,
    email: &str,
    password: Option<&str>,
) -> Result<Option<String>, OfficerSetupError> {
    let generated = password.is_none().then(|| {
        let token = crate::db::sessions::new_token();
        token[..20].to_owned()
    });
    let chosen = password
        .map(str::to_owned)
        .or_else(|| generated.clone())
        .unwrap_or_default();
    add(db, email, &SecretString::from(chosen)).await?;
    Ok(generated)
}
