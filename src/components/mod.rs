//! Reusable pieces of the pages.

mod account_list;
mod consent_field;
mod document_list;
mod error_summary;
mod mode_badge;
mod notice_card;
mod panel;
mod resume_link_card;
mod sandbox_fill;
mod server_status;
mod session_missing;
mod sign_out;
mod status_chip;
mod text_field;
mod upload_instead;

pub use account_list::AccountList;
pub use consent_field::ConsentField;
pub use document_list::DocumentList;
pub use error_summary::ErrorSummary;
pub use mode_badge::{explanation as mode_explanation, ModeBadge};
pub use notice_card::NoticeCard;
pub use panel::Panel;
pub use resume_link_card::ResumeLinkCard;
pub use sandbox_fill::SandboxFill;
pub use server_status::{ServerStatus, ServerText};
pub use session_missing::{SessionMissing, SessionText};
pub use sign_out::{SignOut, SignOutText, SIGNED_OUT_QUERY};
pub use status_chip::StatusChip;
pub use text_field::TextField;
pub use upload_instead::UploadInstead;
