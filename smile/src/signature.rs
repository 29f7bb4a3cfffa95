//! `Smile-Signature`: lowercase hex HMAC-SHA512 of the raw request body, keyed with the
//! webhook's secret.
//!
//! Verify the exact bytes received — never re-serialised JSON, never a trimmed body.

use hmac::{Hmac, Mac};
use sha2::Sha512;

/// The header Smile puts the signature in.
pub const SIGNATURE_HEADER: &str = "Smile-Signature";

/// Bytes in an HMAC-SHA512 tag (128 hex characters).
const TAG_LEN: usize = 64;

type HmacSha512 = Hmac<Sha512>;

/// Why a webhook body was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `Smile-Signature` header.
    #[error("missing Smile-Signature header")]
    Missing,
    /// The header is present but empty.
    #[error("empty Smile-Signature header")]
    Empty,
    /// The header is not 128 hex characters.
    #[error("Smile-Signature is not a hex HMAC-SHA512")]
    Malformed,
    /// The header is well-formed but does not match the body and secret.
    #[error("Smile-Signature does not match the body")]
    Mismatch,
}

fn mac(secret: &[u8]) -> HmacSha512 {
    // HMAC takes keys of any length (long keys are hashed), so this cannot fail.
    HmacSha512::new_from_slice(secret).expect("HMAC accepts keys of any length")
}

/// The `Smile-Signature` value for `body`: lowercase hex HMAC-SHA512 keyed with `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = mac(secret);
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a `Smile-Signature` header against the raw `body`.
///
/// The comparison of the tags is constant-time (`hmac`'s `verify_slice`). Surrounding
/// whitespace in the header is ignored; hex digits may be either case.
pub fn verify(secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?.trim();
    if header.is_empty() {
        return Err(SignatureError::Empty);
    }
    // Decoding the (public) header need not be constant-time; comparing tags must be.
    let tag = hex::decode(header).map_err(|_| SignatureError::Malformed)?;
    if tag.len() != TAG_LEN {
        return Err(SignatureError::Malformed);
    }
    let mut mac = mac(secret);
    mac.update(body);
    mac.verify_slice(&tag).map_err(|_| SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_lowercase_hex_of_64_bytes() {
        let s = sign(b"k", b"body");
        assert_eq!(s.len(), 128);
        assert!(s
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }

    #[test]
    fn uppercase_and_padded_headers_are_accepted() {
        let s = sign(b"k", b"body");
        assert_eq!(verify(b"k", b"body", Some(&s.to_uppercase())), Ok(()));
        assert_eq!(verify(b"k", b"body", Some(&format!(" {s}\t"))), Ok(()));
    }
}
