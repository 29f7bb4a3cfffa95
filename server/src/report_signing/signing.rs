//! A report's canonical JSON (RFC 8785, JCS: keys sorted, no insignificant whitespace,
//! numbers in their shortest ECMAScript form), its Ed25519 signature, and its fingerprint.
//!
//! The signature covers the report's canonical JSON, and nothing else: the signature's
//! time is the report's own `generatedAt`, so it is covered too (a verifier refuses a
//! `signedAt` that differs).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde::Serialize;
use sha2::{Digest, Sha256};
use wink_api::report::{Report, ReportSignature, SignedReport};

use super::keys::{KeyRing, ALGORITHM};

/// A value JCS cannot express (a map whose keys are not strings, or repeat).
#[derive(Debug, thiserror::Error)]
#[error("the report cannot be written as canonical JSON: {0}")]
pub struct NotCanonical(#[source] serde_json::Error);

/// The RFC 8785 canonical form of `value`: the exact bytes a signature covers.
pub fn canonical_json(value: &impl Serialize) -> Result<Vec<u8>, NotCanonical> {
    serde_json_canonicalizer::to_vec(value).map_err(NotCanonical)
}

/// Signs `report` with the ring's active key, at the report's `generatedAt`.
pub fn sign(keys: &KeyRing, report: Report) -> Result<SignedReport, NotCanonical> {
    let signature = keys.signing_key().sign(&canonical_json(&report)?);
    Ok(SignedReport {
        signature: ReportSignature {
            algorithm: ALGORITHM.to_owned(),
            key_id: keys.key_id().to_owned(),
            signed_at: report.generated_at.clone(),
            value: BASE64.encode(signature.to_bytes()),
        },
        report,
    })
}

/// A short fingerprint for a person to compare (the PDF shows it): the first 16 hex
/// digits of the SHA-256 of the report's canonical JSON, in groups of four
/// (`3f2a 9c01 be47 d2e8`).
pub fn fingerprint(report: &Report) -> Result<String, NotCanonical> {
    let digest = hex::encode(&Sha256::digest(canonical_json(report)?)[..8]);
    let groups: Vec<&str> = digest
        .as_bytes()
        .chunks(4)
        .map(|group| std::str::from_utf8(group).expect("hex digits are ASCII"))
        .collect();
    Ok(groups.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(value: &serde_json::Value) -> String {
        String::from_utf8(canonical_json(value).unwrap()).unwrap()
    }

    /// RFC 8785 §3.2.3's example: properties sorted by UTF-16 code units.
    #[test]
    fn properties_are_sorted_by_utf16_code_units() {
        let input: serde_json::Value = serde_json::from_str(
            r#"{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
                "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
                "\u00f6": "Latin Small Letter O With Diaeresis"}"#,
        )
        .unwrap();
        assert_eq!(
            canonical(&input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
             \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
             \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
    }

    /// RFC 8785 §3.2.2's example: numbers in their shortest form, strings minimally escaped.
    #[test]
    fn numbers_take_their_shortest_form() {
        let input: serde_json::Value = serde_json::from_str(
            r#"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                "literals": [null, true, false]}"#,
        )
        .unwrap();
        assert_eq!(
            canonical(&input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn a_typed_value_and_its_parsed_json_have_the_same_canonical_form() {
        #[derive(Serialize)]
        struct Figures {
            z: f64,
            a: Vec<u32>,
        }
        let typed = Figures {
            z: 33.333333333333336,
            a: vec![1, 2],
        };
        let parsed: serde_json::Value =
            serde_json::from_str(&serde_json::to_string_pretty(&typed).unwrap()).unwrap();
        assert_eq!(
            canonical_json(&typed).unwrap(),
            canonical_json(&parsed).unwrap()
        );
    }
}
