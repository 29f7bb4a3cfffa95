//! The verification report (issue 16): one applicant's verified data at one moment, the
//! snapshots that let the next report or re-verification say what changed, and the
//! consent receipt.

pub mod build;
pub mod changes;
mod consent;
pub mod file;
pub mod snapshot;
