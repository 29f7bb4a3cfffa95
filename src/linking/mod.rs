//! The link page's logic: the controller that drives the widget, the outbox that forwards
//! callbacks to the server, and the (pure) rules for what to tell the applicant, in words
//! of their language.

pub mod accounts;
pub mod controller;
pub mod live;
pub mod notice_text;
pub mod outbox;
pub mod outcome;
pub mod texts;
