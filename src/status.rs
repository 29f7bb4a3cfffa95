//! How a linked account's status reads on the page: a word (never colour alone), a symbol
//! for a quick glance, a sentence for screen readers and the curious, and whether the page
//! should keep asking the server for news.

use wink_api::{messages, LinkStatus, LinkedAccount};

messages! {
    /// A linked account's status in words.
    pub enum StatusText {
        Connecting = "account_status.connecting" => "Connecting",
        ConnectingHint = "account_status.connecting_hint" => "Finishing the login with the provider.",
        Connected = "account_status.connected" => "Connected",
        ConnectedHint = "account_status.connected_hint" => "Logged in. Your records will be collected shortly.",
        Syncing = "account_status.syncing" => "Syncing",
        SyncingHint = "account_status.syncing_hint" => "Collecting your records from the provider.",
        Ready = "account_status.ready" => "Ready",
        ReadyHint = "account_status.ready_hint" => "Your records have arrived.",
        Error = "account_status.error" => "Error",
        ErrorHint = "account_status.error_hint" => "This account could not be connected.",
    }
}

/// Everything the status chip shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusView {
    /// Machine name, for CSS and tests (`data-status`).
    pub name: &'static str,
    /// The chip's text.
    pub label: StatusText<'static>,
    /// Decorative; hidden from screen readers.
    pub symbol: &'static str,
    /// What the status means for the applicant.
    pub hint: StatusText<'static>,
}

pub fn status_view(status: LinkStatus) -> StatusView {
    use StatusText as T;
    let (label, symbol, hint) = match status {
        LinkStatus::Connecting => (T::Connecting, "…", T::ConnectingHint),
        LinkStatus::Connected => (T::Connected, "✓", T::ConnectedHint),
        LinkStatus::Syncing => (T::Syncing, "↻", T::SyncingHint),
        LinkStatus::Ready => (T::Ready, "✔", T::ReadyHint),
        LinkStatus::Error => (T::Error, "!", T::ErrorHint),
    };
    StatusView {
        name: status.as_str(),
        label,
        symbol,
        hint,
    }
}

/// Still on its way to `Ready` (or `Error`): worth asking the server again soon.
pub fn is_in_progress(status: LinkStatus) -> bool {
    matches!(
        status,
        LinkStatus::Connecting | LinkStatus::Connected | LinkStatus::Syncing
    )
}

/// The page polls the account list while this holds.
pub fn should_poll(accounts: &[LinkedAccount]) -> bool {
    accounts.iter().any(|a| is_in_progress(a.status))
}

/// An account counts towards "you can finish now" once the login succeeded.
pub fn is_linked(status: LinkStatus) -> bool {
    matches!(
        status,
        LinkStatus::Connected | LinkStatus::Syncing | LinkStatus::Ready
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use wink_api::i18n::Message;

    use crate::test_support::sss_account as account;

    #[test]
    fn chip_names_match_the_wire_names() {
        for status in LinkStatus::ALL {
            let wire = serde_json::to_value(status).unwrap();
            assert_eq!(wire, status_view(status).name);
        }
    }

    #[test]
    fn every_status_has_a_word_and_a_hint() {
        for status in LinkStatus::ALL {
            let view = status_view(status);
            let (label, hint) = (view.label.english(), view.hint.english());
            assert!(!label.is_empty() && hint.ends_with('.'));
            assert!(label.eq_ignore_ascii_case(view.name));
        }
    }

    #[test]
    fn polls_only_while_something_is_in_progress() {
        assert!(!should_poll(&[]));
        assert!(!should_poll(&[
            account(LinkStatus::Ready),
            account(LinkStatus::Error)
        ]));
        for status in [
            LinkStatus::Connecting,
            LinkStatus::Connected,
            LinkStatus::Syncing,
        ] {
            assert!(should_poll(&[account(LinkStatus::Ready), account(status)]));
        }
    }

    #[test]
    fn linked_means_logged_in() {
        let linked: Vec<_> = LinkStatus::ALL
            .into_iter()
            .filter(|s| is_linked(*s))
            .collect();
        assert_eq!(
            linked,
            [
                LinkStatus::Connected,
                LinkStatus::Syncing,
                LinkStatus::Ready
            ]
        );
    }
}
