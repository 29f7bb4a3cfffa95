//! Users, their Wink sessions, link tokens, and `externalMetadata`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::common::{DateTime, Mode};

/// An end user at Smile (`User`). Id: `<tenantId>-<32 hex>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The Smile user id.
    pub id: String,
    /// The client's own string pairs, e.g. our applicant reference (never personal data).
    #[serde(default)]
    pub external_metadata: Option<BTreeMap<String, String>>,
    /// When the user was created.
    pub created_at: DateTime,
    /// Provider ids the user has connected (deprecated by Smile; often omitted).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
    /// The user's current Wink session, if any. Left out rather than `null` when there is
    /// none: the spec's `session` is optional, not nullable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<UserSession>,
}

wire_enum! {
    /// Where a user session runs (`SessionChannel`).
    pub enum SessionChannel {
        WinkSite = "WinkSite",
        Default = "Default",
    }
}

wire_enum! {
    /// The state of a user session (`UserSessionStatus`).
    pub enum SessionStatus {
        InProgress = "IN_PROGRESS",
        Completed = "COMPLETED",
        Revoked = "REVOKED",
    }
}

/// A user's Wink session (`UserSession`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSession {
    /// The session's user.
    pub user_id: String,
    /// `WinkSite` or `Default`.
    #[serde(default)]
    pub channel: Option<SessionChannel>,
    /// The Wink site id (`site-…`) for `WinkSite` sessions.
    #[serde(default)]
    pub channel_id: Option<String>,
    /// Session status.
    pub status: SessionStatus,
}

/// A short-lived link token that starts the widget (`Token`, from `POST /users` and
/// `POST /tokens`). Lasts 5 hours; treat `access_token` as an opaque bearer secret.
///
/// `Debug` never shows `access_token`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Token {
    /// Token id (`tk-…`), present in newer responses.
    #[serde(default)]
    pub id: Option<String>,
    /// When the token expires.
    pub expires_at: DateTime,
    /// The mode the token belongs to.
    pub mode: Mode,
    /// The value to hand to the widget as `userToken`.
    pub access_token: String,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("id", &self.id)
            .field("expires_at", &self.expires_at)
            .field("mode", &self.mode)
            .field("access_token", &"[REDACTED]")
            .finish()
    }
}

/// `data` of `POST /users`: the new user and its first link token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreatedUser {
    /// The created user.
    pub user: User,
    /// A link token for that user.
    pub token: Token,
}

/// Body of `POST /users`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUserRequest {
    /// Pairs stored on the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_metadata: Option<ExternalMetadata>,
}

/// Why a pair cannot go into [`ExternalMetadata`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    /// Smile accepts at most 5 pairs.
    #[error("externalMetadata holds at most {max} pairs")]
    TooManyPairs {
        /// The limit (5).
        max: usize,
    },
    /// Keys are at most 50 characters.
    #[error("externalMetadata key is longer than {max} characters")]
    KeyTooLong {
        /// The limit (50).
        max: usize,
    },
    /// Values are at most 500 characters.
    #[error("externalMetadata value of `{key}` is longer than {max} characters")]
    ValueTooLong {
        /// The offending key.
        key: String,
        /// The limit (500).
        max: usize,
    },
    /// Keys and values must be ASCII.
    #[error("externalMetadata keys and values must be ASCII (key `{key}`)")]
    NotAscii {
        /// The offending key (lossy if the key itself is not ASCII).
        key: String,
    },
    /// Keys must not be empty.
    #[error("externalMetadata keys must not be empty")]
    EmptyKey,
}

/// `externalMetadata` that satisfies Smile's limits: string values only, ASCII only, at most
/// 5 pairs, keys ≤ 50 characters, values ≤ 500 characters.
///
/// Checked on construction so a bad pair fails here, not as a 400 from Smile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<String, String>",
    into = "BTreeMap<String, String>"
)]
pub struct ExternalMetadata(BTreeMap<String, String>);

impl ExternalMetadata {
    /// Most pairs Smile stores.
    pub const MAX_PAIRS: usize = 5;
    /// Longest key.
    pub const MAX_KEY_LEN: usize = 50;
    /// Longest value.
    pub const MAX_VALUE_LEN: usize = 500;

    /// Empty metadata.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a pair, checking Smile's limits.
    pub fn insert(
        &mut self,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<&mut Self, MetadataError> {
        let (key, value) = (key.into(), value.into());
        check_pair(&key, &value)?;
        if !self.0.contains_key(&key) && self.0.len() >= Self::MAX_PAIRS {
            return Err(MetadataError::TooManyPairs {
                max: Self::MAX_PAIRS,
            });
        }
        self.0.insert(key, value);
        Ok(self)
    }

    /// Builder form of [`Self::insert`].
    pub fn with(
        mut self,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<Self, MetadataError> {
        self.insert(key, value)?;
        Ok(self)
    }

    /// The pairs.
    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// `true` when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn check_pair(key: &str, value: &str) -> Result<(), MetadataError> {
    if key.is_empty() {
        return Err(MetadataError::EmptyKey);
    }
    if !key.is_ascii() || !value.is_ascii() {
        return Err(MetadataError::NotAscii {
            key: key.escape_default().to_string(),
        });
    }
    if key.len() > ExternalMetadata::MAX_KEY_LEN {
        return Err(MetadataError::KeyTooLong {
            max: ExternalMetadata::MAX_KEY_LEN,
        });
    }
    if value.len() > ExternalMetadata::MAX_VALUE_LEN {
        return Err(MetadataError::ValueTooLong {
            key: key.to_owned(),
            max: ExternalMetadata::MAX_VALUE_LEN,
        });
    }
    Ok(())
}

impl TryFrom<BTreeMap<String, String>> for ExternalMetadata {
    type Error = MetadataError;

    fn try_from(map: BTreeMap<String, String>) -> Result<Self, Self::Error> {
        if map.len() > Self::MAX_PAIRS {
            return Err(MetadataError::TooManyPairs {
                max: Self::MAX_PAIRS,
            });
        }
        for (key, value) in &map {
            check_pair(key, value)?;
        }
        Ok(ExternalMetadata(map))
    }
}

impl From<ExternalMetadata> for BTreeMap<String, String> {
    fn from(metadata: ExternalMetadata) -> Self {
        metadata.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_limits() {
        let mut m = ExternalMetadata::new();
        for i in 0..5 {
            m.insert(format!("k{i}"), "v").unwrap();
        }
        assert_eq!(
            m.insert("k5", "v").unwrap_err(),
            MetadataError::TooManyPairs { max: 5 }
        );
        // Replacing an existing key is not a sixth pair.
        m.insert("k0", "w").unwrap();
        assert!(matches!(
            ExternalMetadata::new().with("k".repeat(51), "v"),
            Err(MetadataError::KeyTooLong { .. })
        ));
        assert!(matches!(
            ExternalMetadata::new().with("k", "v".repeat(501)),
            Err(MetadataError::ValueTooLong { .. })
        ));
        assert!(matches!(
            ExternalMetadata::new().with("k", "é"),
            Err(MetadataError::NotAscii { .. })
        ));
        assert!(serde_json::from_str::<ExternalMetadata>(
            r#"{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6"}"#
        )
        .is_err());
    }

    /// The spec's form (`externalMetadata: {}`, no `session`) and the form of Smile's other
    /// documents (`null` for both) read alike.
    #[test]
    fn a_user_without_metadata_or_session_reads_in_either_form() {
        let spec: User = serde_json::from_value(serde_json::json!({
            "id": "t-1", "externalMetadata": {}, "createdAt": "2021-04-14T09:30:24Z",
            "providers": []
        }))
        .unwrap();
        let documents: User = serde_json::from_value(serde_json::json!({
            "id": "t-1", "externalMetadata": null, "createdAt": "2021-04-14T09:30:24Z",
            "providers": null, "session": null
        }))
        .unwrap();
        for user in [&spec, &documents] {
            assert!(user.external_metadata.as_ref().is_none_or(|m| m.is_empty()));
            assert!(user.providers.is_empty() && user.session.is_none());
        }
    }

    /// The spec's `session` is optional but not nullable.
    #[test]
    fn a_user_without_a_session_is_written_without_one() {
        let user = User {
            id: "t-1".into(),
            external_metadata: Some(BTreeMap::new()),
            created_at: "2021-04-14T09:30:24Z".into(),
            providers: Vec::new(),
            session: None,
        };
        let json = serde_json::to_value(&user).unwrap();
        assert!(json.get("session").is_none());
        assert_eq!(json["externalMetadata"], serde_json::json!({}));
    }

    #[test]
    fn token_debug_hides_access_token() {
        let token = Token {
            id: None,
            expires_at: "2021-04-14T09:30:24Z".into(),
            mode: Mode::Sandbox,
            access_token: "super-secret-token".into(),
        };
        assert!(!format!("{token:?}").contains("super-secret-token"));
    }
}
