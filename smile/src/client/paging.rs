//! Lists as streams that follow `nextCursor` to the end, and the filters of list calls.

use std::collections::HashSet;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::stream::{Stream, TryStreamExt};

use super::error::SmileError;

/// The items of a Smile list, fetched page by page as the stream is polled.
///
/// Use it as a [`Stream`] (`futures::StreamExt`/`TryStreamExt`), or collect everything with
/// [`Paged::collect_vec`]. The first error ends the stream.
pub struct Paged<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, SmileError>> + Send>>,
}

impl<T> Paged<T> {
    pub(crate) fn new(stream: impl Stream<Item = Result<T, SmileError>> + Send + 'static) -> Self {
        Paged {
            inner: Box::pin(stream),
        }
    }

    /// Every item of every page, or the first error.
    pub async fn collect_vec(self) -> Result<Vec<T>, SmileError> {
        self.try_collect().await
    }
}

impl<T> Stream for Paged<T> {
    type Item = Result<T, SmileError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paged { .. }")
    }
}

/// Smile's default bound on the pages one list may take (see [`super::SmileConfig::max_pages`]).
pub const DEFAULT_MAX_PAGES: u32 = 1_000;

/// Items that a list may repeat across pages; deduplicated by this id.
pub(crate) trait ItemId {
    fn item_id(&self) -> &str;
}

macro_rules! item_id {
    ($($ty:ty),+) => {
        $(impl ItemId for $ty {
            fn item_id(&self) -> &str {
                &self.id
            }
        })+
    };
}

item_id!(
    crate::account::Account,
    crate::user::User,
    crate::provider::Provider,
    crate::webhook::Webhook,
    crate::data::Identity,
    crate::data::Employment,
    crate::data::Income,
    crate::data::Contribution,
    crate::data::Eincome,
    crate::archive::Archive,
    crate::archive::FileType,
    crate::task::Task
);

/// Why a list was cut short. What was read until then is kept and used: a misbehaving
/// cursor must not stop a sync or a reconcile pass, and the next pass asks again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Truncation {
    /// `nextCursor` named a page already read (a repeat or a cycle).
    RepeatedCursor(String),
    /// The list went on past the page bound.
    PageBound(u32),
}

impl Truncation {
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Truncation::RepeatedCursor(_) => "repeated_cursor",
            Truncation::PageBound(_) => "page_bound",
        }
    }
}

/// Where a list stands: the cursors already followed, the ids already yielded, the pages read.
#[derive(Debug)]
pub(crate) struct Cursor {
    next: Option<String>,
    started: bool,
    done: bool,
    pages: u32,
    max_pages: u32,
    followed: HashSet<String>,
    yielded: HashSet<String>,
}

impl Cursor {
    pub(crate) fn new(max_pages: u32) -> Self {
        Cursor {
            next: None,
            started: false,
            done: false,
            pages: 0,
            max_pages: max_pages.max(1),
            followed: HashSet::new(),
            yielded: HashSet::new(),
        }
    }

    /// The cursor of the page to fetch now: `Some(None)` for the first page, `None` when
    /// the list is over.
    pub(crate) fn page_to_fetch(&self) -> Option<Option<&str>> {
        if self.done {
            None
        } else if !self.started {
            Some(None)
        } else {
            Some(self.next.as_deref())
        }
    }

    /// Records a page read: keeps the items not seen before, and decides what comes next.
    /// `next` is the page's `nextCursor` (`None`, or empty: the last page).
    pub(crate) fn advance<T: ItemId>(
        &mut self,
        items: Vec<T>,
        next: Option<&str>,
    ) -> (Vec<T>, Option<Truncation>) {
        self.started = true;
        self.pages += 1;
        if let Some(current) = self.next.take() {
            self.followed.insert(current);
        }
        let fresh: Vec<T> = items
            .into_iter()
            .filter(|item| self.yielded.insert(item.item_id().to_owned()))
            .collect();
        let truncation = match next.filter(|c| !c.is_empty()) {
            None => None,
            Some(next) if self.followed.contains(next) => {
                Some(Truncation::RepeatedCursor(next.to_owned()))
            }
            Some(_) if self.pages >= self.max_pages => Some(Truncation::PageBound(self.pages)),
            Some(next) => {
                self.next = Some(next.to_owned());
                return (fresh, None);
            }
        };
        self.done = true;
        (fresh, truncation)
    }
}

/// Whose data a data-point list returns: one source (`sourceId`: an account or archive)
/// or one user (`userId`: all their sources).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataFilter {
    key: &'static str,
    id: String,
}

impl DataFilter {
    /// Data of one account (`a-…`) or archive.
    pub fn source(source_id: impl Into<String>) -> Self {
        DataFilter {
            key: "sourceId",
            id: source_id.into(),
        }
    }

    /// Data of all of a user's sources.
    pub fn user(user_id: impl Into<String>) -> Self {
        DataFilter {
            key: "userId",
            id: user_id.into(),
        }
    }

    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        vec![(self.key, self.id.clone())]
    }
}

/// Filters of `GET /providers`; all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderQuery {
    /// `type`, e.g. `GOVERNMENT`.
    pub provider_type: Option<String>,
    /// `subType`.
    pub sub_type: Option<String>,
    /// Only active (or inactive) providers.
    pub active: Option<bool>,
    /// Only enabled (or disabled) providers.
    pub enabled: Option<bool>,
    /// Only providers with (or without) real-time connection.
    pub account_connection: Option<bool>,
    /// Name filter.
    pub name: Option<String>,
    /// Exactly these provider ids.
    pub ids: Vec<String>,
    /// Pin these ids to the top (at most 10).
    pub top_ids: Vec<String>,
}

impl ProviderQuery {
    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        let mut push = |key, value: Option<String>| {
            if let Some(value) = value {
                q.push((key, value));
            }
        };
        push("type", self.provider_type.clone());
        push("subType", self.sub_type.clone());
        push("active", self.active.map(|b| b.to_string()));
        push("enabled", self.enabled.map(|b| b.to_string()));
        push(
            "accountConnection",
            self.account_connection.map(|b| b.to_string()),
        );
        push("name", self.name.clone());
        push("ids", (!self.ids.is_empty()).then(|| self.ids.join(",")));
        push(
            "topIds",
            (!self.top_ids.is_empty()).then(|| self.top_ids.join(",")),
        );
        q
    }
}

/// Filters of `GET /users` (by creation date, `yyyy-MM-dd`); all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserQuery {
    /// Created on or after.
    pub start_date: Option<String>,
    /// Created on or before.
    pub end_date: Option<String>,
}

impl UserQuery {
    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(d) = &self.start_date {
            q.push(("startDate", d.clone()));
        }
        if let Some(d) = &self.end_date {
            q.push(("endDate", d.clone()));
        }
        q
    }
}
