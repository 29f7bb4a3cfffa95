//! What the applicant uploaded in the widget, as a short list they can recognise. Smile
//! documents `uploads` only as "contains upload array" (the Android bridge even passes a
//! string), so every shape is read defensively and nothing here can fail.

use serde_json::Value;

/// One uploaded document as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadItem {
    /// Smile's id for the upload when it gave one; used to drop it on `onUploadsRemoved`.
    pub id: Option<String>,
    pub label: String,
}

/// The uploads in one `onUploadsCreated` / `onUploadsRemoved` payload.
pub fn read_uploads(uploads: &Value) -> Vec<UploadItem> {
    match uploads {
        Value::Array(items) => items.iter().flat_map(read_uploads).collect(),
        Value::Object(_) => vec![read_one(uploads)],
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(parsed @ (Value::Array(_) | Value::Object(_))) => read_uploads(&parsed),
            _ if text.trim().is_empty() => Vec::new(),
            _ => vec![UploadItem {
                id: None,
                label: text.trim().to_owned(),
            }],
        },
        _ => Vec::new(),
    }
}

fn read_one(item: &Value) -> UploadItem {
    let text = |key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let id = ["id", "archiveId", "uploadId"]
        .into_iter()
        .find_map(text)
        .map(str::to_owned);
    let label = ["fileName", "name", "fileType", "type"]
        .into_iter()
        .find_map(text)
        .map(humanize)
        .unwrap_or_else(|| "Document".to_owned());
    UploadItem { id, label }
}

/// `PAYSLIP` or `bank_statement` → "Payslip", "Bank statement"; file names stay as they are.
fn humanize(raw: &str) -> String {
    let is_code = raw
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && raw.contains(|c: char| c.is_ascii_alphabetic())
        && (raw == raw.to_ascii_uppercase() || raw == raw.to_ascii_lowercase());
    if !is_code {
        return raw.to_owned();
    }
    let words = raw.replace(['_', '-'], " ").to_ascii_lowercase();
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Adds newly uploaded items, skipping ones already listed (same id).
pub fn add_uploads(list: &mut Vec<UploadItem>, added: Vec<UploadItem>) {
    for item in added {
        let known = item.id.is_some() && list.iter().any(|i| i.id == item.id);
        if !known {
            list.push(item);
        }
    }
}

/// Removes items by id, or by label when the widget gave no id.
pub fn remove_uploads(list: &mut Vec<UploadItem>, removed: &[UploadItem]) {
    list.retain(|item| {
        !removed.iter().any(|gone| match (&gone.id, &item.id) {
            (Some(a), Some(b)) => a == b,
            (None, _) => gone.label == item.label,
            (Some(_), None) => false,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_an_array_of_archives() {
        let items = read_uploads(&json!([
            {"id": "archive-1", "fileType": "PAYSLIP"},
            {"id": "archive-2", "fileName": "march-2026.pdf"},
            {"state": "PROCESSING"}
        ]));
        assert_eq!(
            items,
            [
                UploadItem {
                    id: Some("archive-1".into()),
                    label: "Payslip".into()
                },
                UploadItem {
                    id: Some("archive-2".into()),
                    label: "march-2026.pdf".into()
                },
                UploadItem {
                    id: None,
                    label: "Document".into()
                },
            ]
        );
    }

    #[test]
    fn reads_the_android_string_form_and_odd_shapes() {
        let items = read_uploads(&json!(r#"[{"id":"archive-9","type":"bank_statement"}]"#));
        assert_eq!(items[0].label, "Bank statement");
        assert_eq!(read_uploads(&json!("payslip.jpg"))[0].label, "payslip.jpg");
        assert!(read_uploads(&Value::Null).is_empty());
        assert!(read_uploads(&json!(42)).is_empty());
        assert!(read_uploads(&json!("  ")).is_empty());
    }

    #[test]
    fn adds_once_and_removes_by_id() {
        let mut list = Vec::new();
        let first = read_uploads(&json!([{"id": "archive-1", "fileType": "PAYSLIP"}]));
        add_uploads(&mut list, first.clone());
        add_uploads(&mut list, first.clone());
        add_uploads(&mut list, read_uploads(&json!([{"id": "archive-2"}])));
        assert_eq!(list.len(), 2);
        remove_uploads(&mut list, &first);
        assert_eq!(list[0].id.as_deref(), Some("archive-2"));
    }
}
