//! `Smile-Signature`: known vectors, tampering, wrong secrets, bad headers, and properties.

use proptest::prelude::*;
use smile_api::{sign, verify, SignatureError};

const SECRET: &[u8] = b"a little secret";
const BODY: &[u8] = br#"{"id":"et-123abc456def789abc123def456abc78","version":1,"type":"USER_CREATED","createdAt":"2021-04-14T09:30:24Z","data":{"userId":"tenantId-123abc456def789abc123def456abc78"}}"#;

/// Computed independently with Python:
/// `hmac.new(b'a little secret', BODY, hashlib.sha512).hexdigest()`.
const BODY_SIGNATURE: &str = "309a37e70118d372868f989ee0a983581d8337e541d61f73bfbe048f447928f9dd1eafdbf6d74bccea9b8eb11faae5998243028f92ff16a1a59caa949774909a";

/// RFC 4231-style vector: `hmac.new(b'key', b'The quick brown fox jumps over the lazy dog',
/// hashlib.sha512).hexdigest()`.
const FOX_SIGNATURE: &str = "b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a";

/// Empty key, empty message.
const EMPTY_SIGNATURE: &str = "b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac6730c6c515421b327ec1d69402e53dfb49ad7381eb067b338fd7b0cb22247225d47";

#[test]
fn known_vectors() {
    assert_eq!(sign(SECRET, BODY), BODY_SIGNATURE);
    assert_eq!(
        sign(b"key", b"The quick brown fox jumps over the lazy dog"),
        FOX_SIGNATURE
    );
    assert_eq!(sign(b"", b""), EMPTY_SIGNATURE);
    assert_eq!(verify(SECRET, BODY, Some(BODY_SIGNATURE)), Ok(()));
    assert_eq!(verify(b"", b"", Some(EMPTY_SIGNATURE)), Ok(()));
}

#[test]
fn one_byte_change_in_the_body_fails() {
    let mut body = BODY.to_vec();
    body[10] ^= 0x01;
    assert_eq!(
        verify(SECRET, &body, Some(BODY_SIGNATURE)),
        Err(SignatureError::Mismatch)
    );
    // Re-serialised JSON (here: a space added) is a different body.
    let reformatted = String::from_utf8(BODY.to_vec())
        .unwrap()
        .replacen(',', ", ", 1);
    assert_eq!(
        verify(SECRET, reformatted.as_bytes(), Some(BODY_SIGNATURE)),
        Err(SignatureError::Mismatch)
    );
    // A trailing newline too.
    let mut with_newline = BODY.to_vec();
    with_newline.push(b'\n');
    assert_eq!(
        verify(SECRET, &with_newline, Some(BODY_SIGNATURE)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn one_char_change_in_the_signature_fails() {
    let mut tampered = BODY_SIGNATURE.to_owned().into_bytes();
    tampered[127] = if tampered[127] == b'a' { b'b' } else { b'a' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert_eq!(
        verify(SECRET, BODY, Some(&tampered)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn wrong_secret_fails() {
    assert_eq!(
        verify(b"a little secreT", BODY, Some(BODY_SIGNATURE)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        verify(b"", BODY, Some(BODY_SIGNATURE)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn missing_empty_and_malformed_headers_fail() {
    assert_eq!(verify(SECRET, BODY, None), Err(SignatureError::Missing));
    assert_eq!(verify(SECRET, BODY, Some("")), Err(SignatureError::Empty));
    assert_eq!(
        verify(SECRET, BODY, Some("   ")),
        Err(SignatureError::Empty)
    );
    // Not hex.
    let not_hex = BODY_SIGNATURE.replacen('a', "g", 1);
    assert_eq!(
        verify(SECRET, BODY, Some(&not_hex)),
        Err(SignatureError::Malformed)
    );
    assert_eq!(
        verify(SECRET, BODY, Some("sha512=abc")),
        Err(SignatureError::Malformed)
    );
    // Odd length, truncated, too long, base64.
    assert_eq!(
        verify(SECRET, BODY, Some(&BODY_SIGNATURE[..127])),
        Err(SignatureError::Malformed)
    );
    assert_eq!(
        verify(SECRET, BODY, Some(&BODY_SIGNATURE[..64])),
        Err(SignatureError::Malformed)
    );
    assert_eq!(
        verify(SECRET, BODY, Some(&format!("{BODY_SIGNATURE}00"))),
        Err(SignatureError::Malformed)
    );
    assert_eq!(
        verify(SECRET, BODY, Some("MDk0YTM3ZTcwMTE4ZDM3Mjg2OGY5ODll")),
        Err(SignatureError::Malformed)
    );
}

proptest! {
    #[test]
    fn sign_then_verify_holds(secret in proptest::collection::vec(any::<u8>(), 0..200),
                              body in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let signature = sign(&secret, &body);
        prop_assert_eq!(signature.len(), 128);
        prop_assert_eq!(verify(&secret, &body, Some(&signature)), Ok(()));
    }

    #[test]
    fn any_one_byte_change_fails(secret in proptest::collection::vec(any::<u8>(), 0..100),
                                 body in proptest::collection::vec(any::<u8>(), 1..1000),
                                 index in any::<proptest::sample::Index>(),
                                 flip in 1u8..=255) {
        let signature = sign(&secret, &body);
        let mut changed = body.clone();
        let i = index.index(changed.len());
        changed[i] ^= flip;
        prop_assert_eq!(verify(&secret, &changed, Some(&signature)), Err(SignatureError::Mismatch));
    }

    #[test]
    fn any_one_byte_change_of_the_secret_fails(secret in proptest::collection::vec(any::<u8>(), 1..100),
                                               body in proptest::collection::vec(any::<u8>(), 0..500),
                                               index in any::<proptest::sample::Index>(),
                                               flip in 1u8..=255) {
        let signature = sign(&secret, &body);
        let mut other = secret.clone();
        let i = index.index(other.len());
        other[i] ^= flip;
        // HMAC pads keys shorter than the block with zeros, so a key and the same key plus
        // trailing zero bytes are equivalent; a flipped byte is never such a case.
        prop_assert_eq!(verify(&other, &body, Some(&signature)), Err(SignatureError::Mismatch));
    }

    #[test]
    fn any_one_char_change_of_the_signature_fails(body in proptest::collection::vec(any::<u8>(), 0..500),
                                                   index in 0usize..128,
                                                   digit in 0u8..16) {
        let signature = sign(SECRET, &body);
        let mut chars: Vec<u8> = signature.clone().into_bytes();
        let replacement = b"0123456789abcdef"[digit as usize];
        prop_assume!(chars[index] != replacement);
        chars[index] = replacement;
        let changed = String::from_utf8(chars).unwrap();
        prop_assert_eq!(verify(SECRET, &body, Some(&changed)), Err(SignatureError::Mismatch));
    }
}
