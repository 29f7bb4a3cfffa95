//! The account state machine: `PENDING` → (`AWAITING_MFA`) → `CONNECTED` or `ERROR`, the
//! data sync on connection (and its task), revocation, and the webhook events each step
//! raises.

use std::time::SystemTime;

use smile_api::data::AllDatapointPayload;
use smile_api::event::{
    AccountConnectedData, AccountData, AccountFailedData, IdentityAddedData, ItemsAddedData,
    TaskFinishedData, TaskOutcome, TaskStartedData,
};
use smile_api::{
    Account, Connection, ConnectionStatus, Datapoint, EventData, ItemMetadata, Monitor,
    MonitorStatus, Page, Provider, SourceType, Task, TaskStatus, TaskType,
};

use crate::clock;
use crate::datastore::DataStore;
use crate::envelope::ApiError;
use crate::ids::new_id;
use crate::magic::{self, Failure};
use crate::personas::data::{generate, DataSet, Source};
use crate::personas::Persona;
use crate::providers;
use crate::state::{AccountRecord, Store};

/// Most items per list in a `TASK_FINISHED` payload (Smile's limit).
const PAYLOAD_LIST_LIMIT: usize = 300;

/// An account after a step, and the events the step raised (in order).
pub type Step = (Account, Vec<EventData>);

fn set_status(account: &mut Account, status: ConnectionStatus, failure: Option<&Failure>) {
    let now = clock::now_string();
    account.connection_status = status.clone();
    account.connection = Connection {
        status,
        error_code: failure.map(|f| f.code.clone()),
        error_message: failure.map(|f| f.message.clone()),
        updated_at: now,
    };
}

/// An account by id and owner, mutably. A free function over the field, so that the
/// caller can still borrow the data store beside it.
fn find_mut<'a>(
    accounts: &'a mut [AccountRecord],
    account_id: &str,
    owner: &str,
) -> Result<&'a mut AccountRecord, ApiError> {
    accounts
        .iter_mut()
        .find(|r| r.account.id == account_id && r.account.user_id == owner)
        .ok_or_else(|| ApiError::not_found("account"))
}

impl Store {
    /// An account by id, optionally only if `owner` owns it.
    pub fn account(
        &self,
        account_id: &str,
        owner: Option<&str>,
    ) -> Result<&AccountRecord, ApiError> {
        self.accounts
            .iter()
            .find(|r| r.account.id == account_id && owner.is_none_or(|o| r.account.user_id == o))
            .ok_or_else(|| ApiError::not_found("account"))
    }

    /// Starts linking: a `PENDING` account (`ACCOUNT_CREATED`).
    pub fn create_account(&mut self, user_id: &str, provider_id: &str) -> Result<Step, ApiError> {
        let provider = providers::find(provider_id)
            .ok_or_else(|| ApiError::invalid(format!("unknown providerId `{provider_id}`")))?;
        let now = clock::now_string();
        let account = Account {
            id: new_id("a-"),
            created_at: now.clone(),
            provider_id: provider.id.clone(),
            user_id: user_id.to_owned(),
            connection_status: ConnectionStatus::Pending,
            connection: Connection {
                status: ConnectionStatus::Pending,
                error_code: None,
                error_message: None,
                updated_at: now,
            },
            monitor_status: MonitorStatus::Unsupported,
            monitor: Monitor {
                status: MonitorStatus::Unsupported,
                updated_at: None,
            },
        };
        self.accounts.push(AccountRecord {
            account: account.clone(),
            login_name: None,
            persona: None,
        });
        let events = vec![EventData::AccountCreated(AccountData {
            user_id: user_id.to_owned(),
            account_id: account.id.clone(),
            providers: vec![provider.id],
        })];
        Ok((account, events))
    }

    /// The credentials step of a `PENDING` account: `ERROR` (`ACCOUNT_FAILED`),
    /// `AWAITING_MFA` for MFA providers, or `CONNECTED` and synced.
    pub fn login(
        &mut self,
        user_id: &str,
        account_id: &str,
        login: &str,
        password: &str,
    ) -> Result<Step, ApiError> {
        let record = find_mut(&mut self.accounts, account_id, user_id)?;
        if record.account.connection_status != ConnectionStatus::Pending {
            return Err(ApiError::invalid(
                "the account is not waiting for credentials",
            ));
        }
        record.login_name = Some(login.to_owned());
        let provider = providers::find(&record.account.provider_id)
            .ok_or_else(|| ApiError::Internal("account of an unknown provider".into()))?;
        match magic::check_login(login, password) {
            Err(failure) => Ok(fail(record, &failure)),
            Ok(persona) => {
                record.persona = Some(persona);
                if provider.mfa {
                    set_status(&mut record.account, ConnectionStatus::AwaitingMfa, None);
                    Ok((record.account.clone(), Vec::new()))
                } else {
                    Ok(connect(record, &mut self.data, &provider, persona))
                }
            }
        }
    }

    /// The MFA step of an `AWAITING_MFA` account: `CONNECTED` and synced, or `ERROR`.
    pub fn submit_mfa(
        &mut self,
        user_id: &str,
        account_id: &str,
        code: &str,
    ) -> Result<Step, ApiError> {
        let record = find_mut(&mut self.accounts, account_id, user_id)?;
        if record.account.connection_status != ConnectionStatus::AwaitingMfa {
            return Err(ApiError::invalid(
                "the account is not waiting for an MFA code",
            ));
        }
        let provider = providers::find(&record.account.provider_id)
            .ok_or_else(|| ApiError::Internal("account of an unknown provider".into()))?;
        let persona = record
            .persona
            .ok_or_else(|| ApiError::Internal("MFA without accepted credentials".into()))?;
        match magic::check_mfa(code) {
            Err(failure) => Ok(fail(record, &failure)),
            Ok(()) => Ok(connect(record, &mut self.data, &provider, persona)),
        }
    }

    /// Revokes an account and deletes its data (`ACCOUNT_DISCONNECTED`).
    pub fn delete_account(
        &mut self,
        account_id: &str,
        owner: Option<&str>,
    ) -> Result<Vec<EventData>, ApiError> {
        let index = self
            .accounts
            .iter()
            .position(|r| {
                r.account.id == account_id && owner.is_none_or(|o| r.account.user_id == o)
            })
            .ok_or_else(|| ApiError::not_found("account"))?;
        let record = self.accounts.remove(index);
        self.data.remove_source(account_id);
        Ok(vec![EventData::AccountDisconnected(AccountData {
            user_id: record.account.user_id,
            account_id: record.account.id,
            providers: vec![record.account.provider_id],
        })])
    }
}

/// Connects the account, stores the persona's data for its provider and the task that
/// synced it, and raises the link's events: `ACCOUNT_CONNECTED`, `TASK_STARTED`, the
/// `*_ADDED` events, `TASK_FINISHED`.
fn connect(
    record: &mut AccountRecord,
    data: &mut DataStore,
    provider: &Provider,
    persona: &Persona,
) -> Step {
    set_status(&mut record.account, ConnectionStatus::Connected, None);
    if provider.monitor_supported {
        record.account.monitor_status = MonitorStatus::Active;
        record.account.monitor = Monitor {
            status: MonitorStatus::Active,
            updated_at: Some(clock::now_string()),
        };
    }
    let account = record.account.clone();
    let now = clock::now_string();
    let source = Source {
        account_id: &account.id,
        user_id: &account.user_id,
        provider,
        created_at: &account.created_at,
        item_created_at: &now,
        anchor: clock::month_of(SystemTime::now()).minus(1),
    };
    let set = generate(persona, &source);
    let events = link_events(&account, record.login_name.clone(), provider, &set);
    data.record_task(link_task(&account, &set, &now));
    data.insert(set);
    (account, events)
}

/// The `LINK_ACCOUNT` task behind the link's `TASK_STARTED` and `TASK_FINISHED`: the
/// emulator syncs while it links, so the task starts and finishes at `now`.
fn link_task(account: &Account, set: &DataSet, now: &str) -> Task {
    Task {
        id: new_id("task-"),
        task_type: TaskType::LinkAccount,
        started_at: now.to_owned(),
        finished_at: Some(now.to_owned()),
        status: TaskStatus::Finished,
        datapoints: set.datapoints(),
        metadata: ItemMetadata {
            created_at: account.created_at.clone(),
            item_created_at: Some(now.to_owned()),
            account_id: Some(account.id.clone()),
            source_id: account.id.clone(),
            source_type: Some(SourceType::Account),
            user_id: account.user_id.clone(),
            provider_id: account.provider_id.clone(),
        },
    }
}

/// Marks the account failed; raises `ACCOUNT_FAILED`.
fn fail(record: &mut AccountRecord, failure: &Failure) -> Step {
    set_status(&mut record.account, ConnectionStatus::Error, Some(failure));
    let account = record.account.clone();
    let event = EventData::AccountFailed(AccountFailedData {
        user_id: account.user_id.clone(),
        account_id: account.id.clone(),
        login_name: record.login_name.clone(),
        error_code: failure.code.clone(),
        error_message: Some(failure.message.clone()),
        providers: vec![account.provider_id.clone()],
    });
    (account, vec![event])
}

fn page_of<T: Clone>(items: &[T], strip: impl Fn(&mut T)) -> Page<T> {
    let mut items: Vec<T> = items.iter().take(PAYLOAD_LIST_LIMIT).cloned().collect();
    items.iter_mut().for_each(strip);
    Page {
        next_cursor: None,
        items,
    }
}

/// The `TASK_FINISHED` payload: items without `metadata`, at most 300 per list; `null`
/// for data points the provider does not supply.
fn payload(provider: &Provider, set: &DataSet) -> AllDatapointPayload {
    let supports = |d: Datapoint| provider.supported.contains(&d);
    AllDatapointPayload {
        identity: set.identities.first().cloned().map(|mut i| {
            i.metadata = None;
            i
        }),
        employments: supports(Datapoint::Employments)
            .then(|| page_of(&set.employments, |e| e.metadata = None)),
        incomes: supports(Datapoint::Incomes).then(|| page_of(&set.incomes, |e| e.metadata = None)),
        contributions: supports(Datapoint::Contributions)
            .then(|| page_of(&set.contributions, |e| e.metadata = None)),
        eincomes: supports(Datapoint::Eincomes)
            .then(|| page_of(&set.eincomes, |e| e.metadata = None)),
        ..AllDatapointPayload::default()
    }
}

fn link_events(
    account: &Account,
    login_name: Option<String>,
    provider: &Provider,
    set: &DataSet,
) -> Vec<EventData> {
    let user_id = account.user_id.clone();
    let account_id = account.id.clone();
    let providers = vec![provider.id.clone()];
    let added = |count: usize| ItemsAddedData {
        user_id: user_id.clone(),
        account_id: account_id.clone(),
        count: count as u64,
        providers: providers.clone(),
    };

    let mut events = vec![
        EventData::AccountConnected(AccountConnectedData {
            user_id: user_id.clone(),
            account_id: account_id.clone(),
            login_name,
            providers: providers.clone(),
        }),
        EventData::TaskStarted(TaskStartedData {
            user_id: user_id.clone(),
            source_id: account_id.clone(),
            source_type: Some(SourceType::Account),
            task_type: TaskType::LinkAccount,
            providers: providers.clone(),
        }),
    ];
    if let Some(identity) = set.identities.first() {
        events.push(EventData::IdentityAdded(IdentityAddedData {
            user_id: user_id.clone(),
            account_id: account_id.clone(),
            identity_id: identity.id.clone(),
            providers: providers.clone(),
        }));
    }
    let lists = [
        (
            set.employments.len(),
            EventData::EmploymentsAdded as fn(ItemsAddedData) -> EventData,
        ),
        (set.incomes.len(), EventData::IncomesAdded),
        (set.contributions.len(), EventData::ContributionsAdded),
        (set.eincomes.len(), EventData::EincomesAdded),
    ];
    for (count, make) in lists {
        if count > 0 {
            events.push(make(added(count)));
        }
    }
    events.push(EventData::TaskFinished(TaskFinishedData {
        user_id: user_id.clone(),
        source_id: account_id.clone(),
        source_type: Some(SourceType::Account),
        task_type: Some(TaskType::LinkAccount),
        status: Some(TaskOutcome::Succeeded),
        error_code: None,
        providers,
        datapoints: set.datapoints(),
        payload: Some(payload(provider, set)),
    }));
    events
}
