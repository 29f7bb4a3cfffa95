//! TEXT columns that hold a closed set of values (statuses, kinds, outcomes). Each decodes
//! straight into its enum through [`Text`]: the spelling is the enum's serde form (the
//! contract's, for the API's enums), and a value this build does not know is an error that
//! names the column and the value, never a default.

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

/// An enum stored in one TEXT column, spelled as its serde form (unit variants only).
pub trait Spelled: Serialize + DeserializeOwned {
    /// `table.column`, for errors.
    const COLUMN: &'static str;

    /// Its stored spelling.
    fn spelling(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(text)) => text,
            other => unreachable!("{} is spelled as a string, not {other:?}", Self::COLUMN),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{column} holds {value:?}, which this build does not know")]
pub struct UnknownValue {
    pub column: &'static str,
    pub value: String,
}

/// A TEXT column's value as stored, on its way to or from its enum: bind `Text::of(value)`,
/// read with `#[sqlx(try_from = "Text")]` (or [`Text::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn of<T: Spelled>(value: &T) -> Self {
        Self(value.spelling())
    }

    pub fn parse<T: Spelled>(self) -> Result<T, UnknownValue> {
        T::deserialize(StrDeserializer::<ValueError>::new(&self.0)).map_err(|_| UnknownValue {
            column: T::COLUMN,
            value: self.0,
        })
    }

    /// [`Text::parse`] as the decoding error sqlx reports for a row, for values read
    /// outside a `FromRow` (scalars, tuples).
    pub fn decode<T: Spelled>(self) -> sqlx::Result<T> {
        self.parse().map_err(|e| sqlx::Error::ColumnDecode {
            index: T::COLUMN.into(),
            source: Box::new(e),
        })
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0
    }
}

impl Type<Any> for Text {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for Text {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Any>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Any> for Text {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        <String as Decode<'r, Any>>::decode(value).map(Self)
    }
}

/// Declares which column each enum is stored in, and reads it from [`Text`].
macro_rules! stored_in {
    ($($ty:ty => $column:literal),* $(,)?) => {$(
        impl Spelled for $ty {
            const COLUMN: &'static str = $column;
        }

        impl TryFrom<Text> for $ty {
            type Error = UnknownValue;
            fn try_from(text: Text) -> Result<Self, UnknownValue> {
                text.parse()
            }
        }
    )*};
}

stored_in! {
    wink_api::ApplicationStatus => "applicants.status",
    wink_api::VerificationPath => "applicants.verification",
    wink_api::Lang => "applicants.language",
    wink_api::officer::ReviewStatus => "applicants.review_status",
    wink_api::LinkStatus => "linked_accounts.status",
    wink_api::officer::DecisionOutcome => "decisions.outcome",
    wink_api::officer::AuditAction => "audit_log.action",
    super::kinds::ItemKind => "smile_items.kind",
    super::kinds::Callback => "link_events.callback",
    super::kinds::JobState => "sync_jobs.status",
    super::kinds::SourceKind => "sync_jobs.source_kind",
    wink_api::document::DocumentStatus => "archives.status",
    super::kinds::InboxStatus => "webhook_inbox.status",
    super::kinds::SnapshotReason => "report_snapshots.reason",
}

#[cfg(test)]
mod tests {
    use wink_api::ApplicationStatus;

    use super::*;

    #[test]
    fn a_known_spelling_round_trips() {
        let text = Text::of(&ApplicationStatus::Completed);
        assert_eq!(String::from(text.clone()), "completed");
        assert_eq!(text.parse(), Ok(ApplicationStatus::Completed));
    }

    #[test]
    fn an_unknown_value_names_its_column_and_value() {
        let error = Text("archived".into())
            .parse::<ApplicationStatus>()
            .unwrap_err();
        assert_eq!(
            error,
            UnknownValue {
                column: "applicants.status",
                value: "archived".into()
            }
        );
        assert_eq!(
            error.to_string(),
            "applicants.status holds \"archived\", which this build does not know"
        );
    }
}
