//! What the link page says after each widget event: a journal of one opening of the widget,
//! and the notice it leads to when the widget closes (the off-ramp after a success, or an
//! offer to try again). Pure logic, unit-tested natively.

use smile_api::widget::{CloseReason, WidgetEvent};
use smile_api::AccountErrorCode;
use wink_api::LinkedAccount;

use super::texts::NoticeWords;
use crate::i18n::Words;
use crate::uploads::read_uploads;

/// A provider login that failed, as `onAccountError` reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `None` when the widget closed on its error screen without an `onAccountError`.
    pub provider_id: Option<String>,
    pub code: Option<AccountErrorCode>,
}

/// What happened while the widget was open this time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenJournal {
    /// Providers connected, in order, without repeats.
    pub connected: Vec<String>,
    /// The latest failure, if any.
    pub failed: Option<Failure>,
    pub removed: usize,
    pub uploaded: usize,
}

impl OpenJournal {
    pub fn record(&mut self, event: &WidgetEvent) {
        match event {
            WidgetEvent::AccountConnected(account)
                if !self.connected.contains(&account.provider_id) =>
            {
                self.connected.push(account.provider_id.clone());
            }
            WidgetEvent::AccountError(error) => {
                self.failed = Some(Failure {
                    provider_id: Some(error.provider_id.clone()),
                    code: error.error_code.clone(),
                });
            }
            WidgetEvent::AccountRemoved(_) => self.removed += 1,
            WidgetEvent::UploadsCreated(uploads) => {
                self.uploaded += read_uploads(&uploads.uploads).len().max(1);
            }
            _ => {}
        }
    }

    /// The notice once the widget closed for `reason`. Any success in this opening wins
    /// (a wrong password followed by the right one is a success).
    pub fn notice_on_close(&self, reason: Option<&CloseReason>) -> Notice {
        if !self.connected.is_empty() || self.uploaded > 0 {
            return Notice::Linked {
                provider_ids: self.connected.clone(),
                uploads: self.uploaded,
            };
        }
        if let Some(failure) = &self.failed {
            return Notice::Failed(failure.clone());
        }
        if reason == Some(&CloseReason::Error) {
            return Notice::Failed(Failure {
                provider_id: None,
                code: None,
            });
        }
        if self.removed > 0 {
            return Notice::Changed;
        }
        Notice::ClosedEarly
    }
}

/// The link page's banner: the latest thing worth telling the applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// An account just connected (the widget is still open on its success screen).
    Connected { provider_id: String },
    /// A login failed: explain and offer the next step.
    Failed(Failure),
    /// The applicant disconnected an account in the widget.
    Removed { provider_id: String },
    /// The link token expired; a fresh one is on its way and the widget will reopen.
    Reopening,
    /// The widget closed after something was linked: lead to the off-ramp.
    Linked {
        provider_ids: Vec<String>,
        uploads: usize,
    },
    /// The widget closed after only disconnecting accounts.
    Changed,
    /// The widget closed before anything happened: offer to try again.
    ClosedEarly,
}

/// A provider's display name from the account list, or its id when it is not listed yet.
pub fn provider_label(accounts: &[LinkedAccount], provider_id: &str) -> String {
    accounts
        .iter()
        .find(|a| a.provider_id == provider_id)
        .and_then(|a| a.provider_name.clone())
        .unwrap_or_else(|| provider_id.to_owned())
}

/// "A", "A and B", "A, B and C" (the "and" in the reader's language).
pub fn join_names(names: &[String], words: &impl Words) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => words.say(NoticeWords::Names {
            names: &init.join(", "),
            last,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use smile_api::widget::{AccountCallback, AccountErrorCallback, UploadsCallback};
    use wink_api::LinkStatus;

    use crate::i18n::English;
    use crate::test_support::sss_account;

    fn account(provider: &str) -> AccountCallback {
        AccountCallback {
            account_id: format!("acc-{provider}"),
            user_id: "u-1".into(),
            provider_id: provider.into(),
        }
    }

    fn failed(provider: &str, code: AccountErrorCode) -> WidgetEvent {
        WidgetEvent::AccountError(AccountErrorCallback {
            account_id: "acc-x".into(),
            user_id: "u-1".into(),
            provider_id: provider.into(),
            error_code: Some(code),
        })
    }

    #[test]
    fn success_after_a_wrong_password_leads_to_the_off_ramp() {
        let mut journal = OpenJournal::default();
        journal.record(&failed("sss_ph", AccountErrorCode::InvalidCredentials));
        journal.record(&WidgetEvent::AccountConnected(account("sss_ph")));
        journal.record(&WidgetEvent::AccountConnected(account("sss_ph")));
        assert_eq!(
            journal.notice_on_close(Some(&CloseReason::Exit)),
            Notice::Linked {
                provider_ids: vec!["sss_ph".into()],
                uploads: 0
            }
        );
    }

    #[test]
    fn a_failure_explains_itself() {
        let mut journal = OpenJournal::default();
        journal.record(&failed("sss_ph", AccountErrorCode::AccountLocked));
        assert_eq!(
            journal.notice_on_close(Some(&CloseReason::Error)),
            Notice::Failed(Failure {
                provider_id: Some("sss_ph".into()),
                code: Some(AccountErrorCode::AccountLocked)
            })
        );
    }

    #[test]
    fn the_error_screen_without_a_callback_still_counts_as_a_failure() {
        assert_eq!(
            OpenJournal::default().notice_on_close(Some(&CloseReason::Error)),
            Notice::Failed(Failure {
                provider_id: None,
                code: None
            })
        );
    }

    #[test]
    fn closing_early_offers_to_try_again_whatever_the_reason() {
        for reason in [None, Some(CloseReason::Close), Some(CloseReason::Exit)] {
            assert_eq!(
                OpenJournal::default().notice_on_close(reason.as_ref()),
                Notice::ClosedEarly
            );
        }
    }

    #[test]
    fn uploads_count_as_linking_and_removals_as_changes() {
        let mut journal = OpenJournal::default();
        journal.record(&WidgetEvent::AccountRemoved(account("upwork")));
        assert_eq!(journal.notice_on_close(None), Notice::Changed);
        journal.record(&WidgetEvent::UploadsCreated(UploadsCallback {
            uploads: json!([{"id": "archive-1"}, {"id": "archive-2"}]),
            user_id: None,
        }));
        assert_eq!(
            journal.notice_on_close(None),
            Notice::Linked {
                provider_ids: vec![],
                uploads: 2
            }
        );
    }

    #[test]
    fn provider_labels_and_name_lists() {
        let accounts = [sss_account(LinkStatus::Connected)];
        assert_eq!(
            provider_label(&accounts, "sss_ph"),
            "Social Security System"
        );
        assert_eq!(provider_label(&accounts, "upwork"), "upwork");
        let names = |list: &[&str]| {
            join_names(
                &list.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                &English,
            )
        };
        assert_eq!(names(&[]), "");
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B"]), "A and B");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
    }
}
