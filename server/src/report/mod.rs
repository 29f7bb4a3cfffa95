//! The verification report (issue #16): what an officer decided on, as signed JSON and PDF.

pub mod pdf;
