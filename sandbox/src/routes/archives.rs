//! Smile's archive operations: `GET /archives`, `GET /archives/{id}`,
//! `DELETE /archives/{id}`, `POST /archives` (an API upload, base64 `rawFiles`),
//! `POST /archives/classify`, and the deprecated `GET /uploads`.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use base64::Engine;
use serde::Deserialize;
use smile_api::archive::{ArchiveClassification, FileFormat};
use smile_api::Archive;

use super::file_types::is_file_type;
use super::filters::{nonempty, DateRange, UserFilter};
use crate::analysis;
use crate::archives::{self, NewFile, TENANT_PROVIDED};
use crate::envelope::{self, ApiError, Checked, IdPath, SmileJson, SmileQuery};
use crate::events;
use crate::pagination::PageParams;
use crate::state::Shared;

/// The `fileType` filter of `GET /archives`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileTypeFilter {
    file_type: Option<String>,
}

/// The archives passing `users` and `range` (on the upload time), shown by `view`.
fn select(
    app: &Shared,
    users: &UserFilter,
    range: &DateRange,
    also: impl Fn(&Archive) -> bool,
    view: fn(&Archive) -> serde_json::Value,
) -> Vec<serde_json::Value> {
    app.store
        .lock()
        .archives
        .iter()
        .filter(|a| users.allows(&a.user_id) && range.contains(&a.created_at) && also(a))
        .map(view)
        .collect()
}

pub async fn list(
    State(app): State<Shared>,
    SmileQuery(users): SmileQuery<UserFilter>,
    SmileQuery(types): SmileQuery<FileTypeFilter>,
    Checked(page): Checked<PageParams>,
    Checked(range): Checked<DateRange>,
) -> Response {
    let wanted = nonempty(types.file_type);
    let matches = |a: &Archive| wanted.is_none() || a.file_type == wanted;
    envelope::ok(page.page(select(&app, &users, &range, matches, archives::wire)))
}

/// `GET /uploads` (deprecated): the archives as `Upload`s.
pub async fn list_uploads(
    State(app): State<Shared>,
    SmileQuery(users): SmileQuery<UserFilter>,
    Checked(page): Checked<PageParams>,
    Checked(range): Checked<DateRange>,
) -> Response {
    let all = |_: &Archive| true;
    envelope::ok(page.page(select(&app, &users, &range, all, archives::upload_wire)))
}

pub async fn get(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let archive = app
        .store
        .lock()
        .archives
        .iter()
        .find(|a| a.id == id)
        .map(archives::wire)
        .ok_or_else(|| ApiError::not_found("archive"))?;
    Ok(envelope::ok(archive))
}

/// Deletes the archive and raises `ARCHIVE_REVOKED`.
pub async fn delete(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    archives::revoke(&app, &id, None)?;
    Ok(envelope::ack())
}

/// `POST /archives` and `POST /archives/classify` as received (the spec's
/// `ArchiveCreateRequest` / `ArchiveClassifyRequest`), checked field by field.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadRequest {
    user_id: Option<String>,
    file_type: Option<String>,
    raw_files: Option<Vec<FileObject>>,
}

/// One file of an API upload (the spec's `FileObject`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileObject {
    file_extension_type: Option<String>,
    file_name: Option<String>,
    file_content: Option<String>,
}

/// The files of `request`, or the first problem with them. Only the bytes' size is
/// kept: the emulator's analysis does not read them.
fn files(raw_files: Option<Vec<FileObject>>, label: &str) -> Result<Vec<NewFile>, ApiError> {
    let raw_files = raw_files
        .filter(|f| !f.is_empty())
        .ok_or_else(|| ApiError::invalid("rawFiles is required (at least one file)"))?;
    raw_files
        .into_iter()
        .enumerate()
        .map(|(i, file)| {
            let field = |name: &str| format!("rawFiles[{i}].{name}");
            let format = nonempty(file.file_extension_type)
                .map(|ext| FileFormat::from(ext.to_ascii_uppercase().as_str()))
                .filter(FileFormat::is_known)
                .ok_or_else(|| {
                    ApiError::invalid(format!(
                        "{} must be one of PDF, PNG, JPG, JPEG",
                        field("fileExtensionType")
                    ))
                })?;
            let bytes = nonempty(file.file_content)
                .and_then(|content| {
                    base64::engine::general_purpose::STANDARD
                        .decode(content)
                        .ok()
                })
                .filter(|bytes| !bytes.is_empty())
                .ok_or_else(|| {
                    ApiError::invalid(format!("{} must be base64 file data", field("fileContent")))
                })?;
            let name = nonempty(file.file_name).unwrap_or_else(|| {
                format!(
                    "{label}-{}.{}",
                    i + 1,
                    format.to_string().to_ascii_lowercase()
                )
            });
            Ok(NewFile {
                name,
                bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
                format,
            })
        })
        .collect()
}

/// The archive's owner: the given user, who must exist, or a new one (as Smile does
/// when `userId` is left out).
fn owner(app: &Shared, user_id: Option<String>) -> Result<String, ApiError> {
    if let Some(id) = nonempty(user_id) {
        return app
            .store
            .lock()
            .user(&id)
            .map(|u| u.id)
            .ok_or_else(|| ApiError::not_found("user"));
    }
    let ttl = app.settings().token_ttl;
    let (user, _, raised) =
        app.store
            .lock()
            .create_user(&app.config.tenant_id, BTreeMap::new(), ttl);
    events::emit(app, raised);
    Ok(user.id)
}

/// `POST /archives`: stores the files as a `tenant-provided` archive and has it
/// analysed. `fileType` is optional in the request but `type` is required in the
/// `Archive`: without one, the type is classified from the first file's name, as
/// `POST /archives/classify` does.
pub async fn create(
    State(app): State<Shared>,
    SmileJson(request): SmileJson<UploadRequest>,
) -> Result<Response, ApiError> {
    let declared = nonempty(request.file_type);
    if let Some(unknown) = declared.as_deref().filter(|t| !is_file_type(t)) {
        return Err(ApiError::invalid(format!(
            "fileType {unknown} is not one of /fileTypes"
        )));
    }
    let files = files(request.raw_files, declared.as_deref().unwrap_or("file"))?;
    let file_type =
        declared.unwrap_or_else(|| analysis::classify(None, &files[0].name).to_string());
    let user_id = owner(&app, request.user_id)?;
    let archive = archives::new_archive(&user_id, TENANT_PROVIDED, Some(file_type), files);
    let created = archives::wire(&archive);
    archives::start(&app, archive);
    Ok(envelope::ok(created))
}

/// `POST /archives/classify`: like `POST /archives`, but Smile decides the file type
/// (from the first file's name, in the emulator) and answers with its classification.
pub async fn classify(
    State(app): State<Shared>,
    SmileJson(request): SmileJson<UploadRequest>,
) -> Result<Response, ApiError> {
    let files = files(request.raw_files, "file")?;
    let file_type = analysis::classify(None, &files[0].name);
    let user_id = owner(&app, request.user_id)?;
    let mut archive = archives::new_archive(
        &user_id,
        TENANT_PROVIDED,
        Some(file_type.to_string()),
        files,
    );
    archive.classification = Some(ArchiveClassification { file_type });
    let created = archives::wire(&archive);
    archives::start(&app, archive);
    Ok(envelope::ok(created))
}
