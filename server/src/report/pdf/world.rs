//! The closed world a report is typeset in: the template, the signed report as
//! `report.json`, the bundled fonts, and nothing else (no file system, no packages, no
//! clock).

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

/// The report's layout.
const TEMPLATE: &str = include_str!("report.typ");

/// The template's name for the signed report, read and attached by it.
const REPORT_FILE: &str = "report.json";

static MAIN: LazyLock<Source> = LazyLock::new(|| {
    Source::new(
        FileId::new(None, VirtualPath::new("report.typ")),
        TEMPLATE.to_owned(),
    )
});

static REPORT_ID: LazyLock<FileId> =
    LazyLock::new(|| FileId::new(None, VirtualPath::new(REPORT_FILE)));

/// typst-assets' fonts, parsed once.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

pub(super) struct ReportWorld {
    library: LazyHash<Library>,
    report: Bytes,
}

impl ReportWorld {
    /// `inputs` become the template's `sys.inputs`; `report` is `report.json`.
    pub(super) fn new(inputs: Dict, report: Vec<u8>) -> Self {
        ReportWorld {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            report: Bytes::new(report),
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        MAIN.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == MAIN.id() {
            Ok(MAIN.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *REPORT_ID {
            Ok(self.report.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// The report carries its own times; a template asking for today's date is an error.
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().as_rootless_path().into())
}
