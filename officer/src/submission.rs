//! What every form of the dashboard does on submit: one call at a time, a "pending" flag
//! for its button, and the reason it failed in an alert above the button.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

#[derive(Debug, Clone, Copy)]
pub struct Submission {
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

impl Submission {
    pub fn new() -> Self {
        Submission {
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Runs `call` unless one is under way: `done` gets its answer, a failure is shown.
    pub fn run<T: 'static>(
        self,
        call: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        self.error.set(None);
        spawn_local(async move {
            let answer = call.await;
            self.pending.try_set(false);
            match answer {
                Ok(value) => done(value),
                Err(failure) => {
                    self.error.try_set(Some(failure.to_string()));
                }
            }
        });
    }

    /// A problem found before calling (an empty required field).
    pub fn refuse(self, message: &str) {
        self.error.set(Some(message.to_owned()));
    }

    /// The alert with the latest failure, if any.
    pub fn error_view(self) -> impl IntoView {
        view! {
            <div class="form-error" role="alert">
                {move || self.error.get().map(|message| view! { <p>{message}</p> })}
            </div>
        }
    }

    /// The submit button's words: `idle`, or `busy` while the call is under way.
    pub fn label(self, idle: &'static str, busy: &'static str) -> impl Fn() -> &'static str {
        move || if self.pending.get() { busy } else { idle }
    }
}

impl Default for Submission {
    fn default() -> Self {
        Self::new()
    }
}
