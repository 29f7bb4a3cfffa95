//! The report as a PDF: typeset by typst, used as a library, from `report.typ`.
//!
//! Why typst: it lays out real text (line breaking, tables, running footers with "Page n of
//! N", vector shapes with hatch tilings for the chart) and attaches files to the PDF
//! (`pdf.embed`, a standard /EmbeddedFiles entry), so this module only has to hand it the
//! data. krilla and printpdf draw text at given positions and would leave line breaking,
//! tables and pagination to hand-written code. The fonts are typst-assets' (Libertinus
//! Serif, DejaVu Sans Mono), compiled into the binary: a fresh machine renders the same
//! PDF. typst 0.13 is the last release whose MSRV is within the workspace's.
//!
//! The template never sees the report as source text: the signed report is a virtual file
//! (`report.json`) that the template both reads with `json(..)` and attaches, and the
//! fingerprint and paper size are `sys.inputs` strings, so no value can inject markup.

mod world;

use smile_api::wire_enum;
use typst::diag::SourceDiagnostic;
use typst::ecow::EcoVec;
use typst::foundations::{Datetime, Dict, IntoValue, Smart};
use typst::layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};
use wink_api::report::SignedReport;

use world::ReportWorld;

wire_enum! {
    #[wire_enum(closed)]
    /// The paper a report is laid out on (`?paper=a4` or `?paper=letter`).
    pub enum Paper {
        /// 210 × 297 mm.
        A4 = "a4",
        /// 8.5 × 11 in.
        Letter = "letter",
    }
}

impl Paper {
    /// typst's name for the paper size.
    fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the report could not be serialized: {0}")]
    Serialize(#[from] serde_json::Error),
    #[error("the report's generation time `{0}` is not an RFC 3339 instant")]
    GeneratedAt(String),
    #[error("the report could not be typeset: {0}")]
    Typeset(String),
    #[error("the typeset report could not be written as PDF: {0}")]
    Export(String),
}

/// How many compilations typst's memoization cache keeps entries from: each report is
/// different, so older entries only take memory.
const CACHE_MAX_AGE: usize = 10;

/// Renders `signed` as a PDF on `paper`, showing `fingerprint` (the short fingerprint of
/// the signed JSON) on the first page and attaching `serde_json::to_vec_pretty(signed)` as
/// `report.json`. CPU-bound (tens to hundreds of milliseconds): call it off the async
/// runtime.
pub fn render(signed: &SignedReport, fingerprint: &str, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let attachment = serde_json::to_vec_pretty(signed)?;
    let generated_at = pdf_timestamp(&signed.report.generated_at)?;
    let inputs = Dict::from_iter([
        ("fingerprint".into(), fingerprint.into_value()),
        ("paper".into(), paper.typst_name().into_value()),
    ]);
    let world = ReportWorld::new(inputs, attachment);

    let document = typst::compile::<PagedDocument>(&world).output;
    let options = PdfOptions {
        ident: Smart::Custom(&signed.report.report_id),
        timestamp: Some(generated_at),
        ..PdfOptions::default()
    };
    let pdf = document
        .map_err(|errors| PdfError::Typeset(describe(&errors)))
        .and_then(|document| {
            typst_pdf::pdf(&document, &options)
                .map_err(|errors| PdfError::Export(describe(&errors)))
        });
    typst::comemo::evict(CACHE_MAX_AGE);
    pdf
}

/// The PDF's creation date: the report's generation time, so the same report gives the
/// same file.
fn pdf_timestamp(generated_at: &str) -> Result<Timestamp, PdfError> {
    let invalid = || PdfError::GeneratedAt(generated_at.to_owned());
    let utc = jiff::tz::Offset::UTC.to_datetime(
        generated_at
            .parse::<jiff::Timestamp>()
            .map_err(|_| invalid())?,
    );
    let datetime = Datetime::from_ymd_hms(
        utc.year().into(),
        utc.month().try_into().map_err(|_| invalid())?,
        utc.day().try_into().map_err(|_| invalid())?,
        utc.hour().try_into().map_err(|_| invalid())?,
        utc.minute().try_into().map_err(|_| invalid())?,
        utc.second().try_into().map_err(|_| invalid())?,
    )
    .ok_or_else(invalid)?;
    Ok(Timestamp::new_utc(datetime))
}

/// typst's diagnostics in one line: their messages and hints, never the report's data.
fn describe(diagnostics: &EcoVec<SourceDiagnostic>) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let mut line = diagnostic.message.to_string();
            for hint in &diagnostic.hints {
                line.push_str(" (hint: ");
                line.push_str(hint);
                line.push(')');
            }
            line
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests;
