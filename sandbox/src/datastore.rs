//! The linked accounts' data items and the filters of the data endpoints.

use smile_api::{Contribution, Eincome, Employment, Identity, Income, ItemMetadata};

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

    /// Deletes everything that came from `source_id` (revocation deletes the data).
    pub fn remove_source(&mut self, source_id: &str) {
        fn keep<T: Item>(items: &mut Vec<T>, source_id: &str) {
            items.retain(|i| i.metadata().map(|m| m.source_id.as_str()) != Some(source_id));
        }
        keep(&mut self.identities, source_id);
        keep(&mut self.employments, source_id);
        keep(&mut self.incomes, source_id);
        keep(&mut self.contributions, source_id);
        keep(&mut self.eincomes, source_id);
    }
}

/// A stored data item.
pub trait Item: Clone {
    /// What the id-path 404 calls it.
    const NAME: &'static str;
    /// Whether the date filters are months (`startMonth`/`endMonth`) rather than dates.
    const MONTHLY: bool = false;
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

impl Item for Identity {
    const NAME: &'static str = "identity";
    fn stored(data: &DataStore) -> &[Self] {
        &data.identities
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn metadata(&self) -> Option<&ItemMetadata> {
        self.metadata.as_ref()
    }
    fn date_key(&self) -> Option<&str> {
        None
    }
}

impl Item for Employment {
    const NAME: &'static str = "employment";
    fn stored(data: &DataStore) -> &[Self] {
        &data.employments
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn metadata(&self) -> Option<&ItemMetadata> {
        self.metadata.as_ref()
    }
    fn date_key(&self) -> Option<&str> {
        Some(&self.start_date)
    }
}

impl Item for Income {
    const NAME: &'static str = "income";
    fn stored(data: &DataStore) -> &[Self] {
        &data.incomes
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn metadata(&self) -> Option<&ItemMetadata> {
        self.metadata.as_ref()
    }
    fn date_key(&self) -> Option<&str> {
        Some(&self.start_date)
    }
}

impl Item for Contribution {
    const NAME: &'static str = "contribution";
    fn stored(data: &DataStore) -> &[Self] {
        &data.contributions
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn metadata(&self) -> Option<&ItemMetadata> {
        self.metadata.as_ref()
    }
    fn date_key(&self) -> Option<&str> {
        Some(&self.date)
    }
}

impl Item for Eincome {
    const NAME: &'static str = "eincome";
    const MONTHLY: bool = true;
    fn stored(data: &DataStore) -> &[Self] {
        &data.eincomes
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn metadata(&self) -> Option<&ItemMetadata> {
        self.metadata.as_ref()
    }
    fn date_key(&self) -> Option<&str> {
        Some(&self.month)
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
