//! The widget's own backend (Smile's "Link API", whose real endpoints are not public):
//! what the stand-in `smile.v2.js` calls, authenticated with the link token as
//! `Authorization: Bearer <userToken>`. Mounted at `/link/v1`.
//!
//! | Method | Path | Body | Answer |
//! |---|---|---|---|
//! | GET | `/session?templateId=` | – | `{userId, templateId, mode, expiresAt, accounts, uploads}` |
//! | GET | `/providers` | – | page of every provider |
//! | POST | `/accounts` | `{providerId}` | 201 `PENDING` account |
//! | POST | `/accounts/{id}/login` | `{loginName, password}` | account after the step |
//! | POST | `/accounts/{id}/mfa` | `{code}` | account after the step |
//! | DELETE | `/accounts/{id}` | – | revoked |
//! | POST | `/uploads` | `{fileType, fileName, size?}` | 201 archive |
//! | DELETE | `/uploads/{id}` | – | revoked |

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_MAX_AGE,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use smile_api::{Account, Mode, Page};

use super::change;
use super::filters::required;
use crate::archives::{self, NewFile};
use crate::auth::LinkUser;
use crate::envelope::{self, ApiError, IdPath, SmileJson, SmileQuery};
use crate::events;
use crate::linking::Step;
use crate::providers;
use crate::state::{Shared, Store};

/// File types the widget's upload screen offers.
pub const UPLOAD_FILE_TYPES: &[&str] = &[
    "PAYSLIP",
    "EMPLOYMENT_CERTIFICATE",
    "COMPANY_ID",
    "GOVERNMENT_ID",
    "TAX_DOCUMENT",
    "BANK_STATEMENT",
];

/// Middleware for `/link/...`: the widget may be served from another origin than the page
/// (e.g. a standalone emulator), so the Link API answers CORS. Bearer tokens, no cookies:
/// `*` is safe.
pub async fn cors(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/link/") {
        return next.run(request).await;
    }
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, DELETE, OPTIONS"),
    );
    headers.insert(
        ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type"),
    );
    headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Session {
    user_id: String,
    /// The widget's `templateId`, echoed (the emulator has no portal templates).
    template_id: Option<String>,
    mode: Mode,
    expires_at: String,
    accounts: Vec<Account>,
    uploads: Vec<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionQuery {
    template_id: Option<String>,
}

pub async fn session(
    State(app): State<Shared>,
    user: LinkUser,
    SmileQuery(q): SmileQuery<SessionQuery>,
) -> Response {
    let store = app.store.lock();
    let session = Session {
        template_id: q.template_id,
        accounts: store
            .accounts
            .iter()
            .filter(|r| r.account.user_id == user.user_id)
            .map(|r| r.account.clone())
            .collect(),
        uploads: store
            .archives
            .iter()
            .filter(|a| a.user_id == user.user_id)
            .map(archives::wire)
            .collect(),
        user_id: user.user_id,
        mode: Mode::Sandbox,
        expires_at: user.expires_at,
    };
    envelope::ok(session)
}

pub async fn providers(_user: LinkUser) -> Response {
    envelope::ok(Page {
        next_cursor: None,
        items: providers::all(),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateAccountBody {
    provider_id: Option<String>,
}

pub async fn create_account(
    State(app): State<Shared>,
    user: LinkUser,
    SmileJson(body): SmileJson<CreateAccountBody>,
) -> Result<Response, ApiError> {
    let provider_id = body
        .provider_id
        .ok_or_else(|| ApiError::invalid("providerId is required"))?;
    let account = change(&app, |store| {
        store.create_account(&user.user_id, &provider_id)
    })?;
    Ok(envelope::created(account))
}

/// The body of one step of linking an account, applied to the user's account.
pub trait AccountStep: DeserializeOwned {
    fn apply(self, store: &mut Store, user_id: &str, account_id: &str) -> Result<Step, ApiError>;
}

/// `POST /accounts/{id}/login` or `/mfa`, by the step's body: the account after the step.
pub async fn account_step<B: AccountStep>(
    State(app): State<Shared>,
    user: LinkUser,
    IdPath(id): IdPath,
    SmileJson(body): SmileJson<B>,
) -> Result<Response, ApiError> {
    let account = change(&app, |store| body.apply(store, &user.user_id, &id))?;
    Ok(envelope::ok(account))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginBody {
    login_name: Option<String>,
    password: Option<String>,
}

impl AccountStep for LoginBody {
    fn apply(self, store: &mut Store, user_id: &str, account_id: &str) -> Result<Step, ApiError> {
        let login = required("loginName", self.login_name)?;
        let password = self.password.unwrap_or_default();
        store.login(user_id, account_id, &login, &password)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct MfaBody {
    code: Option<String>,
}

impl AccountStep for MfaBody {
    fn apply(self, store: &mut Store, user_id: &str, account_id: &str) -> Result<Step, ApiError> {
        store.submit_mfa(user_id, account_id, &self.code.unwrap_or_default())
    }
}

pub async fn delete_account(
    State(app): State<Shared>,
    user: LinkUser,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let raised = app.store.lock().delete_account(&id, Some(&user.user_id))?;
    events::emit(&app, raised);
    Ok(envelope::ack())
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadBody {
    file_type: Option<String>,
    file_name: Option<String>,
    /// Bytes.
    size: Option<u64>,
}

/// Records an upload (the emulator keeps only the file's name and size), raises
/// `ARCHIVE_STARTED` and has it analysed.
pub async fn create_upload(
    State(app): State<Shared>,
    user: LinkUser,
    SmileJson(body): SmileJson<UploadBody>,
) -> Result<Response, ApiError> {
    let file_type = body
        .file_type
        .filter(|t| UPLOAD_FILE_TYPES.contains(&t.as_str()))
        .ok_or_else(|| {
            ApiError::invalid(format!("fileType must be one of {UPLOAD_FILE_TYPES:?}"))
        })?;
    let file_name = required("fileName", body.file_name)?;
    let format = archives::format_of(&file_name)
        .ok_or_else(|| ApiError::invalid("fileName must end in .pdf, .png, .jpg or .jpeg"))?;
    let archive = archives::new_archive(
        &user.user_id,
        archives::USER_PROVIDED,
        Some(file_type),
        vec![NewFile {
            name: file_name,
            bytes: body.size.unwrap_or(0),
            format,
        }],
    );
    let created = archives::wire(&archive);
    archives::start(&app, archive);
    Ok(envelope::created(created))
}

/// Revokes an upload (`ARCHIVE_REVOKED`).
pub async fn delete_upload(
    State(app): State<Shared>,
    user: LinkUser,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    archives::revoke(&app, &id, Some(&user.user_id))?;
    Ok(envelope::ack())
}
