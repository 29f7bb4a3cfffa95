//! The link page's state and behaviour, apart from its markup: prepares the widget (fresh
//! config + script), opens it, turns each callback into page state, forwards every callback
//! to the server, keeps the accounts and documents fresh, and reopens the widget with a new
//! token when the old one expires.
//!
//! All handles are `Copy` signals or stored values owned by the page, so the controller can
//! be captured by event handlers and by the widget's callback without reference counting.
//! Anything that runs after an `.await` uses the `try_` accessors: the page may be gone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use smile_api::widget::{CloseReason, WidgetEvent};
use wink_api::{ErrorCode, LinkConfig};
use wink_web::event_stream::EventStream;

use super::accounts::AccountsState;
use super::live;
use super::outbox::Outbox;
use super::outcome::{Failure, Notice, OpenJournal};
use super::texts::LinkText;
use crate::api::{self, ApiError};
use crate::i18n::I18n;
use crate::uploads::{add_uploads, read_uploads, remove_uploads, WidgetUpload};
use crate::widget::{load_widget_script, Received, WidgetError, WidgetSession, DEFAULT_TIMEOUT};

/// A prefetched token is only used if it stays valid at least this long (milliseconds).
const TOKEN_MARGIN_MS: f64 = 60_000.0;

/// Token expiries in a row, with no account activity between them, before giving up.
const MAX_EXPIRIES_IN_A_ROW: u8 = 3;

/// Where the widget stands.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetPhase {
    /// Fetching the config and loading the script.
    Preparing,
    /// Ready to open.
    Ready,
    /// The applicant pressed the button; fetching a token / opening.
    Opening,
    /// The old token expired; fetching a new one to reopen.
    Reopening,
    /// The widget is on screen.
    Open,
    /// Could not prepare or open; the page says why and offers a retry.
    Failed(LinkFailure),
}

/// Why the widget could not be prepared or opened.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkFailure {
    /// Our server did not give us a link config.
    Prepare(ApiError),
    /// The script did not load, or the widget did not open.
    Widget(WidgetError),
    /// Fresh tokens kept expiring before the widget used them.
    KeptExpiring,
}

impl LinkFailure {
    /// What the applicant reads, in their language.
    pub fn text(&self, i18n: &I18n) -> String {
        match self {
            LinkFailure::Prepare(error) => format!(
                "{} {}",
                i18n.t(LinkText::PrepareFailed),
                i18n.error_text(error)
            ),
            LinkFailure::Widget(error) => error.text(i18n),
            LinkFailure::KeptExpiring => i18n.t(LinkText::KeptExpiring),
        }
    }
}

impl WidgetPhase {
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            WidgetPhase::Preparing | WidgetPhase::Opening | WidgetPhase::Reopening
        )
    }
}

#[derive(Clone, Copy)]
pub struct LinkController {
    pub accounts: AccountsState,
    pub phase: RwSignal<WidgetPhase>,
    pub notice: RwSignal<Option<Notice>>,
    /// Uploads the widget reported that the server has not answered for yet: listed at once
    /// as received, until the server's answer to the report speaks for them.
    pub reported_uploads: RwSignal<Vec<WidgetUpload>>,
    /// Whether this lender offers document upload in the widget.
    pub uploads_enabled: RwSignal<bool>,
    /// Set, with the server's message, when the server refuses a link config with 409
    /// `CONFLICT`: this application is verified manually (outside the Wink rollout).
    pub refused: RwSignal<Option<String>>,
    journal: StoredValue<OpenJournal>,
    expiries_in_a_row: StoredValue<u8>,
    /// A config fetched ahead of the button press; its token is used once, then dropped.
    next_config: StoredValue<Option<LinkConfig>>,
    session: StoredValue<Option<WidgetSession>, LocalStorage>,
    outbox: StoredValue<Outbox, LocalStorage>,
    live: StoredValue<Option<EventStream>, LocalStorage>,
}

impl LinkController {
    /// Creates the page's state; call inside the page component (it owns everything).
    pub fn new() -> Self {
        Self::with_refusal(RwSignal::new(None))
    }

    /// [`LinkController::new`], reporting a 409 refusal of the link config to `refused`
    /// (which may belong to an enclosing owner).
    pub fn with_refusal(refused: RwSignal<Option<String>>) -> Self {
        let accounts = AccountsState::new();
        let reported_uploads = RwSignal::new(Vec::new());
        let outbox = StoredValue::new_local(Outbox::new(move |event, answer| {
            // The answer lists the reported uploads (or the server refused the report):
            // either way the server's list speaks for them from now on.
            if let WidgetEvent::UploadsCreated(payload) = event {
                let answered = read_uploads(&payload.uploads);
                reported_uploads.try_update(|list| remove_uploads(list, &answered));
            }
            accounts.take_event_answer(answer)
        }));
        let session = StoredValue::new_local(None::<WidgetSession>);
        let live = StoredValue::new_local(None::<EventStream>);
        // Close the widget and the event stream, releasing their closures, when the page
        // goes, before the signals their callbacks write to are disposed.
        on_cleanup(move || {
            session.set_value(None);
            live.set_value(None);
        });
        LinkController {
            accounts,
            phase: RwSignal::new(WidgetPhase::Preparing),
            notice: RwSignal::new(None),
            reported_uploads,
            uploads_enabled: RwSignal::new(false),
            refused,
            journal: StoredValue::new(OpenJournal::default()),
            expiries_in_a_row: StoredValue::new(0),
            next_config: StoredValue::new(None),
            session,
            outbox,
            live,
        }
    }

    /// On page load: read the accounts, and get the widget ready so the button works at once
    /// (and a blocked script is reported before anyone presses it).
    pub fn start(self) {
        self.accounts.refresh();
        self.live.set_value(live::open(self.accounts));
        spawn_local(async move {
            if let Some(config) = self.ready_config().await {
                self.next_config.try_set_value(Some(config));
                self.phase.try_set(WidgetPhase::Ready);
            }
        });
    }

    /// The applicant asked to open the widget (link, retry, manage connections).
    pub fn open(self) {
        if self.phase.try_with_untracked(WidgetPhase::is_busy) != Some(false) {
            return;
        }
        self.phase.set(WidgetPhase::Opening);
        spawn_local(async move {
            if let Some(config) = self.ready_config().await {
                self.open_session(config, true);
            }
        });
    }

    /// A config whose token is fresh and a loaded script; `None` after reporting why not.
    async fn ready_config(self) -> Option<LinkConfig> {
        let prefetched = self
            .next_config
            .try_update_value(Option::take)
            .flatten()
            .filter(token_is_fresh);
        let config = match prefetched {
            Some(config) => config,
            None => match api::link_config().await {
                Ok(config) => config,
                Err(error) => {
                    self.report_api_failure(error);
                    return None;
                }
            },
        };
        self.uploads_enabled
            .try_set(config.widget.enable_upload == Some(true));
        if let Err(error) = load_widget_script(&config.script_url, DEFAULT_TIMEOUT).await {
            self.phase
                .try_set(WidgetPhase::Failed(LinkFailure::Widget(WidgetError::from(
                    error,
                ))));
            return None;
        }
        Some(config)
    }

    fn open_session(self, config: LinkConfig, new_journal: bool) {
        // Release the previous widget (and its closures) before the next one exists.
        if self.session.try_set_value(None).is_some() {
            return; // the page is gone
        }
        if new_journal {
            self.journal.set_value(OpenJournal::default());
        }
        match WidgetSession::open(&config.widget, move |received| self.receive(received)) {
            Ok(session) => {
                self.session.set_value(Some(session));
                self.notice.set(None);
                self.phase.set(WidgetPhase::Open);
            }
            Err(error) => {
                self.phase
                    .set(WidgetPhase::Failed(LinkFailure::Widget(WidgetError::from(
                        error,
                    ))))
            }
        }
    }

    /// Every callback lands here, inside the widget's JS call: record, forward, react.
    /// Nothing here drops the session synchronously (reopening happens in a task).
    fn receive(self, received: Received) {
        let event = match received {
            Ok(event) => event,
            Err(unreadable) => {
                leptos::logging::warn!("{unreadable}");
                self.accounts.refresh();
                return;
            }
        };
        self.journal.try_update_value(|j| j.record(&event));
        if is_account_activity(&event) {
            self.expiries_in_a_row.try_set_value(0);
        }
        self.outbox
            .try_with_value(|outbox| outbox.send(event.clone()));

        match event {
            WidgetEvent::AccountConnected(account) => {
                self.notice.set(Some(Notice::Connected {
                    provider_id: account.provider_id,
                }));
            }
            WidgetEvent::AccountError(error) => {
                self.notice.set(Some(Notice::Failed(Failure {
                    provider_id: Some(error.provider_id),
                    code: error.error_code,
                })));
            }
            WidgetEvent::AccountRemoved(account) => {
                self.notice.set(Some(Notice::Removed {
                    provider_id: account.provider_id,
                }));
            }
            WidgetEvent::UploadsCreated(payload) => {
                let added = read_uploads(&payload.uploads);
                self.reported_uploads
                    .update(|list| add_uploads(list, added));
            }
            WidgetEvent::UploadsRemoved(payload) => {
                let removed = read_uploads(&payload.uploads);
                self.reported_uploads
                    .update(|list| remove_uploads(list, &removed));
            }
            WidgetEvent::TokenExpired => self.reopen_with_fresh_token(),
            WidgetEvent::Close(close) => self.closed(close.reason.as_ref()),
            WidgetEvent::AccountCreated(_) | WidgetEvent::UiEvent(_) => {}
        }
    }

    fn closed(self, reason: Option<&CloseReason>) {
        // A close while reopening is the expired widget going away, not the applicant.
        if self.phase.try_get_untracked() != Some(WidgetPhase::Open) {
            return;
        }
        self.phase.set(WidgetPhase::Ready);
        let notice = self
            .journal
            .try_with_value(|journal| journal.notice_on_close(reason));
        self.notice.set(notice);
        self.accounts.refresh();
    }

    /// `onTokenExpired`: fetch a new token and reopen; the account list, uploads and the
    /// journal of this opening are kept.
    fn reopen_with_fresh_token(self) {
        let expiries = self
            .expiries_in_a_row
            .try_update_value(|n| {
                *n = n.saturating_add(1);
                *n
            })
            .unwrap_or(u8::MAX);
        if expiries > MAX_EXPIRIES_IN_A_ROW {
            self.phase
                .set(WidgetPhase::Failed(LinkFailure::KeptExpiring));
            return;
        }
        self.phase.set(WidgetPhase::Reopening);
        self.notice.set(Some(Notice::Reopening));
        spawn_local(async move {
            self.next_config.try_set_value(None);
            if let Some(config) = self.ready_config().await {
                self.open_session(config, false);
            }
        });
    }

    fn report_api_failure(self, error: ApiError) {
        if error.is_unauthorized() {
            self.accounts.signed_out.try_set(true);
        }
        if let ApiError::Server {
            status: 409,
            code: ErrorCode::Conflict,
            message,
            ..
        } = &error
        {
            self.refused.try_set(Some(message.clone()));
        }
        self.phase
            .try_set(WidgetPhase::Failed(LinkFailure::Prepare(error)));
    }
}

impl Default for LinkController {
    fn default() -> Self {
        Self::new()
    }
}

/// Events that show the widget is being used, which resets the expiry loop guard.
fn is_account_activity(event: &WidgetEvent) -> bool {
    matches!(
        event,
        WidgetEvent::AccountCreated(_)
            | WidgetEvent::AccountConnected(_)
            | WidgetEvent::AccountError(_)
            | WidgetEvent::AccountRemoved(_)
            | WidgetEvent::UploadsCreated(_)
            | WidgetEvent::UploadsRemoved(_)
    )
}

/// Whether a prefetched token is still good for at least `TOKEN_MARGIN_MS`.
fn token_is_fresh(config: &LinkConfig) -> bool {
    let expires = js_sys::Date::parse(&config.expires_at);
    !expires.is_nan() && expires - js_sys::Date::now() > TOKEN_MARGIN_MS
}
