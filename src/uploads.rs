//! What the widget reported uploading (`onUploadsCreated` / `onUploadsRemoved`), read so the
//! page can list an upload at once, before the server's list confirms it. Smile documents
//! `uploads` only as "contains upload array" (the Android bridge even passes a string), so
//! every shape is read defensively and nothing here can fail.

use serde_json::Value;
use wink_api::document::type_label;

/// One upload as the widget reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetUpload {
    /// Smile's archive id when the widget gave one: matches the server's document, and drops
    /// the report on `onUploadsRemoved`.
    pub id: Option<String>,
    /// "Payslip", ...
    pub type_label: String,
    pub file_names: Vec<String>,
}

/// The uploads in one `onUploadsCreated` / `onUploadsRemoved` payload.
pub fn read_uploads(uploads: &Value) -> Vec<WidgetUpload> {
    match uploads {
        Value::Array(items) => items.iter().flat_map(read_uploads).collect(),
        Value::Object(_) => vec![read_one(uploads)],
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(parsed @ (Value::Array(_) | Value::Object(_))) => read_uploads(&parsed),
            _ if text.trim().is_empty() => Vec::new(),
            _ => vec![WidgetUpload {
                id: None,
                type_label: type_label(None),
                file_names: vec![text.trim().to_owned()],
            }],
        },
        _ => Vec::new(),
    }
}

/// Smile's `Archive` (`id`, `type`, `rawFiles[].name`), or the flatter shapes other widget
/// builds report (`archiveId`, `fileType`, `fileName`).
fn read_one(item: &Value) -> WidgetUpload {
    let text = |value: &Value, key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let id = ["id", "archiveId", "uploadId"]
        .into_iter()
        .find_map(|key| text(item, key));
    let document_type = ["type", "fileType"]
        .into_iter()
        .find_map(|key| text(item, key));
    let mut file_names: Vec<String> = item
        .get("rawFiles")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|file| text(file, "name"))
        .collect();
    if file_names.is_empty() {
        file_names.extend(
            ["fileName", "name"]
                .into_iter()
                .find_map(|key| text(item, key)),
        );
    }
    WidgetUpload {
        id,
        type_label: type_label(document_type.as_deref()),
        file_names,
    }
}

/// Adds newly uploaded items, skipping ones already listed (same id).
pub fn add_uploads(list: &mut Vec<WidgetUpload>, added: Vec<WidgetUpload>) {
    for item in added {
        let known = item.id.is_some() && list.iter().any(|i| i.id == item.id);
        if !known {
            list.push(item);
        }
    }
}

/// Removes items by id, or by what they contain when the widget gave no id.
pub fn remove_uploads(list: &mut Vec<WidgetUpload>, removed: &[WidgetUpload]) {
    list.retain(|item| {
        !removed.iter().any(|gone| match (&gone.id, &item.id) {
            (Some(a), Some(b)) => a == b,
            (None, _) => gone.type_label == item.type_label && gone.file_names == item.file_names,
            (Some(_), None) => false,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn upload(id: Option<&str>, type_label: &str, file_names: &[&str]) -> WidgetUpload {
        WidgetUpload {
            id: id.map(str::to_owned),
            type_label: type_label.to_owned(),
            file_names: file_names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }

    #[test]
    fn reads_smiles_archives_and_flatter_shapes() {
        let items = read_uploads(&json!([
            {"id": "u-1", "type": "PAYSLIP", "state": {"status": "STARTED"},
             "rawFiles": [{"id": "f-1", "name": "may.pdf"}, {"id": "f-2", "name": "june.pdf"}]},
            {"archiveId": "u-2", "fileType": "EMPLOYMENT_CERTIFICATE", "fileName": "coe.pdf"},
            {"state": "PROCESSING"}
        ]));
        assert_eq!(
            items,
            [
                upload(Some("u-1"), "Payslip", &["may.pdf", "june.pdf"]),
                upload(Some("u-2"), "Certificate of employment", &["coe.pdf"]),
                upload(None, "Document", &[]),
            ]
        );
    }

    #[test]
    fn reads_the_android_string_form_and_odd_shapes() {
        let items = read_uploads(&json!(r#"[{"id":"u-9","type":"bank_statement"}]"#));
        assert_eq!(items, [upload(Some("u-9"), "Bank statement", &[])]);
        assert_eq!(
            read_uploads(&json!("payslip.jpg")),
            [upload(None, "Document", &["payslip.jpg"])]
        );
        assert!(read_uploads(&Value::Null).is_empty());
        assert!(read_uploads(&json!(42)).is_empty());
        assert!(read_uploads(&json!("  ")).is_empty());
    }

    #[test]
    fn adds_once_and_removes_by_id() {
        let mut list = Vec::new();
        let first = read_uploads(&json!([{"id": "u-1", "type": "PAYSLIP"}]));
        add_uploads(&mut list, first.clone());
        add_uploads(&mut list, first.clone());
        add_uploads(&mut list, read_uploads(&json!([{"id": "u-2"}])));
        assert_eq!(list.len(), 2);
        remove_uploads(&mut list, &first);
        assert_eq!(list[0].id.as_deref(), Some("u-2"));
    }

    #[test]
    fn removes_an_upload_without_id_by_its_contents() {
        let mut list = read_uploads(&json!(["a.pdf", "b.pdf"]));
        remove_uploads(&mut list, &read_uploads(&json!("a.pdf")));
        assert_eq!(list, [upload(None, "Document", &["b.pdf"])]);
    }
}
