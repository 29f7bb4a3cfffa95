//! The linked accounts' data items, the data-sync tasks that saved them, and the filters
//! of the data and task endpoints (the spec gives both the same filters).

use smile_api::{Contribution, Eincome, Employment, Identity, Income, ItemMetadata, Task};

use crate::personas::data::DataSet;

/// Every stored data item, newest source last.
#[derive(Clone, Debug, Default)]
pub struct DataStore {
    /// `/identities`.
    pub identities: Vec<Identity>,
    /// `/employments`.
    pub employments: Vec<Employment>,
    /// `/incomes`.
    pub incomes: Vec<Income>,
    /// `/contributions`.
    pub contributions: Vec<Contribution>,
    /// `/eincomes`.
    pub eincomes: Vec<Eincome>,
    /// `/tasks`: the data syncs that saved the items above.
    pub tasks: Vec<Task>,
}

impl DataStore {
    /// Stores one account's data.
    pub fn insert(&mut self, set: DataSet) {
        self.identities.extend(set.identities);
        self.employments.extend(set.employments);
        self.incomes.extend(set.incomes);
        self.contributions.extend(set.contributions);
        self.eincomes.extend(set.eincomes);
    }

    /// Records a data-sync task.
    pub fn record_task(&mut self, task: Task) {
        self.tasks.push(task);
    }

    /// Deletes everything that came from `source_id`, its tasks too (revocation deletes the
    /// data, and a task must not name a source that is gone).
    pub fn remove_source(&mut self, source_id: &str) {
        fn keep<T: Item>(items: &mut Vec<T>, source_id: &str) {
            items.retain(|i| i.metadata().map(|m| m.source_id.as_str()) != Some(source_id));
        }
        keep(&mut self.identities, source_id);
        keep(&mut self.employments, source_id);
        keep(&mut self.incomes, source_id);
        keep(&mut self.contributions, source_id);
        keep(&mut self.eincomes, source_id);
        keep(&mut self.tasks, source_id);
    }
}

/// A stored data item.
pub trait Item: Clone {
    /// What the id-path 404 calls it.
    const NAME: &'static str;
    /// Whether the date filters are months (`startMonth`/`endMonth`) rather than dates.
    const MONTHLY: bool;
    /// All stored items of this kind.
    fn stored(data: &DataStore) -> &[Self];
    /// The item id.
    fn id(&self) -> &str;
    /// Its source.
    fn metadata(&self) -> Option<&ItemMetadata>;
    /// The value the `startDate`/`endDate` (or `startMonth`/`endMonth`) filters compare,
    /// in a format that sorts like time (`yyyy-MM-dd` or `yyyy-MM`); `None` if unfiltered.
    fn date_key(&self) -> Option<&str>;
}

/// Implements [`Item`] for one of Smile's data types, which all carry `id` and `metadata`:
/// its 404 name, its list in [`DataStore`], whether it is filtered by month, and the
/// field its date filters compare.
macro_rules! item {
    ($type:ty, $name:literal, $list:ident, monthly: $monthly:literal, date_key: |$item:ident| $key:expr) => {
        impl Item for $type {
            const NAME: &'static str = $name;
            const MONTHLY: bool = $monthly;
            fn stored(data: &DataStore) -> &[Self] {
                &data.$list
            }
            fn id(&self) -> &str {
                &self.id
            }
            fn metadata(&self) -> Option<&ItemMetadata> {
                self.metadata.as_ref()
            }
            fn date_key(&self) -> Option<&str> {
                let $item = self;
                $key
            }
        }
    };
}

item!(Identity, "identity", identities, monthly: false, date_key: |_undated| None);
item!(Employment, "employment", employments, monthly: false, date_key: |e| Some(&e.start_date));
item!(Income, "income", incomes, monthly: false, date_key: |i| Some(&i.start_date));
item!(Contribution, "contribution", contributions, monthly: false, date_key: |c| Some(&c.date));
item!(Eincome, "eincome", eincomes, monthly: true, date_key: |e| Some(&e.month));

/// Tasks always carry `metadata`, and the date filters compare the day a task started.
impl Item for Task {
    const NAME: &'static str = "task";
    const MONTHLY: bool = false;
    fn stored(data: &DataStore) -> &[Self] {
        &data.tasks
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn metadata(&self) -> Option<&ItemMetadata> {
        Some(&self.metadata)
    }
    fn date_key(&self) -> Option<&str> {
        self.started_at.get(..10)
    }
}

/// The filters every data endpoint takes (validated by the route).
#[derive(Clone, Debug, Default)]
pub struct DataQuery {
    /// Only this user's items.
    pub user_id: Option<String>,
    /// Only this source's items (`sourceId`, or the deprecated `accountId`).
    pub source_id: Option<String>,
    /// Only items dated on or after this.
    pub start: Option<String>,
    /// Only items dated on or before this.
    pub end: Option<String>,
}

impl DataQuery {
    /// The matching items, in stored order.
    pub fn select<T: Item>(&self, items: &[T]) -> Vec<T> {
        items
            .iter()
            .filter(|item| self.matches(*item))
            .cloned()
            .collect()
    }

    fn matches<T: Item>(&self, item: &T) -> bool {
        let meta = item.metadata();
        let same = |want: &Option<String>, have: Option<&str>| {
            want.as_deref().is_none_or(|w| have == Some(w))
        };
        if !same(&self.user_id, meta.map(|m| m.user_id.as_str()))
            || !same(&self.source_id, meta.map(|m| m.source_id.as_str()))
        {
            return false;
        }
        match item.date_key() {
            // `yyyy-MM-dd` and `yyyy-MM` strings order like the dates they name.
            Some(date) => {
                self.start.as_deref().is_none_or(|s| date >= s)
                    && self.end.as_deref().is_none_or(|e| date <= e)
            }
            None => true,
        }
    }
}
