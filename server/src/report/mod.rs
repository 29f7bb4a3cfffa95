//! The verification report (`wink_api::report`): one applicant's verified data at one
//! moment, the snapshots that let the next report or re-verification say what changed, the
//! consent receipt, the PDF, signing with the lender's keys, and checking a report file from
//! anyone.

pub mod build;
pub mod changes;
mod consent;
pub mod download;
pub mod embedded;
pub mod file;
pub mod keys;
pub mod pdf;
pub mod signing;
pub mod snapshot;
pub mod verify;
