//! `Load`: the latest answer of an async call a page makes when it mounts, with a retry.
//!
//! Why not `LocalResource` + `<Suspense>`: each distinct resource type pulls in a sizeable
//! share of Leptos's async machinery, and the applicant bundle's budget (≤ 250 KB gzip
//! before the widget opens) has no room for it. A signal set by a task covers what these
//! pages need: a value that is `None` while loading, `reload()`, and `refresh()` for live
//! updates that should not blank the page.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

pub struct Load<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    /// Asks again; only the answer to the latest ask is kept.
    run: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Load<T> {}

impl<T: Send + Sync + 'static> Load<T> {
    /// Starts `fetch` now. The answer is dropped if the page is gone by the time it comes,
    /// or if a later ask was made meanwhile (answers can arrive out of order).
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let value = RwSignal::new(None);
        let latest = StoredValue::new(0u32);
        let run: Box<dyn Fn()> = Box::new(move || {
            let Some(ask) = latest.try_update_value(|n| {
                *n = n.wrapping_add(1);
                *n
            }) else {
                return;
            };
            let answer = fetch();
            spawn_local(async move {
                let answer = answer.await;
                if latest.try_get_value() == Some(ask) {
                    value.try_set(Some(answer));
                }
            });
        });
        run();
        Load {
            value,
            run: StoredValue::new_local(run),
        }
    }

    /// Forgets the answer and asks again (the page shows "loading" meanwhile).
    pub fn reload(self) {
        self.value.set(None);
        self.refresh();
    }

    /// Asks again and keeps showing the current answer until the new one arrives.
    pub fn refresh(self) {
        self.run.try_with_value(|run| run());
    }
}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    /// The answer (reactive): `None` while loading.
    pub fn get(self) -> Option<T> {
        self.value.get()
    }
}

impl<T: Send + Sync + 'static> Load<T> {
    /// Reads the answer in place (reactive), without cloning it.
    pub fn with<R>(self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.value.with(|value| f(value.as_ref()))
    }
}
