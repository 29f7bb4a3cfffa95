//! Checking a report file — its JSON, or a PDF's embedded `report.json` — against a set of
//! trusted keys, for `wink-server verify-report`, `/verify` and `POST /api/verify`. Nothing
//! checked is stored.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::Signature;
use serde::Deserialize;
use serde_json::{Map, Value};
use tokio::sync::Semaphore;
use wink_api::report::{KeyStatus, ReportSignature, Verdict, REPORT_FORMAT};

use super::embedded::{self, EmbeddedError};
use super::keys::{TrustedKeys, ALGORITHM};
use super::signing::{canonical_json, NotCanonical};

/// The largest report file checked (a PDF with its fonts and charts, or the JSON).
pub const MAX_REPORT_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Verifications running at once: each may parse a 10 MiB PDF.
pub const CONCURRENT_VERIFICATIONS: usize = 2;

/// What a file's own text may put in a verdict (an id, an algorithm's name), at most.
const MAX_ECHOED_CHARS: usize = 64;

/// Why a report is not valid, in words for whoever checks it.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("cannot read the file: {0}")]
    Unreadable(#[source] std::io::Error),
    #[error("the file is larger than a report ({MAX_REPORT_FILE_BYTES} bytes at most)")]
    TooLarge,
    #[error(transparent)]
    Pdf(#[from] EmbeddedError),
    #[error("the file is neither a PDF nor JSON: {0}")]
    NotJson(#[source] serde_json::Error),
    #[error("the JSON is not a signed report (a report and its signature): {0}")]
    NotSignedReport(#[source] serde_json::Error),
    #[error("the report has no format version")]
    NoFormat,
    #[error("unknown report format {0} (this verifier knows format {REPORT_FORMAT})")]
    UnknownFormat(String),
    #[error("the signature's algorithm is {0:?}, not {ALGORITHM}")]
    Algorithm(String),
    #[error("signed by key {0}, which is not one of the lender's keys")]
    UnknownKey(String),
    #[error("the signature is not a 64-byte Ed25519 signature in base64")]
    SignatureEncoding,
    #[error(transparent)]
    NotCanonical(#[from] NotCanonical),
    #[error("the signature does not match: the report was changed after it was signed")]
    Mismatch,
    #[error("the signing time {signed_at} is not the report's generation time {generated_at}")]
    SigningTime {
        signed_at: String,
        generated_at: String,
    },
}

/// A report that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub report_id: String,
    pub key_id: String,
    pub signed_at: String,
    pub key_status: KeyStatus,
}

/// What a signed report holds, the report left as parsed: its canonical form is then the
/// file's own, whatever fields it has.
#[derive(Deserialize)]
struct Envelope {
    report: Map<String, Value>,
    signature: ReportSignature,
}

/// Checks a report file: a PDF (its embedded `report.json`) or a signed report's JSON.
pub fn verify(file: &[u8], keys: &TrustedKeys) -> Result<Verified, VerifyError> {
    if file.len() > MAX_REPORT_FILE_BYTES {
        return Err(VerifyError::TooLarge);
    }
    if embedded::is_pdf(file) {
        let json = embedded::report_json(file)?;
        return verify_json(&json, keys);
    }
    verify_json(file, keys)
}

/// Reads at most [`MAX_REPORT_FILE_BYTES`] of the file at `path` and checks it.
pub fn verify_path(path: &Path, keys: &TrustedKeys) -> Result<Verified, VerifyError> {
    let mut file = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take(MAX_REPORT_FILE_BYTES as u64 + 1)
                .read_to_end(&mut file)
        })
        .map_err(VerifyError::Unreadable)?;
    verify(&file, keys)
}

fn verify_json(json: &[u8], keys: &TrustedKeys) -> Result<Verified, VerifyError> {
    let value: Value = serde_json::from_slice(json).map_err(VerifyError::NotJson)?;
    let Envelope { report, signature } =
        serde_json::from_value(value).map_err(VerifyError::NotSignedReport)?;
    match report.get("format") {
        None => return Err(VerifyError::NoFormat),
        Some(format) if format.as_u64() != Some(REPORT_FORMAT.into()) => {
            return Err(VerifyError::UnknownFormat(echoed(&format.to_string())));
        }
        Some(_) => {}
    }
    if signature.algorithm != ALGORITHM {
        return Err(VerifyError::Algorithm(echoed(&signature.algorithm)));
    }
    let Some((key, key_status)) = keys.get(&signature.key_id) else {
        return Err(VerifyError::UnknownKey(echoed(&signature.key_id)));
    };
    let bytes: [u8; 64] = BASE64
        .decode(&signature.value)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(VerifyError::SignatureEncoding)?;
    let text = |name: &str| report.get(name).and_then(Value::as_str).map(echoed);
    let report_id = text("reportId").unwrap_or_default();
    let generated_at = text("generatedAt").unwrap_or_default();
    let canonical = canonical_json(&Value::Object(report))?;
    key.verify_strict(&canonical, &Signature::from_bytes(&bytes))
        .map_err(|_| VerifyError::Mismatch)?;
    // The signature covers the report, `generatedAt` included, but not `signedAt`: the two
    // are one time by construction (see `signing`), so a different `signedAt` was edited.
    if signature.signed_at != generated_at {
        return Err(VerifyError::SigningTime {
            signed_at: echoed(&signature.signed_at),
            generated_at,
        });
    }
    Ok(Verified {
        report_id,
        key_id: signature.key_id,
        signed_at: signature.signed_at,
        key_status,
    })
}

/// A file's own text as a verdict may quote it: at most [`MAX_ECHOED_CHARS`] characters.
fn echoed(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The verdict on a verification, in the words `verify-report` prints and `/verify` shows.
pub fn verdict(result: Result<Verified, VerifyError>) -> Verdict {
    match result {
        Ok(verified) => {
            let retired = match verified.key_status {
                KeyStatus::Active => "",
                KeyStatus::Retired => " (a retired key: it signs no new reports)",
            };
            Verdict {
                valid: true,
                message: format!(
                    "valid, signed by key {} at {}{retired}",
                    verified.key_id, verified.signed_at
                ),
                report_id: Some(verified.report_id),
                key_id: Some(verified.key_id),
                signed_at: Some(verified.signed_at),
            }
        }
        Err(error) => Verdict {
            valid: false,
            message: format!("not valid: {error}"),
            report_id: None,
            key_id: None,
            signed_at: None,
        },
    }
}

/// Checks report files from anyone (`/verify`, `POST /api/verify`) against this server's
/// keys, [`CONCURRENT_VERIFICATIONS`] at a time, off the async runtime.
pub struct Verifier {
    keys: TrustedKeys,
    slots: Arc<Semaphore>,
}

impl Verifier {
    pub fn new(keys: TrustedKeys) -> Self {
        Self {
            keys,
            slots: Arc::new(Semaphore::new(CONCURRENT_VERIFICATIONS)),
        }
    }

    pub async fn check(&self, file: impl AsRef<[u8]> + Send + 'static) -> Verdict {
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .expect("the verification semaphore is never closed");
        let keys = self.keys.clone();
        // The slot is held until parsing ends, even when the request is abandoned; a panic
        // in the PDF parser is a file that cannot be read.
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            verdict(verify(file.as_ref(), &keys))
        })
        .await
        .unwrap_or_else(|_| {
            tracing::warn!("a report file crashed its verification");
            verdict(Err(VerifyError::Pdf(EmbeddedError::Unparsable)))
        })
    }
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::SigningKey;
    use wink_api::report::{Report, SignedReport};

    use super::super::keys::KeyRing;
    use super::super::signing::sign;
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/it/fixtures/report.json");

    fn report() -> Report {
        serde_json::from_str(FIXTURE).unwrap()
    }

    fn ring(seed: u8) -> KeyRing {
        KeyRing::new(SigningKey::from_bytes(&[seed; 32]), &[])
    }

    fn signed(keys: &KeyRing) -> Vec<u8> {
        serde_json::to_vec_pretty(&sign(keys, report()).unwrap()).unwrap()
    }

    fn check(file: &[u8], keys: &KeyRing) -> Result<Verified, VerifyError> {
        verify(file, keys.trusted())
    }

    #[test]
    fn a_signed_report_verifies_and_says_by_which_key_and_when() {
        let keys = ring(1);
        let verified = check(&signed(&keys), &keys).unwrap();
        assert_eq!(verified.report_id, "rpt-0f3a9c2e");
        assert_eq!(verified.key_id, keys.key_id());
        assert_eq!(verified.key_status, KeyStatus::Active);
        let verdict = verdict(Ok(verified));
        assert!(verdict.valid);
        assert_eq!(
            verdict.message,
            format!(
                "valid, signed by key {} at 2026-11-20T09:30:00Z",
                keys.key_id()
            )
        );
    }

    #[test]
    fn whitespace_and_key_order_do_not_matter_but_content_does() {
        let keys = ring(1);
        let compact: Value = serde_json::from_slice(&signed(&keys)).unwrap();
        assert!(check(&serde_json::to_vec(&compact).unwrap(), &keys).is_ok());

        let text = String::from_utf8(signed(&keys)).unwrap();
        // One byte of a name.
        let renamed = text.replacen("George Santos", "Jeorge Santos", 1);
        assert!(matches!(
            check(renamed.as_bytes(), &keys),
            Err(VerifyError::Mismatch)
        ));
        // One figure.
        let figure = text.replacen("41234.56", "41234.57", 1);
        assert_ne!(figure, text);
        assert!(matches!(
            check(figure.as_bytes(), &keys),
            Err(VerifyError::Mismatch)
        ));
        // A field added to the report.
        let mut added = compact.clone();
        added["report"]["note"] = Value::from("approved");
        assert!(matches!(
            check(&serde_json::to_vec(&added).unwrap(), &keys),
            Err(VerifyError::Mismatch)
        ));
    }

    #[test]
    fn a_changed_or_malformed_signature_fails() {
        let keys = ring(1);
        let good: SignedReport = serde_json::from_slice(&signed(&keys)).unwrap();
        let mut flipped = good.clone();
        let mut bytes = BASE64.decode(&flipped.signature.value).unwrap();
        bytes[10] ^= 1;
        flipped.signature.value = BASE64.encode(bytes);
        assert!(matches!(
            check(&serde_json::to_vec(&flipped).unwrap(), &keys),
            Err(VerifyError::Mismatch)
        ));
        let mut short = good.clone();
        short.signature.value = BASE64.encode([0u8; 63]);
        assert!(matches!(
            check(&serde_json::to_vec(&short).unwrap(), &keys),
            Err(VerifyError::SignatureEncoding)
        ));
        let mut later = good.clone();
        later.signature.signed_at = "2027-01-01T00:00:00Z".into();
        assert!(matches!(
            check(&serde_json::to_vec(&later).unwrap(), &keys),
            Err(VerifyError::SigningTime { .. })
        ));
        let mut rsa = good;
        rsa.signature.algorithm = "RS256".into();
        assert!(matches!(
            check(&serde_json::to_vec(&rsa).unwrap(), &keys),
            Err(VerifyError::Algorithm(_))
        ));
    }

    #[test]
    fn a_retired_key_still_verifies_and_an_unknown_one_does_not() {
        let old = ring(1);
        let report = signed(&old);
        let rotated = KeyRing::new(
            SigningKey::from_bytes(&[2; 32]),
            &[SigningKey::from_bytes(&[1; 32]).verifying_key()],
        );
        let verified = check(&report, &rotated).unwrap();
        assert_eq!(verified.key_status, KeyStatus::Retired);
        assert!(verdict(Ok(verified)).message.contains("retired"));

        let stranger = ring(3);
        let error = check(&signed(&stranger), &rotated).unwrap_err();
        assert!(matches!(error, VerifyError::UnknownKey(ref id) if id == stranger.key_id()));
        let verdict = verdict(Err(error));
        assert!(!verdict.valid);
        assert!(
            verdict.message.starts_with("not valid: signed by key"),
            "{}",
            verdict.message
        );
    }

    #[test]
    fn what_is_not_a_signed_report_of_a_known_format_says_so() {
        let keys = ring(1);
        assert!(matches!(
            check(b"hello", &keys),
            Err(VerifyError::NotJson(_))
        ));
        assert!(matches!(
            check(br#"{"report": {}}"#, &keys),
            Err(VerifyError::NotSignedReport(_))
        ));
        let mut future: Value = serde_json::from_slice(&signed(&keys)).unwrap();
        future["report"]["format"] = Value::from(2);
        assert!(matches!(
            check(&serde_json::to_vec(&future).unwrap(), &keys),
            Err(VerifyError::UnknownFormat(ref f)) if f == "2"
        ));
        let too_large = vec![b' '; MAX_REPORT_FILE_BYTES + 1];
        assert!(matches!(
            check(&too_large, &keys),
            Err(VerifyError::TooLarge)
        ));
    }

    #[test]
    fn a_file_cannot_make_a_verdict_long() {
        let keys = ring(1);
        let mut forged: Value = serde_json::from_slice(&signed(&keys)).unwrap();
        forged["signature"]["keyId"] = Value::from("k".repeat(10_000));
        let message = verdict(check(&serde_json::to_vec(&forged).unwrap(), &keys)).message;
        assert!(message.len() < 200, "{message}");
    }
}
