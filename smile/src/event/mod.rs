//! Webhook events: the envelope `{id, version, type, createdAt, data}` with `data` typed by
//! `type` for every 1.14.0 event type.
//!
//! Parse the raw body only after [`crate::signature::verify`] accepted its bytes.

mod data;

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use data::*;

use crate::common::DateTime;

wire_enum! {
    /// Event type (`RefWebhookEventType`). `ALL_EVENTS` is only a subscription wildcard.
    pub enum EventType {
        UserCreated = "USER_CREATED",
        AccountCreated = "ACCOUNT_CREATED",
        AccountConnected = "ACCOUNT_CONNECTED",
        AccountDisconnected = "ACCOUNT_DISCONNECTED",
        AccountFailed = "ACCOUNT_FAILED",
        TaskStarted = "TASK_STARTED",
        TaskFinished = "TASK_FINISHED",
        AccountSyncTaskFinished = "ACCOUNT_SYNC_TASK_FINISHED",
        ArchiveStarted = "ARCHIVE_STARTED",
        ArchiveAnalyzed = "ARCHIVE_ANALYZED",
        ArchiveRevoked = "ARCHIVE_REVOKED",
        ArchiveFailed = "ARCHIVE_FAILED",
        InviteInvited = "INVITE_INVITED",
        InviteLinked = "INVITE_LINKED",
        IdentityAdded = "IDENTITY_ADDED",
        RatingAdded = "RATING_ADDED",
        TransactionsAdded = "TRANSACTIONS_ADDED",
        DocumentsAdded = "DOCUMENTS_ADDED",
        DocumentsUpdated = "DOCUMENTS_UPDATED",
        EmploymentsAdded = "EMPLOYMENTS_ADDED",
        EmploymentsUpdated = "EMPLOYMENTS_UPDATED",
        IncomesAdded = "INCOMES_ADDED",
        IncomesUpdated = "INCOMES_UPDATED",
        ContributionsAdded = "CONTRIBUTIONS_ADDED",
        ContributionsUpdated = "CONTRIBUTIONS_UPDATED",
        EincomesAdded = "EINCOMES_ADDED",
        EincomesUpdated = "EINCOMES_UPDATED",
        LiabilitiesAdded = "LIABILITIES_ADDED",
        LiabilitiesUpdated = "LIABILITIES_UPDATED",
        InsightAdded = "INSIGHT_ADDED",
        LinkAdded = "LINK_ADDED",
        VerificationStarted = "VERIFICATION_STARTED",
        VerificationCompleted = "VERIFICATION_COMPLETED",
        RecordCreated = "RECORD_CREATED",
        RecordCompleted = "RECORD_COMPLETED",
        UserSessionCompleted = "USER_SESSION_COMPLETED",
        UserSessionReset = "USER_SESSION_RESET",
        AllEvents = "ALL_EVENTS",
    }
}

/// Generates [`EventData`] with one variant per event type (named like the [`EventType`]
/// variant) and the mapping both ways, so a type and its data shape cannot drift apart.
macro_rules! event_data {
    ($( $(#[$doc:meta])* $variant:ident($ty:ty) ),+ $(,)?) => {
        /// The `data` of an event, typed by its `type`.
        #[derive(Clone, Debug, PartialEq)]
        pub enum EventData {
            $( $(#[$doc])* $variant($ty), )+
            /// A type this crate does not model (a new one, or `ALL_EVENTS`): raw JSON.
            Other {
                /// The event's `type`.
                event_type: EventType,
                /// The event's `data`, as received.
                data: serde_json::Value,
            },
        }

        impl EventData {
            /// The `type` this data belongs to.
            pub fn event_type(&self) -> EventType {
                match self {
                    $( EventData::$variant(_) => EventType::$variant, )+
                    EventData::Other { event_type, .. } => event_type.clone(),
                }
            }

            /// Parses `data` according to `event_type`.
            pub fn from_parts(
                event_type: EventType,
                data: serde_json::Value,
            ) -> Result<Self, serde_json::Error> {
                match event_type {
                    $( EventType::$variant => serde_json::from_value(data).map(EventData::$variant), )+
                    other => Ok(EventData::Other { event_type: other, data }),
                }
            }

            fn serialize_data<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( EventData::$variant(data) => data.serialize(serializer), )+
                    EventData::Other { data, .. } => data.serialize(serializer),
                }
            }
        }
    };
}

event_data! {
    /// A user and its first link token were created.
    UserCreated(UserCreatedData),
    /// Linking started (fires even for providers without a login).
    AccountCreated(AccountData),
    /// The account connected.
    AccountConnected(AccountConnectedData),
    /// The user disconnected or revoked the account.
    AccountDisconnected(AccountData),
    /// Linking failed.
    AccountFailed(AccountFailedData),
    /// A data sync started.
    TaskStarted(TaskStartedData),
    /// A data sync finished.
    TaskFinished(TaskFinishedData),
    /// A Continuous Data Sync refresh finished.
    AccountSyncTaskFinished(AccountSyncTaskFinishedData),
    /// Files were uploaded.
    ArchiveStarted(ArchiveData),
    /// An upload was analysed.
    ArchiveAnalyzed(ArchiveData),
    /// An upload was revoked.
    ArchiveRevoked(ArchiveData),
    /// An upload or its analysis failed.
    ArchiveFailed(ArchiveFailedData),
    /// An invite was sent.
    InviteInvited(InviteData),
    /// An invitee linked an account.
    InviteLinked(InviteData),
    /// An identity was stored.
    IdentityAdded(IdentityAddedData),
    /// A rating was stored.
    RatingAdded(RatingAddedData),
    /// Transactions were stored.
    TransactionsAdded(ItemsAddedData),
    /// Documents were stored.
    DocumentsAdded(ItemsAddedData),
    /// CDS changed documents.
    DocumentsUpdated(ItemsUpdatedData),
    /// Employments were stored.
    EmploymentsAdded(ItemsAddedData),
    /// CDS changed employments.
    EmploymentsUpdated(ItemsUpdatedData),
    /// Incomes were stored.
    IncomesAdded(ItemsAddedData),
    /// CDS changed incomes.
    IncomesUpdated(PeriodUpdatedData),
    /// Contributions were stored.
    ContributionsAdded(ItemsAddedData),
    /// CDS changed contributions.
    ContributionsUpdated(PeriodUpdatedData),
    /// Estimated incomes were stored.
    EincomesAdded(ItemsAddedData),
    /// CDS changed estimated incomes.
    EincomesUpdated(PeriodUpdatedData),
    /// Liabilities were stored.
    LiabilitiesAdded(ItemsAddedData),
    /// CDS changed liabilities.
    LiabilitiesUpdated(ItemsUpdatedData),
    /// An insight was computed.
    InsightAdded(InsightAddedData),
    /// Link data was detected.
    LinkAdded(LinkAddedData),
    /// A verification started.
    VerificationStarted(VerificationData),
    /// A verification completed.
    VerificationCompleted(VerificationData),
    /// A record job was created.
    RecordCreated(RecordCreatedData),
    /// A record job completed.
    RecordCompleted(RecordCompletedData),
    /// A Wink Site / Flip session completed.
    UserSessionCompleted(UserSessionCompletedData),
    /// A session was reset.
    UserSessionReset(UserSessionResetData),
}

/// A webhook event. Delivery is at least once: deduplicate on [`Event::id`].
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Event id (`et-…`; bare 32 hex in some examples). The deduplication key.
    pub id: String,
    /// Major version of the event schema (currently 1).
    pub version: u32,
    /// When Smile created the event.
    pub created_at: DateTime,
    /// The typed data; its variant carries the event `type`.
    pub data: EventData,
}

impl Event {
    /// The event's `type`.
    pub fn event_type(&self) -> EventType {
        self.data.event_type()
    }

    /// Parses a raw webhook body (after its signature was verified).
    pub fn from_slice(body: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(body)
    }

    /// The user the event concerns, when its data names one.
    pub fn user_id(&self) -> Option<&str> {
        Some(match &self.data {
            EventData::UserCreated(d) => &d.user_id,
            EventData::AccountCreated(d) | EventData::AccountDisconnected(d) => &d.user_id,
            EventData::AccountConnected(d) => &d.user_id,
            EventData::AccountFailed(d) => &d.user_id,
            EventData::TaskStarted(d) => &d.user_id,
            EventData::TaskFinished(d) => &d.user_id,
            EventData::AccountSyncTaskFinished(d) => &d.user_id,
            EventData::ArchiveStarted(d)
            | EventData::ArchiveAnalyzed(d)
            | EventData::ArchiveRevoked(d) => &d.user_id,
            EventData::ArchiveFailed(d) => &d.user_id,
            EventData::InviteInvited(d) | EventData::InviteLinked(d) => &d.user_id,
            EventData::IdentityAdded(d) => &d.user_id,
            EventData::RatingAdded(d) => &d.user_id,
            EventData::TransactionsAdded(d)
            | EventData::DocumentsAdded(d)
            | EventData::EmploymentsAdded(d)
            | EventData::IncomesAdded(d)
            | EventData::ContributionsAdded(d)
            | EventData::EincomesAdded(d)
            | EventData::LiabilitiesAdded(d) => &d.user_id,
            EventData::DocumentsUpdated(d)
            | EventData::EmploymentsUpdated(d)
            | EventData::LiabilitiesUpdated(d) => &d.user_id,
            EventData::IncomesUpdated(d)
            | EventData::ContributionsUpdated(d)
            | EventData::EincomesUpdated(d) => &d.user_id,
            EventData::InsightAdded(d) => &d.user_id,
            EventData::LinkAdded(d) => &d.user_id,
            EventData::UserSessionCompleted(d) => &d.session.user_id,
            EventData::UserSessionReset(d) => &d.session.user_id,
            EventData::VerificationStarted(_)
            | EventData::VerificationCompleted(_)
            | EventData::RecordCreated(_)
            | EventData::RecordCompleted(_) => return None,
            EventData::Other { data, .. } => return data.get("userId")?.as_str(),
        })
    }

    /// The archive an `ARCHIVE_*` event concerns (what an archive sync is keyed by).
    pub fn archive_id(&self) -> Option<&str> {
        match &self.data {
            EventData::ArchiveStarted(d)
            | EventData::ArchiveAnalyzed(d)
            | EventData::ArchiveRevoked(d) => Some(&d.archive_id),
            EventData::ArchiveFailed(d) => Some(&d.archive_id),
            _ => None,
        }
    }
}

/// The envelope as it is on the wire, before `data` is typed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvent {
    id: String,
    #[serde(deserialize_with = "crate::common::whole_u32")]
    version: u32,
    #[serde(rename = "type")]
    event_type: EventType,
    created_at: DateTime,
    #[serde(default)]
    data: serde_json::Value,
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawEvent::deserialize(deserializer)?;
        let event_type = raw.event_type.clone();
        let data = EventData::from_parts(raw.event_type, raw.data).map_err(|e| {
            D::Error::custom(format_args!("invalid data of {event_type} event: {e}"))
        })?;
        Ok(Event {
            id: raw.id,
            version: raw.version,
            created_at: raw.created_at,
            data,
        })
    }
}

/// Serialises `EventData` without its tag (the tag is the envelope's `type`).
struct DataOnly<'a>(&'a EventData);

impl Serialize for DataOnly<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_data(serializer)
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Event", 5)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("version", &self.version)?;
        s.serialize_field("type", &self.event_type())?;
        s.serialize_field("createdAt", &self.created_at)?;
        s.serialize_field("data", &DataOnly(&self.data))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_type_is_kept_raw_and_round_trips() {
        let body = r#"{"id":"et-1","version":1,"type":"PAYOUT_SENT","createdAt":"2021-04-14T09:30:24Z","data":{"userId":"u-1","x":[1,2]}}"#;
        let event = Event::from_slice(body.as_bytes()).unwrap();
        assert_eq!(event.event_type(), EventType::Unknown("PAYOUT_SENT".into()));
        assert_eq!(event.user_id(), Some("u-1"));
        let back: serde_json::Value = serde_json::to_value(&event).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }

    #[test]
    fn numbers_typed_number_accept_whole_floats() {
        let body = r#"{"id":"et-1","version":1.0,"type":"INCOMES_ADDED","createdAt":"2021-04-14T09:30:24Z",
            "data":{"userId":"u","accountId":"a-1","count":12.0,"providers":["sss_ph"]}}"#;
        let event = Event::from_slice(body.as_bytes()).unwrap();
        assert_eq!(event.version, 1);
        assert!(matches!(
            event.data,
            EventData::IncomesAdded(ItemsAddedData { count: 12, .. })
        ));
        let fractional = body.replace("12.0", "12.5");
        assert!(Event::from_slice(fractional.as_bytes()).is_err());
    }

    #[test]
    fn known_type_with_bad_data_is_an_error() {
        let body = r#"{"id":"et-1","version":1,"type":"ACCOUNT_FAILED","createdAt":"2021-04-14T09:30:24Z","data":{"userId":"u-1"}}"#;
        let err = Event::from_slice(body.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("ACCOUNT_FAILED"), "{err}");
    }

    #[test]
    fn data_points_spelling_is_accepted_and_emitted_as_spec() {
        let body = r#"{"id":"et-1","version":1,"type":"ACCOUNT_SYNC_TASK_FINISHED","createdAt":"2021-04-14T09:30:24Z",
            "data":{"userId":"u","sourceId":"a-1","sourceType":"ACCOUNT","providers":["sss_ph"],"status":"SUCCEEDED",
            "monitorStatus":"ACTIVE","dataPoints":["CONTRIBUTIONS","SOMETHING_NEW"]}}"#;
        let event = Event::from_slice(body.as_bytes()).unwrap();
        let EventData::AccountSyncTaskFinished(data) = &event.data else {
            panic!("wrong variant: {event:?}")
        };
        assert_eq!(
            data.datapoints,
            vec![
                crate::Datapoint::Contributions,
                crate::Datapoint::Unknown("SOMETHING_NEW".into())
            ]
        );
        let json = serde_json::to_value(&event).unwrap();
        assert!(json["data"].get("datapoints").is_some());
        assert!(json["data"].get("dataPoints").is_none());
        assert_eq!(json["data"]["datapoints"][1], "SOMETHING_NEW");
    }

    #[test]
    fn every_known_type_is_parsed_typed() {
        for t in EventType::KNOWN {
            let parsed = EventData::from_parts(t.clone(), serde_json::json!({}));
            match (t, parsed) {
                (EventType::AllEvents, Ok(EventData::Other { .. })) => {}
                (EventType::AllEvents, other) => panic!("ALL_EVENTS gave {other:?}"),
                (t, Ok(EventData::Other { .. })) => panic!("{t} is not typed"),
                (t, Ok(d)) => assert_eq!(&d.event_type(), t),
                (_, Err(_)) => {} // required fields missing: typed parsing was attempted
            }
        }
    }
}
