//! The verification report (`wink_api::report`): one applicant's verified data at one
//! moment, the snapshots that let the next report or re-verification say what changed, the
//! consent receipt, the PDF, signing with the lender's keys (`crate::report_signing::keys`), and
//! checking a report file from anyone.

pub mod build;
pub mod changes;
mod consent;
pub mod download;
pub mod file;
pub mod pdf;
pub mod snapshot;
