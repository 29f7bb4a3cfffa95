//! The words and buttons of each link-page notice, as plain data: one template renders
//! them all (one compiled view instead of one per kind), and the wording is unit-tested.

use wink_api::LinkedAccount;

use super::outcome::{join_names, provider_label, Notice};
use crate::errors::advice_for;

/// What a notice's button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Open the widget; the label says why (retry, another provider, upload, link more).
    Open(&'static str),
    /// "I'm done": complete the application.
    Finish,
}

impl NoticeAction {
    pub fn label(self) -> &'static str {
        match self {
            NoticeAction::Open(label) => label,
            NoticeAction::Finish => "I'm done",
        }
    }
}

/// One notice, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeText {
    /// `data-notice`, for styling and tests.
    pub kind: &'static str,
    /// `success`, `info` or `problem` (a CSS class; the words carry the meaning).
    pub tone: &'static str,
    /// Present for notices that follow the widget closing: focus moves to it.
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

pub fn notice_text(notice: &Notice, cx: &NoticeContext) -> NoticeText {
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
            format!(
                "{} is connected. Finish in the window, or link another account there.",
                name(provider_id)
            ),
        ),
        Notice::Removed { provider_id } => plain(
            "removed",
            "info",
            format!(
                "{} is disconnected and no longer shares your records.",
                name(provider_id)
            ),
        ),
        Notice::Reopening => plain(
            "reopening",
            "info",
            "Your secure link timed out. Reopening the window with a new one…".into(),
        ),
        Notice::Changed => plain("changed", "info", "Your connections are updated.".into()),
        Notice::Linked {
            provider_ids,
            uploads,
        } => {
            let names: Vec<String> = provider_ids.iter().map(|id| name(id)).collect();
            let what = match names.len() {
                0 if *uploads > 0 => "Your documents are uploaded.".to_owned(),
                0 => String::new(),
                1 => format!("{} is connected.", names[0]),
                _ => format!("{} are connected.", join_names(&names)),
            };
            NoticeText {
                heading: Some("You're connected".into()),
                message: format!(
                    "{what} A loan officer can now check your income. Link another account \
                     for a fuller picture, or finish now."
                )
                .trim_start()
                .to_owned(),
                primary: Some(NoticeAction::Finish),
                secondary: Some(NoticeAction::Open("Link another account")),
                ..plain("linked", "success", String::new())
            }
        }
        Notice::ClosedEarly => {
            let upload = if cx.uploads_enabled {
                ", or upload your payslips"
            } else {
                ""
            };
            NoticeText {
                heading: Some("No account was linked".into()),
                primary: Some(NoticeAction::Open("Try again")),
                ..plain(
                    "closed-early",
                    "info",
                    format!(
                        "The window closed before an account was connected. Try again \
                         whenever you're ready. Can't find your employer? Choose SSS or a \
                         gig platform you earn through{upload}."
                    ),
                )
            }
        }
        Notice::Failed(failure) => {
            let advice = advice_for(failure.code.as_ref());
            let step = advice.next_step.as_offered(cx.uploads_enabled);
            let heading = match &failure.provider_id {
                Some(id) if !id.is_empty() => format!("{} couldn't be connected", name(id)),
                _ => "The account couldn't be connected".to_owned(),
            };
            let (message, primary) = if !step.opens_widget() {
                let quote = cx
                    .reference
                    .map(|r| format!(" and quote your reference {r}"))
                    .unwrap_or_default();
                (
                    format!(
                        "{} Contact us: tell your loan officer what happened{quote}. \
                         Meanwhile you can try a different account.",
                        advice.message
                    ),
                    NoticeAction::Open("Try a different account"),
                )
            } else {
                (advice.message.to_owned(), NoticeAction::Open(step.label()))
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
        assert_eq!(
            t.secondary,
            Some(NoticeAction::Open("Link another account"))
        );
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
        assert_eq!(t.primary, Some(NoticeAction::Open("Try again")));
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
        assert!(
            t.message.contains("quote your reference WP-7K3QF9"),
            "{}",
            t.message
        );
        assert_eq!(
            t.primary,
            Some(NoticeAction::Open("Try a different account"))
        );
    }

    #[test]
    fn uploads_are_only_suggested_when_the_lender_offers_them() {
        let unsupported = Notice::Failed(Failure {
            provider_id: Some("sss_ph".into()),
            code: Some(AccountErrorCode::UnsupportedAuthType),
        });
        assert_eq!(
            text(unsupported.clone(), true).primary,
            Some(NoticeAction::Open("Upload documents instead"))
        );
        assert_eq!(
            text(unsupported, false).primary,
            Some(NoticeAction::Open("Choose another provider"))
        );
        assert!(text(Notice::ClosedEarly, true)
            .message
            .contains("upload your payslips"));
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
