//! `--seed-demo`: data behind every read operation from the start, for demos and for the
//! spec-driven fuzzer, which otherwise only ever sees empty lists and 404s.
//!
//! Seeded in-process with the functions the routes use (the Link API's linking steps and
//! uploads), so the seeded state is exactly what a user of the widget would leave, with the
//! same events, and no client, script or extra language is involved.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use smile_api::archive::FileFormat;
use smile_api::{ArchiveStatus, ConnectionStatus};

use crate::archives::{self, NewFile, USER_PROVIDED};
use crate::envelope::ApiError;
use crate::events;
use crate::personas::GEORGE;
use crate::state::Shared;

/// The provider George's account is linked at: SSS has every data point a government
/// provider gives (identity, employments, contributions, incomes, estimated incomes).
const PROVIDER: &str = "sss_ph";

/// The uploaded payslips, one per outcome ([document analysis](crate::analysis)): analysed,
/// failed, and analysed with a failing metadata check.
pub const UPLOADS: [&str; 3] = [
    "payslip.pdf",
    "payslip-unreadable.pdf",
    "payslip-tampered.pdf",
];

/// A made-up size for the uploads: the widget sends only names and sizes.
const UPLOAD_BYTES: u64 = 48 * 1024;

/// How often the seed looks whether the uploads are analysed.
const POLL: Duration = Duration::from_millis(20);

/// What was seeded. Serialised (camelCase) by the standalone server, so that tools such
/// as `cargo xtask fuzz` can use the ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSeed {
    /// The user (George).
    pub user_id: String,
    /// George's connected SSS account.
    pub account_id: String,
    /// The account's `LINK_ACCOUNT` task.
    pub task_id: String,
    /// The archives, in [`UPLOADS`] order.
    pub archive_ids: Vec<String>,
}

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// A linking step was refused.
    #[error("linking George's {PROVIDER} account failed: {0}")]
    Link(#[from] ApiError),
    /// The account did not end up `CONNECTED`.
    #[error("George's {PROVIDER} account ended up {0}, not CONNECTED")]
    NotConnected(ConnectionStatus),
    /// The link recorded no task.
    #[error("linking George's {PROVIDER} account recorded no task")]
    NoTask,
    /// The uploads were still being analysed after `waited`.
    #[error("the demo uploads were not analysed within {waited:?}")]
    AnalysisTimeout {
        /// How long the seed waited.
        waited: Duration,
    },
}

/// Creates a user, links George's SSS account for it, uploads [`UPLOADS`], and returns
/// once every upload is analysed (or failed), so the seeded state is complete.
pub async fn seed(app: &Shared) -> Result<DemoSeed, SeedError> {
    let user_id = {
        let ttl = app.settings().token_ttl;
        let (user, _token, raised) =
            app.store
                .lock()
                .create_user(&app.config.tenant_id, BTreeMap::new(), ttl);
        events::emit(app, raised);
        user.id
    };
    let account_id = link_george(app, &user_id)?;
    let task_id = task_of(app, &account_id)?;
    let archive_ids = UPLOADS
        .into_iter()
        .map(|name| {
            let file = NewFile {
                name: name.to_owned(),
                bytes: UPLOAD_BYTES,
                format: FileFormat::Pdf,
            };
            let archive =
                archives::new_archive(&user_id, USER_PROVIDED, Some("PAYSLIP".into()), vec![file]);
            let id = archive.id.clone();
            archives::start(app, archive);
            id
        })
        .collect();
    let seed = DemoSeed {
        user_id,
        account_id,
        task_id,
        archive_ids,
    };
    await_analysis(app, &seed.archive_ids).await?;
    Ok(seed)
}

/// The Link API's two steps for George at SSS (no MFA there); the account's id.
fn link_george(app: &Shared, user_id: &str) -> Result<String, SeedError> {
    let (pending, raised) = app.store.lock().create_account(user_id, PROVIDER)?;
    events::emit(app, raised);
    let (account, raised) =
        app.store
            .lock()
            .login(user_id, &pending.id, GEORGE.email, GEORGE.password)?;
    events::emit(app, raised);
    match account.connection_status {
        ConnectionStatus::Connected => Ok(account.id),
        other => Err(SeedError::NotConnected(other)),
    }
}

/// The id of the task that synced `account_id`.
fn task_of(app: &Shared, account_id: &str) -> Result<String, SeedError> {
    app.store
        .lock()
        .data
        .tasks
        .iter()
        .find(|t| t.metadata.source_id == account_id)
        .map(|t| t.id.clone())
        .ok_or(SeedError::NoTask)
}

/// Waits until none of `archive_ids` is `STARTED` any more: at most the analysis delay
/// and a margin for a loaded machine.
async fn await_analysis(app: &Shared, archive_ids: &[String]) -> Result<(), SeedError> {
    let limit = app.settings().analysis_delay + Duration::from_secs(10);
    let started = tokio::time::Instant::now();
    loop {
        let pending = app
            .store
            .lock()
            .archives
            .iter()
            .any(|a| archive_ids.contains(&a.id) && a.state.status == ArchiveStatus::Started);
        if !pending {
            return Ok(());
        }
        if started.elapsed() > limit {
            return Err(SeedError::AnalysisTimeout { waited: limit });
        }
        tokio::time::sleep(POLL).await;
    }
}
