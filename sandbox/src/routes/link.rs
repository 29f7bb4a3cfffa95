//! The widget's own backend (Smile's "Link API", whose real endpoints are not public):
//! what the stand-in `smile.v2.js` calls, authenticated with the link token as
//! `Authorization: Bearer <userToken>`. Mounted at `/link/v1`.
//!
//! | Method | Path | Body | Answer |
//! |---|---|---|---|
//! | GET | `/session?templateId=` | – | `{userId, templateId, mode, expiresAt, accounts, uploads, fileTypes}` |
//! | GET | `/providers` | – | page of every provider |
//! | POST | `/accounts` | `{providerId}` | 201 `PENDING` account |
//! | POST | `/accounts/{id}/login` | `{loginName, password}` | account after the step |
//! | POST | `/accounts/{id}/mfa` | `{code}` | account after the step |
//! | DELETE | `/accounts/{id}` | – | revoked |
//! | POST | `/uploads` | `{fileType, files: [{fileName, size?}]}` (or one file: `{fileType, fileName, size?}`) | 201 archive |
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
use smile_api::archive::ArchiveFileType;
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

/// A document type the widget's upload screen offers, as `/fileTypes` names it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadFileType {
    /// The spec's file type id (`Archive.type`).
    #[serde(rename = "type")]
    pub file_type: ArchiveFileType,
    /// Its label in `/fileTypes`.
    pub type_label: &'static str,
}

/// The document types the widget's upload screen offers: every file type of Smile's spec
/// but `OTHERS`, in `/fileTypes`' order and words. The widget reads them from the session,
/// so this is the only list.
pub const UPLOAD_FILE_TYPES: &[UploadFileType] = &[
    offer(ArchiveFileType::Payslip, "Payslip"),
    offer(
        ArchiveFileType::EmploymentCertificate,
        "Certificate of Employment",
    ),
    offer(ArchiveFileType::TaxDocument, "Tax Document"),
    offer(ArchiveFileType::ClearanceNbi, "NBI Clearance"),
    offer(ArchiveFileType::TelcoBill, "Telco Bill"),
    offer(ArchiveFileType::ElectricityBill, "Electricity Bill"),
    offer(ArchiveFileType::WaterBill, "Water Bill"),
    offer(ArchiveFileType::BankStatement, "Bank Statement"),
    offer(ArchiveFileType::CompanyId, "Company ID"),
    offer(ArchiveFileType::GovernmentId, "Government ID"),
];

const fn offer(file_type: ArchiveFileType, type_label: &'static str) -> UploadFileType {
    UploadFileType {
        file_type,
        type_label,
    }
}

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
    /// What the upload screen offers.
    file_types: &'static [UploadFileType],
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
        file_types: UPLOAD_FILE_TYPES,
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

/// `POST /uploads` as received: the files as a list, or one file's fields on the body
/// (the older form).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadBody {
    file_type: Option<String>,
    files: Option<Vec<UploadedFile>>,
    #[serde(flatten)]
    single: UploadedFile,
}

/// One chosen file: the emulator keeps only its name and size.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadedFile {
    file_name: Option<String>,
    /// Bytes.
    size: Option<u64>,
}

impl UploadBody {
    /// The declared type, if it is one the upload screen offers.
    fn file_type(&self) -> Result<ArchiveFileType, ApiError> {
        self.file_type
            .as_deref()
            .map(ArchiveFileType::from)
            .filter(|t| UPLOAD_FILE_TYPES.iter().any(|o| o.file_type == *t))
            .ok_or_else(|| {
                let offered: Vec<&str> = UPLOAD_FILE_TYPES
                    .iter()
                    .map(|o| o.file_type.as_str())
                    .collect();
                ApiError::invalid(format!("fileType must be one of {}", offered.join(", ")))
            })
    }

    /// The files, checked: `files`, else the one file on the body.
    fn files(self) -> Result<Vec<NewFile>, ApiError> {
        let (files, field): (Vec<UploadedFile>, fn(usize) -> String) = match self.files {
            Some(_) if self.single.file_name.is_some() => {
                return Err(ApiError::invalid("give either files or fileName, not both"))
            }
            Some(files) => (files, |i| format!("files[{i}].fileName")),
            None => (vec![self.single], |_| "fileName".to_owned()),
        };
        if files.is_empty() {
            return Err(ApiError::invalid("files must hold at least one file"));
        }
        files
            .into_iter()
            .enumerate()
            .map(|(i, file)| {
                let name = required(&field(i), file.file_name)?;
                let format = archives::format_of(&name).ok_or_else(|| {
                    ApiError::invalid(format!(
                        "{} must end in .pdf, .png, .jpg or .jpeg",
                        field(i)
                    ))
                })?;
                Ok(NewFile {
                    name,
                    bytes: file.size.unwrap_or(0),
                    format,
                })
            })
            .collect()
    }
}

/// Records the chosen files as one archive, raises `ARCHIVE_STARTED` and has it
/// analysed.
pub async fn create_upload(
    State(app): State<Shared>,
    user: LinkUser,
    SmileJson(body): SmileJson<UploadBody>,
) -> Result<Response, ApiError> {
    let file_type = body.file_type()?;
    let files = body.files()?;
    let archive = archives::new_archive(
        &user.user_id,
        archives::USER_PROVIDED,
        Some(file_type.to_string()),
        files,
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
