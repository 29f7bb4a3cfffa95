//! The applicant's accounts and uploaded documents as the link page holds them: the latest
//! answer from the server, refreshed on demand and polled while an account or a document is
//! on its way, with a 401 turned into "signed out".

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::document::LinkDocument;
use wink_api::{LinkAccounts, LinkedAccount};

use crate::api::{self, ApiError};
use crate::documents;
use crate::status::should_poll;

/// How often the list is re-read while an account is still connecting or syncing, or a
/// document is still being checked.
pub const POLL_EVERY: Duration = Duration::from_secs(4);

#[derive(Clone, Copy)]
pub struct AccountsState {
    /// `None` until the first answer.
    pub list: RwSignal<Option<Vec<LinkedAccount>>>,
    /// The uploads as Smile sees them, newest first; `None` until the first answer.
    pub documents: RwSignal<Option<Vec<LinkDocument>>>,
    /// Why the last read failed (not a 401), until a read succeeds.
    pub error: RwSignal<Option<ApiError>>,
    /// A 401 was seen: this browser has no applicant session.
    pub signed_out: RwSignal<bool>,
    reading: StoredValue<bool>,
    poll_scheduled: StoredValue<bool>,
}

impl AccountsState {
    pub fn new() -> Self {
        AccountsState {
            list: RwSignal::new(None),
            documents: RwSignal::new(None),
            error: RwSignal::new(None),
            signed_out: RwSignal::new(false),
            reading: StoredValue::new(false),
            poll_scheduled: StoredValue::new(false),
        }
    }

    /// Reads the list from the server unless a read is already under way.
    pub fn refresh(self) {
        if self
            .reading
            .try_update_value(|busy| std::mem::replace(busy, true))
            != Some(false)
        {
            return;
        }
        spawn_local(async move {
            let answer = api::link_accounts().await;
            self.reading.try_set_value(false);
            match answer {
                Ok(list) => self.take(list),
                Err(error) => {
                    if !self.note_unauthorized(&error) {
                        self.error.try_set(Some(error));
                        // Keep trying while something is still on its way.
                        if self.something_on_its_way() == Some(true) {
                            self.schedule_poll();
                        }
                    }
                }
            }
        });
    }

    /// The server's answer to an event: the new lists. If the server refused the event (it
    /// could not confirm the account with Smile, say), the list is read afresh instead; the
    /// applicant has nothing to fix, so nothing is shown unless that read fails too.
    pub fn take_event_answer(self, answer: Result<LinkAccounts, ApiError>) {
        match answer {
            Ok(list) => self.take(list),
            Err(error) => {
                if !self.note_unauthorized(&error) {
                    leptos::logging::warn!("a widget event was not recorded: {error}");
                    self.refresh();
                }
            }
        }
    }

    /// A list pushed by the server's event stream.
    pub fn take_pushed(self, list: LinkAccounts) {
        self.take(list);
    }

    fn take(self, list: LinkAccounts) {
        self.list.try_set(Some(list.accounts));
        self.documents.try_set(Some(list.documents));
        self.error.try_set(None);
        if self.something_on_its_way() == Some(true) {
            self.schedule_poll();
        }
    }

    /// An account connecting or syncing, or a document not yet checked; `None` once the
    /// page is gone.
    fn something_on_its_way(self) -> Option<bool> {
        let accounts = self
            .list
            .try_with_untracked(|l| l.as_deref().is_some_and(should_poll))?;
        let documents = self.documents.try_with_untracked(|d| {
            d.iter()
                .flatten()
                .any(|doc| documents::is_in_progress(doc.progress))
        })?;
        Some(accounts || documents)
    }

    /// One refresh in `POLL_EVERY`, unless one is already scheduled. Each answer schedules
    /// the next while it still needs one, so polling stops by itself once every account is
    /// ready or failed, and with the page (the disposed state refuses to refresh).
    fn schedule_poll(self) {
        if self
            .poll_scheduled
            .try_update_value(|scheduled| std::mem::replace(scheduled, true))
            != Some(false)
        {
            return;
        }
        set_timeout(
            move || {
                if self.poll_scheduled.try_set_value(false).is_none() {
                    self.refresh();
                }
            },
            POLL_EVERY,
        );
    }

    fn note_unauthorized(self, error: &ApiError) -> bool {
        let unauthorized = error.is_unauthorized();
        if unauthorized {
            self.signed_out.try_set(true);
        }
        unauthorized
    }
}

impl Default for AccountsState {
    fn default() -> Self {
        Self::new()
    }
}
