//! The bridge to Smile's Wink widget (`SmileLinkModal` from `smile.v2.js`):
//!
//! - [`binding`]: the wasm-bindgen binding of the global class;
//! - [`loader`]: loads the script on demand, with a timeout and clear errors;
//! - [`session`]: one open widget owning the Rust closures it calls;
//! - [`payload`]: callback payloads read into typed `WidgetEvent`s (pure, unit-tested).

pub mod binding;
pub mod loader;
pub mod payload;
pub mod session;

use wink_api::messages;

pub use loader::{load_widget_script, LoadError, DEFAULT_TIMEOUT};
pub use payload::{Callback, Received, UnreadablePayload};
pub use session::{OpenError, WidgetSession};

use crate::i18n::Words;

messages! {
    /// Why the widget could not be loaded or opened, for the applicant. The errors' own
    /// `Display` keeps these English sentences, for logs and tests.
    pub enum WidgetText {
        Offline = "widget.offline" => "You appear to be offline, so the secure account-linking window could not be loaded. Reconnect to the internet and try again.",
        Blocked { host } = "widget.blocked" => "The secure account-linking window could not be loaded from {host}. Check your connection; if you use an ad or script blocker, allow {host} and try again.",
        /// The host of a same-origin script (the emulator's), in `Blocked`.
        ThisSite = "widget.this_site" => "this site",
        GlobalMissing = "widget.global_missing" => "The account-linking service loaded but did not start properly. Please try again in a few minutes, or contact us if it keeps happening.",
        TimedOut { seconds } = "widget.timed_out" => "The secure account-linking window took more than {seconds} seconds to load. Check your connection and try again.",
        Page { detail } = "widget.page" => "This page could not prepare the account-linking window ({detail}). Please reload and try again.",
        Options { detail } = "widget.options" => "The linking window's settings could not be prepared ({detail}). Please reload the page.",
        Construct { detail } = "widget.construct" => "The secure account-linking window could not start ({detail}). Please try again.",
        Open { detail } = "widget.open" => "The secure account-linking window could not open ({detail}). Please try again.",
    }
}

/// Anything that stops the widget from opening, for the page to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WidgetError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Open(#[from] OpenError),
}

impl WidgetError {
    /// What went wrong, for the applicant, in their language (the `Display` in English).
    /// Details from the browser (a script error's message) stay as the browser gave them.
    pub fn text(&self, words: &impl Words) -> String {
        match self {
            WidgetError::Load(LoadError::Offline) => words.say(WidgetText::Offline),
            WidgetError::Load(LoadError::Blocked { host }) => {
                let host = if host == loader::THIS_SITE {
                    words.say(WidgetText::ThisSite)
                } else {
                    host.clone()
                };
                words.say(WidgetText::Blocked { host: &host })
            }
            WidgetError::Load(LoadError::GlobalMissing) => words.say(WidgetText::GlobalMissing),
            WidgetError::Load(LoadError::TimedOut { seconds }) => {
                // A whole number of seconds: exact as a float.
                let seconds = words.number(*seconds);
                words.say(WidgetText::TimedOut { seconds: &seconds })
            }
            WidgetError::Load(LoadError::Page(detail)) => words.say(WidgetText::Page { detail }),
            WidgetError::Open(OpenError::Options(detail)) => {
                words.say(WidgetText::Options { detail })
            }
            WidgetError::Open(OpenError::Construct(detail)) => {
                words.say(WidgetText::Construct { detail })
            }
            WidgetError::Open(OpenError::Open(detail)) => words.say(WidgetText::Open { detail }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::English;

    #[test]
    fn the_applicants_words_are_the_errors_english() {
        let errors: Vec<WidgetError> = vec![
            LoadError::Offline.into(),
            LoadError::Blocked {
                host: "web.smileapi.io".into(),
            }
            .into(),
            LoadError::Blocked {
                host: loader::script_host("/sandbox/smile.v2.js").into(),
            }
            .into(),
            LoadError::GlobalMissing.into(),
            LoadError::TimedOut { seconds: 15 }.into(),
            LoadError::Page("no window".into()).into(),
            OpenError::Options("not an object".into()).into(),
            OpenError::Construct("SmileLinkModal is not defined".into()).into(),
            OpenError::Open("refused".into()).into(),
        ];
        for error in errors {
            assert_eq!(error.text(&English), error.to_string());
        }
    }
}
