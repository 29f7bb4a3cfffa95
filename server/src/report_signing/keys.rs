//! The lender's report keys: the Ed25519 key that signs new reports, the retired keys that
//! still verify the reports they signed, and the set a verifier trusts (published at
//! `/.well-known/wink-report-keys.json`, or read from such a file).

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey, PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH};
use rand::RngCore as _;
use sha2::{Digest, Sha256};
use wink_api::report::{KeyStatus, ReportKey, ReportKeys};

/// The one signature algorithm, as reports and key documents name it.
pub const ALGORITHM: &str = "Ed25519";

/// A keys file is a few keys; anything much larger is not one.
const MAX_KEYS_FILE_BYTES: u64 = 64 * 1024;

/// Why a key could not be read. Never quotes a secret key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("expected a {SECRET_KEY_LENGTH}-byte Ed25519 secret key, base64")]
    SigningKey,
    #[error("expected a {PUBLIC_KEY_LENGTH}-byte Ed25519 public key, base64")]
    PublicKey,
    #[error("entry {0}: expected a {PUBLIC_KEY_LENGTH}-byte Ed25519 public key, base64")]
    ListedKey(usize),
    #[error("key {0}: algorithm {1:?} is not {ALGORITHM}")]
    Algorithm(String, String),
    #[error("key {listed}: its public key's id is {actual}")]
    WrongId { listed: String, actual: String },
}

/// Why a keys file (`verify-report --key`) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeysFileError {
    #[error("cannot read {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("{0} is larger than a keys file ({MAX_KEYS_FILE_BYTES} bytes at most)")]
    TooLarge(String),
    #[error(
        "{0} is not a keys document (as published at /.well-known/wink-report-keys.json): {1}"
    )]
    NotKeys(String, serde_json::Error),
    #[error("{0}: {1}")]
    BadKey(String, KeyError),
    #[error("{0} lists no key")]
    Empty(String),
}

/// A key's id: the first 16 hex digits of the SHA-256 of its 32 public-key bytes.
pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

/// A public key as published: base64 (standard alphabet, padded).
pub fn encode_public_key(key: &VerifyingKey) -> String {
    BASE64.encode(key.as_bytes())
}

/// `WINK_REPORT_SIGNING_KEY`: 32 bytes (any 32 random bytes are an Ed25519 secret key), base64.
pub fn parse_signing_key(base64: &str) -> Result<SigningKey, KeyError> {
    let bytes: [u8; SECRET_KEY_LENGTH] = BASE64
        .decode(base64.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(KeyError::SigningKey)?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// A 32-byte Ed25519 public key, base64; a point that is not on the curve is refused.
pub fn parse_public_key(base64: &str) -> Result<VerifyingKey, KeyError> {
    let bytes: [u8; PUBLIC_KEY_LENGTH] = BASE64
        .decode(base64.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(KeyError::PublicKey)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::PublicKey)
}

/// `WINK_REPORT_RETIRED_KEYS`: earlier signing keys' public keys, comma-separated base64.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetiredKeys(Vec<VerifyingKey>);

impl RetiredKeys {
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.0
    }

    /// As configured: base64, one per key.
    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(encode_public_key).collect()
    }
}

impl FromStr for RetiredKeys {
    type Err = KeyError;

    fn from_str(list: &str) -> Result<Self, Self::Err> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .enumerate()
            .map(|(index, entry)| {
                parse_public_key(entry).map_err(|_| KeyError::ListedKey(index + 1))
            })
            .collect::<Result<_, _>>()
            .map(RetiredKeys)
    }
}

/// The public keys a report may be signed by, each with its id and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKeys {
    keys: Vec<TrustedKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct TrustedKey {
    id: String,
    key: VerifyingKey,
    status: KeyStatus,
}

impl TrustedKeys {
    /// The active key (when there is one) and the retired ones; a retired key that is
    /// also the active one is listed once, as active.
    pub fn new(active: Option<VerifyingKey>, retired: &[VerifyingKey]) -> Self {
        let mut keys: Vec<TrustedKey> = active
            .into_iter()
            .map(|key| (key, KeyStatus::Active))
            .chain(retired.iter().map(|key| (*key, KeyStatus::Retired)))
            .map(|(key, status)| TrustedKey {
                id: key_id(&key),
                key,
                status,
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        keys.retain(|key| seen.insert(key.id.clone()));
        Self { keys }
    }

    /// The keys of a document as published at the well-known URL. Each key's id must be
    /// its public key's: a document that says otherwise was edited.
    pub fn from_published(document: &ReportKeys) -> Result<Self, KeyError> {
        let keys = document
            .keys
            .iter()
            .map(|listed| {
                if listed.algorithm != ALGORITHM {
                    return Err(KeyError::Algorithm(
                        listed.id.clone(),
                        listed.algorithm.clone(),
                    ));
                }
                let key = parse_public_key(&listed.public_key)?;
                let id = key_id(&key);
                if id != listed.id {
                    return Err(KeyError::WrongId {
                        listed: listed.id.clone(),
                        actual: id,
                    });
                }
                Ok(TrustedKey {
                    id,
                    key,
                    status: listed.status,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { keys })
    }

    /// `verify-report --key FILE`: a keys document as published at the well-known URL, or
    /// a single public key (base64), trusted as active.
    pub fn from_file(path: &Path) -> Result<Self, KeysFileError> {
        use std::io::Read as _;
        let name = path.display().to_string();
        let unreadable = |e| KeysFileError::Unreadable(name.clone(), e);
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(unreadable)?
            .take(MAX_KEYS_FILE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(unreadable)?;
        if text.len() as u64 > MAX_KEYS_FILE_BYTES {
            return Err(KeysFileError::TooLarge(name));
        }
        let keys = if text.trim_start().starts_with('{') {
            let document: ReportKeys =
                serde_json::from_str(&text).map_err(|e| KeysFileError::NotKeys(name.clone(), e))?;
            Self::from_published(&document).map_err(|e| KeysFileError::BadKey(name.clone(), e))?
        } else {
            let key =
                parse_public_key(&text).map_err(|e| KeysFileError::BadKey(name.clone(), e))?;
            Self::new(Some(key), &[])
        };
        if keys.is_empty() {
            return Err(KeysFileError::Empty(name));
        }
        Ok(keys)
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key with this id, and whether it is active or retired.
    pub fn get(&self, id: &str) -> Option<(&VerifyingKey, KeyStatus)> {
        self.keys
            .iter()
            .find(|key| key.id == id)
            .map(|key| (&key.key, key.status))
    }

    /// The document published at `/.well-known/wink-report-keys.json`.
    pub fn published(&self) -> ReportKeys {
        ReportKeys {
            keys: self
                .keys
                .iter()
                .map(|key| ReportKey {
                    id: key.id.clone(),
                    algorithm: ALGORITHM.to_owned(),
                    public_key: encode_public_key(&key.key),
                    status: key.status,
                })
                .collect(),
        }
    }
}

/// The key that signs new reports, and every key a report of this lender may carry.
pub struct KeyRing {
    signing: SigningKey,
    key_id: String,
    trusted: TrustedKeys,
}

impl KeyRing {
    pub fn new(signing: SigningKey, retired: &[VerifyingKey]) -> Self {
        let public = signing.verifying_key();
        Self {
            key_id: key_id(&public),
            trusted: TrustedKeys::new(Some(public), retired),
            signing,
        }
    }

    /// A fresh random key: emulator mode without `WINK_REPORT_SIGNING_KEY`, where reports
    /// verify only while this process runs.
    pub fn generate(retired: &[VerifyingKey]) -> Self {
        let mut secret = [0u8; SECRET_KEY_LENGTH];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        Self::new(SigningKey::from_bytes(&secret), retired)
    }

    /// The active key's id.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    pub fn trusted(&self) -> &TrustedKeys {
        &self.trusted
    }

    pub(super) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }
}

/// Names the key by its id only: the secret never prints.
impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; SECRET_KEY_LENGTH])
    }

    #[test]
    fn ids_are_the_first_16_hex_digits_of_the_public_keys_sha256() {
        let public = key(1).verifying_key();
        let id = key_id(&public);
        assert_eq!(id.len(), 16);
        assert!(hex::encode(Sha256::digest(public.as_bytes())).starts_with(&id));
    }

    #[test]
    fn keys_parse_from_base64_and_bad_ones_are_refused_without_quoting() {
        let secret = BASE64.encode([7u8; 32]);
        assert_eq!(
            parse_signing_key(&secret).unwrap().to_bytes(),
            key(7).to_bytes()
        );
        for bad in ["", "not base64!", BASE64.encode([7u8; 31]).as_str()] {
            let error = parse_signing_key(bad).unwrap_err().to_string();
            assert!(bad.is_empty() || !error.contains(bad), "{error}");
        }
        let public = encode_public_key(&key(7).verifying_key());
        assert_eq!(parse_public_key(&public).unwrap(), key(7).verifying_key());
        assert_eq!("".parse::<RetiredKeys>().unwrap(), RetiredKeys::default());
        let listed: RetiredKeys =
            format!("{public}, ,{}", encode_public_key(&key(8).verifying_key()))
                .parse()
                .unwrap();
        assert_eq!(listed.keys().len(), 2);
        assert_eq!(
            format!("{public},AAAA").parse::<RetiredKeys>(),
            Err(KeyError::ListedKey(2))
        );
    }

    #[test]
    fn the_published_document_lists_the_active_key_then_the_retired_ones_once() {
        let ring = KeyRing::new(key(1), &[key(2).verifying_key(), key(1).verifying_key()]);
        let published = ring.trusted().published();
        let statuses: Vec<KeyStatus> = published.keys.iter().map(|k| k.status).collect();
        assert_eq!(statuses, [KeyStatus::Active, KeyStatus::Retired]);
        assert_eq!(published.keys[0].id, ring.key_id());
        assert_eq!(
            TrustedKeys::from_published(&published).unwrap(),
            *ring.trusted()
        );
        assert!(!format!("{ring:?}").contains(&BASE64.encode(key(1).to_bytes())));
    }

    #[test]
    fn a_published_key_whose_id_is_not_its_own_is_refused() {
        let mut published = KeyRing::new(key(1), &[]).trusted().published();
        published.keys[0].id = "0000000000000000".into();
        assert!(matches!(
            TrustedKeys::from_published(&published),
            Err(KeyError::WrongId { .. })
        ));
    }

    #[test]
    fn a_keys_file_is_a_published_document_or_one_public_key() {
        let dir = tempfile::tempdir().unwrap();
        let ring = KeyRing::new(key(3), &[key(4).verifying_key()]);
        let document = dir.path().join("keys.json");
        std::fs::write(
            &document,
            serde_json::to_string(&ring.trusted().published()).unwrap(),
        )
        .unwrap();
        assert_eq!(TrustedKeys::from_file(&document).unwrap(), *ring.trusted());
        let single = dir.path().join("key.txt");
        std::fs::write(
            &single,
            format!("{}\n", encode_public_key(&key(4).verifying_key())),
        )
        .unwrap();
        let trusted = TrustedKeys::from_file(&single).unwrap();
        assert!(trusted.get(&key_id(&key(4).verifying_key())).is_some());
        std::fs::write(&single, "{\"keys\": []}").unwrap();
        assert!(matches!(
            TrustedKeys::from_file(&single),
            Err(KeysFileError::Empty(_))
        ));
    }
}
