//! Authentication: HTTP Basic with the configured key pair for the Open API (and the
//! admin endpoints), `Bearer <link token>` for the widget's Link API.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use secrecy::ExposeSecret;

use crate::envelope::ApiError;
use crate::state::Shared;

/// Compares without an early exit, so timing does not reveal how much of a guess matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The key and secret of a `Basic` header, or `None` when it is missing or malformed.
fn basic_credentials(parts: &Parts) -> Option<(String, String)> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (key, secret) = decoded.split_once(':')?;
    Some((key.to_owned(), secret.to_owned()))
}

/// Middleware: Smile's Basic auth. Missing or malformed → 401 `INVALID_TOKEN`; a wrong key
/// or secret → 400 `INVALID_CREDENTIALS` (Smile's documented error table).
pub async fn require_basic(
    State(app): State<Shared>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let (key, secret) = basic_credentials(&parts).ok_or(ApiError::MissingAuth)?;
    let key_ok = constant_time_eq(key.as_bytes(), app.config.api_key.as_bytes());
    let secret_ok = constant_time_eq(
        secret.as_bytes(),
        app.config.api_secret.expose_secret().as_bytes(),
    );
    if !(key_ok && secret_ok) {
        return Err(ApiError::BadCredentials);
    }
    Ok(next.run(Request::from_parts(parts, body)).await)
}

/// The user behind the widget's `Authorization: Bearer <link token>`; an unknown or
/// expired token is 401 `INVALID_TOKEN`, which makes the widget call `onTokenExpired`.
#[derive(Clone, Debug)]
pub struct LinkUser {
    /// The Smile user id.
    pub user_id: String,
    /// When the token expires (`yyyy-MM-ddTHH:mm:ssZ`).
    pub expires_at: String,
}

impl FromRequestParts<Shared> for LinkUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim().to_owned())
            .ok_or(ApiError::InvalidToken)?;
        let store = app.store.lock();
        let record = store.tokens.get(&token).ok_or(ApiError::InvalidToken)?;
        if record.expires <= std::time::SystemTime::now() {
            return Err(ApiError::InvalidToken);
        }
        Ok(LinkUser {
            user_id: record.user_id.clone(),
            expires_at: record.token.expires_at.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares_bytes() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn parses_basic_headers() {
        let parts = |value: &str| {
            let (parts, ()) = axum::http::Request::builder()
                .header(AUTHORIZATION, value)
                .body(())
                .unwrap()
                .into_parts();
            parts
        };
        let header = format!("Basic {}", STANDARD.encode("key:sec:ret"));
        assert_eq!(
            basic_credentials(&parts(&header)),
            Some(("key".into(), "sec:ret".into()))
        );
        assert_eq!(basic_credentials(&parts("Basic !!!")), None);
        assert_eq!(basic_credentials(&parts("Bearer abc")), None);
        let no_colon = format!("Basic {}", STANDARD.encode("keyonly"));
        assert_eq!(basic_credentials(&parts(&no_colon)), None);
    }
}
