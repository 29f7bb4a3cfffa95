//! How a linked account's status reads on the page: a word (never colour alone), a symbol
//! for a quick glance, a sentence for screen readers and the curious, and whether the page
//! should keep asking the server for news.

use wink_api::{LinkStatus, LinkedAccount};

/// Everything the status chip shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusView {
    /// Machine name, for CSS and tests (`data-status`).
    pub name: &'static str,
    /// The chip's text.
    pub label: &'static str,
    /// Decorative; hidden from screen readers.
    pub symbol: &'static str,
    /// What the status means for the applicant.
    pub hint: &'static str,
}

pub fn status_view(status: LinkStatus) -> StatusView {
    let (label, symbol, hint) = match status {
        LinkStatus::Connecting => ("Connecting", "…", "Finishing the login with the provider."),
        LinkStatus::Connected => (
            "Connected",
            "✓",
            "Logged in. Your records will be collected shortly.",
        ),
        LinkStatus::Syncing => ("Syncing", "↻", "Collecting your records from the provider."),
        LinkStatus::Ready => ("Ready", "✔", "Your records have arrived."),
        LinkStatus::Error => ("Error", "!", "This account could not be connected."),
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
            assert!(!view.label.is_empty() && !view.hint.is_empty());
            assert!(view.label.eq_ignore_ascii_case(view.name));
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
