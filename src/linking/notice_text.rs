//! The words and buttons of each link-page notice, as plain data: one template renders
//! them all (one compiled view instead of one per kind), and the wording is unit-tested
//! (in English; the page renders it in the reader's language).

use wink_api::LinkedAccount;

use super::outcome::{join_names, provider_label, Notice};
use super::texts::{LinkText, NoticeWords};
use crate::errors::{advice_for, NextStep};
use crate::i18n::Words;

/// What a notice's button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Open the widget to take this next step (retry, another provider, upload).
    Step(NextStep),
    /// Open the widget to link another account.
    LinkAnother,
    /// Open the widget to try a different account (after a failure we can't explain).
    TryDifferentAccount,
    /// "I'm done": complete the application.
    Finish,
}

impl NoticeAction {
    /// The button's words.
    pub fn label(self, words: &impl Words) -> String {
        match self {
            NoticeAction::Step(step) => words.say(step.label()),
            NoticeAction::LinkAnother => words.say(NoticeWords::LinkAnother),
            NoticeAction::TryDifferentAccount => words.say(NoticeWords::TryDifferentAccount),
            NoticeAction::Finish => words.say(LinkText::Done),
        }
    }

    /// Whether the button opens the widget (else it finishes).
    pub fn opens_widget(self) -> bool {
        self != NoticeAction::Finish
    }
}

/// One notice, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeText {
    /// `data-notice`, for styling and tests.
    pub kind: &'static str,
    /// `success`, `info` or `problem` (a CSS class; the words carry the meaning).
    pub tone: &'static str,
    /// Present for notices that follow the widget closing (a summary of what happened).
    pub heading: Option<String>,
    pub message: String,
    /// `data-error-code` of a failed login.
    pub error_code: Option<String>,
    pub primary: Option<NoticeAction>,
    pub secondary: Option<NoticeAction>,
}

/// What the wording depends on besides the notice itself.
pub struct NoticeContext<'a> {
    /// For providers' display names.
    pub accounts: &'a [LinkedAccount],
    pub uploads_enabled: bool,
    /// The application's reference, quoted when we ask the applicant to contact us.
    pub reference: Option<&'a str>,
}

pub fn notice_text(notice: &Notice, cx: &NoticeContext, words: &impl Words) -> NoticeText {
    let name = |id: &str| provider_label(cx.accounts, id);
    let plain = |kind, tone, message: String| NoticeText {
        kind,
        tone,
        heading: None,
        message,
        error_code: None,
        primary: None,
        secondary: None,
    };
    match notice {
        Notice::Connected { provider_id } => plain(
            "connected",
            "success",
            words.say(NoticeWords::Connected {
                provider: &name(provider_id),
            }),
        ),
        Notice::Removed { provider_id } => plain(
            "removed",
            "info",
            words.say(NoticeWords::Removed {
                provider: &name(provider_id),
            }),
        ),
        Notice::Reopening => plain("reopening", "info", words.say(NoticeWords::Reopening)),
        Notice::Changed => plain("changed", "info", words.say(NoticeWords::Changed)),
        Notice::Linked {
            provider_ids,
            uploads,
        } => {
            let names: Vec<String> = provider_ids.iter().map(|id| name(id)).collect();
            let what = match names.len() {
                0 if *uploads > 0 => words.say(NoticeWords::DocumentsUploaded),
                0 => String::new(),
                1 => words.say(NoticeWords::OneConnected {
                    provider: &names[0],
                }),
                _ => words.say(NoticeWords::ManyConnected {
                    providers: &join_names(&names, words),
                }),
            };
            let next = words.say(NoticeWords::LinkedNext);
            NoticeText {
                heading: Some(words.say(NoticeWords::LinkedHeading)),
                message: format!("{what} {next}").trim_start().to_owned(),
                primary: Some(NoticeAction::Finish),
                secondary: Some(NoticeAction::LinkAnother),
                ..plain("linked", "success", String::new())
            }
        }
        Notice::ClosedEarly => NoticeText {
            heading: Some(words.say(NoticeWords::ClosedEarlyHeading)),
            primary: Some(NoticeAction::Step(NextStep::Retry)),
            ..plain(
                "closed-early",
                "info",
                words.say(if cx.uploads_enabled {
                    NoticeWords::ClosedEarlyUpload
                } else {
                    NoticeWords::ClosedEarly
                }),
            )
        },
        Notice::Failed(failure) => {
            let advice = advice_for(failure.code.as_ref());
            let step = advice.next_step.as_offered(cx.uploads_enabled);
            let heading = match &failure.provider_id {
                Some(id) if !id.is_empty() => words.say(NoticeWords::FailedHeading {
                    provider: &name(id),
                }),
                _ => words.say(NoticeWords::FailedHeadingUnknown),
            };
            let explanation = words.say(advice.message);
            let (message, primary) = if !step.opens_widget() {
                let contact = words.say(match cx.reference {
                    Some(reference) => NoticeWords::ContactUsQuoting { reference },
                    None => NoticeWords::ContactUs,
                });
                (
                    format!("{explanation} {contact}"),
                    NoticeAction::TryDifferentAccount,
                )
            } else {
                (explanation, NoticeAction::Step(step))
            };
            NoticeText {
                heading: Some(heading),
                error_code: failure.code.as_ref().map(|c| c.as_str().to_owned()),
                primary: Some(primary),
                ..plain("failed", "problem", message)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use smile_api::AccountErrorCode;
    use wink_api::LinkStatus;

    use super::*;
    use crate::i18n::English;
    use crate::linking::outcome::Failure;
    use crate::test_support::sss_account;

    fn sss() -> Vec<LinkedAccount> {
        vec![sss_account(LinkStatus::Connected)]
    }

    fn text(notice: Notice, uploads_enabled: bool) -> NoticeText {
        let accounts = sss();
        notice_text(
            &notice,
            &NoticeContext {
                accounts: &accounts,
                uploads_enabled,
                reference: Some("WP-7K3QF9"),
            },
            &English,
        )
    }

    #[test]
    fn a_success_leads_to_finishing_with_the_providers_name() {
        let t = text(
            Notice::Linked {
                provider_ids: vec!["sss_ph".into(), "upwork".into()],
                uploads: 0,
            },
            false,
        );
        assert_eq!(t.heading.as_deref(), Some("You're connected"));
        assert!(t
            .message
            .starts_with("Social Security System and upwork are connected."));
        assert_eq!(t.primary, Some(NoticeAction::Finish));
        assert_eq!(t.primary.unwrap().label(&English), "I'm done");
        assert_eq!(t.secondary, Some(NoticeAction::LinkAnother));
        assert_eq!(t.secondary.unwrap().label(&English), "Link another account");
        assert!(t.message.ends_with(
            "are connected. A loan officer can now check your income. Link another account \
             for a fuller picture, or finish now."
        ));
    }

    #[test]
    fn a_wrong_password_offers_a_retry() {
        let t = text(
            Notice::Failed(Failure {
                provider_id: Some("sss_ph".into()),
                code: Some(AccountErrorCode::InvalidCredentials),
            }),
            true,
        );
        assert_eq!(
            t.heading.as_deref(),
            Some("Social Security System couldn't be connected")
        );
        assert_eq!(t.error_code.as_deref(), Some("INVALID_CREDENTIALS"));
        assert_eq!(t.primary, Some(NoticeAction::Step(NextStep::Retry)));
        assert_eq!(t.primary.unwrap().label(&English), "Try again");
        assert!(t.message.contains("We never see your password."));
        assert_eq!(t.tone, "problem");
    }

    #[test]
    fn unknown_errors_ask_to_contact_us_quoting_the_reference() {
        let t = text(
            Notice::Failed(Failure {
                provider_id: None,
                code: None,
            }),
            true,
        );
        assert_eq!(
            t.heading.as_deref(),
            Some("The account couldn't be connected")
        );
        assert_eq!(
            t.message,
            "Something unexpected stopped this account from connecting. Contact us and we'll \
             help you finish your application. Contact us: tell your loan officer what happened \
             and quote your reference WP-7K3QF9. Meanwhile you can try a different account."
        );
        assert_eq!(t.primary, Some(NoticeAction::TryDifferentAccount));
        assert_eq!(
            t.primary.unwrap().label(&English),
            "Try a different account"
        );
    }

    #[test]
    fn uploads_are_only_suggested_when_the_lender_offers_them() {
        let unsupported = Notice::Failed(Failure {
            provider_id: Some("sss_ph".into()),
            code: Some(AccountErrorCode::UnsupportedAuthType),
        });
        let label = |t: NoticeText| t.primary.unwrap().label(&English);
        assert_eq!(
            label(text(unsupported.clone(), true)),
            "Upload documents instead"
        );
        assert_eq!(label(text(unsupported, false)), "Choose another provider");
        assert!(text(Notice::ClosedEarly, true)
            .message
            .ends_with("a gig platform you earn through, or upload your payslips."));
        assert_eq!(label(text(Notice::ClosedEarly, true)), "Try again");
        assert!(!text(Notice::ClosedEarly, false).message.contains("upload"));
    }

    #[test]
    fn news_while_the_widget_is_open_has_no_heading_to_steal_focus() {
        for notice in [
            Notice::Connected {
                provider_id: "sss_ph".into(),
            },
            Notice::Removed {
                provider_id: "sss_ph".into(),
            },
            Notice::Reopening,
        ] {
            let t = text(notice, true);
            assert_eq!(t.heading, None);
            assert_eq!(t.primary, None);
        }
        assert_eq!(
            text(
                Notice::Connected {
                    provider_id: "sss_ph".into()
                },
                true
            )
            .message,
            "Social Security System is connected. Finish in the window, or link another account there."
        );
    }
}
