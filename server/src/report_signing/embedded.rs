//! The `report.json` a report PDF carries, read the way PDF stores attachments: the
//! catalog's `/Names` → `/EmbeddedFiles` name tree → a file specification → its `/EF`
//! stream (what typst and krilla write). Every stream is decompressed within a bound, so a
//! small PDF cannot inflate into gigabytes.

use lopdf::{DecompressError, Dictionary, Document, LoadOptions, Object};

/// The attachment's name.
pub const REPORT_FILE_NAME: &str = "report.json";

/// The largest the embedded report, or any stream the PDF's loading decompresses, may be.
const MAX_STREAM_BYTES: usize = 4 * 1024 * 1024;

/// Name-tree nodes visited at most: a real tree has a few.
const MAX_NAME_TREE_NODES: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error("the PDF cannot be read")]
    Unparsable,
    #[error("the PDF holds a stream larger than {MAX_STREAM_BYTES} bytes once decompressed")]
    StreamTooLarge,
    #[error("the PDF has no embedded {REPORT_FILE_NAME}")]
    NoReport,
    #[error("the PDF's embedded {REPORT_FILE_NAME} is malformed: {0}")]
    Malformed(&'static str),
}

impl From<lopdf::Error> for EmbeddedError {
    fn from(error: lopdf::Error) -> Self {
        match error {
            lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
                EmbeddedError::StreamTooLarge
            }
            _ => EmbeddedError::Unparsable,
        }
    }
}

/// A PDF starts with its header.
pub fn is_pdf(file: &[u8]) -> bool {
    file.starts_with(b"%PDF-")
}

/// The embedded `report.json`'s bytes.
pub fn report_json(pdf: &[u8]) -> Result<Vec<u8>, EmbeddedError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let document = Document::load_mem_with_options(pdf, options)?;
    let tree = document
        .catalog()
        .and_then(|catalog| catalog.get_deref(b"Names", &document))
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", &document))
        .and_then(Object::as_dict)
        .map_err(|_| EmbeddedError::NoReport)?;
    let spec = find_report(&document, tree)?.ok_or(EmbeddedError::NoReport)?;
    let files = spec
        .get_deref(b"EF", &document)
        .and_then(Object::as_dict)
        .map_err(|_| EmbeddedError::Malformed("its file specification has no /EF"))?;
    let stream = files
        .get_deref(b"UF", &document)
        .or_else(|_| files.get_deref(b"F", &document))
        .and_then(Object::as_stream)
        .map_err(|_| EmbeddedError::Malformed("its /EF has no file stream"))?;
    stream
        .get_plain_content_with_limit(MAX_STREAM_BYTES)
        .map_err(|error| match EmbeddedError::from(error) {
            EmbeddedError::StreamTooLarge => EmbeddedError::StreamTooLarge,
            _ => EmbeddedError::Malformed("its stream cannot be decompressed"),
        })
}

/// The file specification named `report.json` (by its key in the name tree, or its own
/// `/UF` or `/F`), walking the tree's `/Names` and `/Kids`.
fn find_report<'a>(
    document: &'a Document,
    root: &'a Dictionary,
) -> Result<Option<&'a Dictionary>, EmbeddedError> {
    let mut pending = vec![root];
    let mut visited = 0;
    while let Some(node) = pending.pop() {
        visited += 1;
        if visited > MAX_NAME_TREE_NODES {
            return Err(EmbeddedError::Malformed(
                "the embedded files' name tree is too large",
            ));
        }
        if let Ok(names) = node
            .get_deref(b"Names", document)
            .and_then(Object::as_array)
        {
            for pair in names.chunks(2) {
                let [name, spec] = pair else { continue };
                let Ok((_, spec)) = document.dereference(spec) else {
                    continue;
                };
                let Ok(spec) = spec.as_dict() else { continue };
                let named = |key: &[u8]| spec.get_deref(key, document).is_ok_and(names_the_report);
                if names_the_report(name) || named(b"UF") || named(b"F") {
                    return Ok(Some(spec));
                }
            }
        }
        if let Ok(kids) = node.get_deref(b"Kids", document).and_then(Object::as_array) {
            pending.extend(
                kids.iter()
                    .take(MAX_NAME_TREE_NODES)
                    .filter_map(|kid| document.dereference(kid).ok()?.1.as_dict().ok()),
            );
        }
    }
    Ok(None)
}

/// A PDF text string (PDFDocEncoding, or UTF-16BE with its byte-order mark) that reads
/// `report.json`.
fn names_the_report(object: &Object) -> bool {
    lopdf::decode_text_string(object).is_ok_and(|name| name == REPORT_FILE_NAME)
}

#[cfg(test)]
mod tests {
    use lopdf::{dictionary, Stream, StringFormat};

    use super::*;

    /// A one-attachment PDF whose name tree has a root with one leaf, as a writer may
    /// split it.
    fn pdf_with(name: Object, content: &[u8], compress: bool) -> Vec<u8> {
        let mut document = Document::with_version("1.7");
        let mut stream = Stream::new(dictionary! { "Type" => "EmbeddedFile" }, content.to_vec());
        if compress {
            stream.compress().unwrap();
        }
        let file = document.add_object(Object::Stream(stream));
        let spec = document.add_object(dictionary! {
            "Type" => "Filespec",
            "EF" => dictionary! { "F" => file },
        });
        let leaf = document.add_object(dictionary! { "Names" => vec![name, spec.into()] });
        let root = document.add_object(dictionary! { "Kids" => vec![leaf.into()] });
        let pages = document.add_object(dictionary! {
            "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0,
        });
        let catalog = document.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages,
            "Names" => dictionary! { "EmbeddedFiles" => root },
        });
        document.trailer.set("Root", catalog);
        let mut pdf = Vec::new();
        document.save_to(&mut pdf).unwrap();
        pdf
    }

    fn literal(name: &str) -> Object {
        Object::string_literal(name)
    }

    #[test]
    fn the_embedded_report_is_found_compressed_or_not() {
        let json = br#"{"report": {}, "signature": {}}"#;
        for compress in [false, true] {
            let pdf = pdf_with(literal(REPORT_FILE_NAME), &json.repeat(20), compress);
            assert!(is_pdf(&pdf));
            assert_eq!(report_json(&pdf).unwrap(), json.repeat(20));
        }
    }

    #[test]
    fn a_utf16_name_is_read_as_text() {
        let mut utf16 = vec![0xFE, 0xFF];
        utf16.extend(REPORT_FILE_NAME.encode_utf16().flat_map(u16::to_be_bytes));
        let pdf = pdf_with(
            Object::String(utf16, StringFormat::Hexadecimal),
            b"{}",
            true,
        );
        assert_eq!(report_json(&pdf).unwrap(), b"{}");
    }

    #[test]
    fn another_attachment_or_none_is_no_report() {
        let pdf = pdf_with(literal("invoice.json"), b"{}", false);
        assert!(matches!(report_json(&pdf), Err(EmbeddedError::NoReport)));
        let mut bare = Document::with_version("1.7");
        let pages = bare.add_object(
            dictionary! { "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0 },
        );
        let catalog = bare.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        bare.trailer.set("Root", catalog);
        let mut pdf = Vec::new();
        bare.save_to(&mut pdf).unwrap();
        assert!(matches!(report_json(&pdf), Err(EmbeddedError::NoReport)));
    }

    #[test]
    fn a_broken_pdf_or_a_decompression_bomb_is_refused() {
        assert!(matches!(
            report_json(b"%PDF-1.7\nnot really"),
            Err(EmbeddedError::Unparsable)
        ));
        let bomb = pdf_with(
            literal(REPORT_FILE_NAME),
            &vec![0; MAX_STREAM_BYTES + 1],
            true,
        );
        assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
        assert!(matches!(
            report_json(&bomb),
            Err(EmbeddedError::StreamTooLarge)
        ));
    }
}
