//! The life of an archive, whichever way it was uploaded (the widget or `POST /archives`):
//! created and `ARCHIVE_STARTED`; analysed after the `analysis_delay` setting, then
//! `ARCHIVE_ANALYZED` or `ARCHIVE_FAILED`; deleted and `ARCHIVE_REVOKED`.

use std::time::SystemTime;

use serde_json::Value;
use smile_api::archive::FileFormat;
use smile_api::event::{ArchiveData, ArchiveFailedData};
use smile_api::{Archive, ArchiveState, ArchiveStatus, EventData, RawFile};

use crate::analysis::{self, Analysis, Document};
use crate::archive_data;
use crate::clock;
use crate::envelope::ApiError;
use crate::events;
use crate::ids::new_id;
use crate::personas::{self, Persona};
use crate::state::{AppState, Shared, Store};

/// `Archive.providerId` of files the user uploaded in the widget.
pub const USER_PROVIDED: &str = "user-provided";
/// `Archive.providerId` of files the tenant sent through the API.
pub const TENANT_PROVIDED: &str = "tenant-provided";

/// One file of a new archive.
#[derive(Clone, Debug)]
pub struct NewFile {
    /// Its name.
    pub name: String,
    /// Its size in bytes (0 when not known).
    pub bytes: u64,
    /// Its format.
    pub format: FileFormat,
}

/// A `STARTED` archive (`u-…`, as in Smile's examples) of `files`.
pub fn new_archive(
    user_id: &str,
    provider_id: &str,
    file_type: Option<String>,
    files: Vec<NewFile>,
) -> Archive {
    let now = clock::now_string();
    let sub_type = sub_type_of(file_type.as_deref());
    Archive {
        id: new_id("u-"),
        created_at: now.clone(),
        provider_id: provider_id.to_owned(),
        user_id: user_id.to_owned(),
        file_type,
        state: ArchiveState {
            status: ArchiveStatus::Started,
            error_code: None,
            error_message: None,
            updated_at: now.clone(),
        },
        raw_files: files
            .into_iter()
            .map(|file| {
                let id = new_id("f-");
                RawFile {
                    url: Some(format!("{FILE_URL_BASE}/{id}")),
                    id,
                    created_at: now.clone(),
                    format: Some(file.format),
                    name: file.name,
                    sub_type: Some(sub_type.to_owned()),
                    size: Some(file.bytes.div_ceil(1024)),
                }
            })
            .collect(),
        classification: None,
        analysis: None,
        extraction: None,
        validation: None,
    }
}

/// Where raw files claim to be: Smile's file host's form. The emulator keeps no file
/// bytes, so nothing is served there.
const FILE_URL_BASE: &str = "https://file.smileapi.io/sandbox/files";

/// The spec's `FileSubtype` a file of `file_type` gets.
fn sub_type_of(file_type: Option<&str>) -> &'static str {
    match file_type {
        Some("PAYSLIP") => "PAYSLIP",
        Some("EMPLOYMENT_CERTIFICATE") => "EMPLOYMENT_INFORMATION",
        Some("TAX_DOCUMENT") => "TAX_PAYMENT",
        Some("COMPANY_ID") => "COMPANY_ID_FRONT",
        Some("GOVERNMENT_ID" | "CLEARANCE_NBI") => "CARD_FRONT",
        _ => "PERSONAL_INFORMATION",
    }
}

/// The format a file name's extension names, if Smile takes it.
pub fn format_of(file_name: &str) -> Option<FileFormat> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_uppercase();
    let format = FileFormat::from(ext.as_str());
    format.is_known().then_some(format)
}

/// `archive` as Smile's spec has it: a field with no value is left out, since the
/// spec's `Archive` schemas allow no `null` in `classification`, `extraction`,
/// `validation`, the extracted fields or a raw file's `url`.
pub fn wire(archive: &Archive) -> Value {
    fn without_nulls(value: Value) -> Value {
        match value {
            Value::Object(fields) => fields
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
            Value::Array(items) => items.into_iter().map(without_nulls).collect(),
            other => other,
        }
    }
    // An `Archive` is plain data: serialising it cannot fail.
    without_nulls(serde_json::to_value(archive).unwrap_or_default())
}

/// `archive` as the deprecated `Upload`: without what Smile read from it.
pub fn upload_wire(archive: &Archive) -> Value {
    let mut upload = wire(archive);
    if let Value::Object(fields) = &mut upload {
        for analysed in ["classification", "analysis", "extraction", "validation"] {
            fields.remove(analysed);
        }
    }
    upload
}

/// Stores `archive`, raises `ARCHIVE_STARTED` and schedules its analysis.
pub fn start(app: &Shared, archive: Archive) {
    let started = ArchiveData {
        user_id: archive.user_id.clone(),
        archive_id: archive.id.clone(),
    };
    app.store.lock().archives.push(archive);
    events::emit(app, vec![EventData::ArchiveStarted(started.clone())]);
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::error!("an archive created outside a tokio runtime is never analysed");
        return;
    };
    let delay = app.settings().analysis_delay;
    let app = app.clone();
    runtime.spawn(async move {
        tokio::time::sleep(delay).await;
        finish(&app, &started.archive_id);
    });
}

/// Analyses a started archive, stores the data items it yields and raises the outcome;
/// nothing if it was deleted (or the emulator reset) meanwhile.
fn finish(app: &AppState, archive_id: &str) {
    let raised = {
        let mut store = app.store.lock();
        let Some(index) = store.archives.iter().position(|a| a.id == archive_id) else {
            return;
        };
        let archive = &store.archives[index];
        let file_name = archive.raw_files.first().map_or("", |f| f.name.as_str());
        let persona = persona_of(&store, &archive.user_id, file_name);
        let outcome = analysis::analyse(&Document {
            persona,
            file_type: archive.file_type.as_deref(),
            file_name,
            period: clock::month_of(SystemTime::now()).minus(1),
        });
        let raised = apply(&mut store.archives[index], outcome);
        let data = archive_data::items(&store.archives[index], persona.currency);
        store.data.insert(data);
        raised
    };
    events::emit(app, vec![raised]);
}

/// Records `outcome` on `archive`; returns the event that announces it.
fn apply(archive: &mut Archive, outcome: Analysis) -> EventData {
    archive.state.updated_at = clock::now_string();
    let (user_id, archive_id) = (archive.user_id.clone(), archive.id.clone());
    match outcome {
        Analysis::Analyzed {
            classification,
            extraction,
            validation,
        } => {
            archive.state.status = ArchiveStatus::Analyzed;
            archive.classification = Some(classification);
            archive.analysis = extraction.as_ref().and_then(|e| e.analysis.clone());
            archive.extraction = extraction;
            archive.validation = Some(*validation);
            EventData::ArchiveAnalyzed(ArchiveData {
                user_id,
                archive_id,
            })
        }
        Analysis::Failed {
            state_code,
            event_code,
            message,
        } => {
            archive.state.status = ArchiveStatus::Error;
            archive.state.error_code = Some(state_code);
            archive.state.error_message = Some(message.to_owned());
            EventData::ArchiveFailed(ArchiveFailedData {
                user_id,
                archive_id,
                error_code: event_code.to_owned(),
                error_message: Some(message.to_owned()),
            })
        }
    }
}

/// Whose document it is: the persona of the user's latest linked account, else the one
/// the file name names (`ryan-payslip.pdf`), else George (Smile's own sandbox identity).
fn persona_of(store: &Store, user_id: &str, file_name: &str) -> &'static Persona {
    let name = file_name.to_ascii_lowercase();
    store
        .accounts
        .iter()
        .rev()
        .filter(|a| a.account.user_id == user_id)
        .find_map(|a| a.persona)
        .or_else(|| personas::ALL.into_iter().find(|p| name.contains(p.key)))
        .unwrap_or(personas::ALL[0])
}

/// Deletes an archive (only `owner`'s, when given) and its data items, and raises
/// `ARCHIVE_REVOKED`.
pub fn revoke(app: &AppState, archive_id: &str, owner: Option<&str>) -> Result<(), ApiError> {
    let revoked = {
        let mut store = app.store.lock();
        let index = store
            .archives
            .iter()
            .position(|a| a.id == archive_id && owner.is_none_or(|o| a.user_id == o))
            .ok_or_else(|| ApiError::not_found("archive"))?;
        let archive = store.archives.remove(index);
        store.data.remove_source(&archive.id);
        ArchiveData {
            user_id: archive.user_id,
            archive_id: archive.id,
        }
    };
    events::emit(app, vec![EventData::ArchiveRevoked(revoked)]);
    Ok(())
}
