//! `Load`: the latest answer of an async call a page makes when it mounts, with a retry.
//!
//! Why not `LocalResource` + `<Suspense>`: each distinct resource type pulls in a sizeable
//! share of Leptos's async machinery, and the bundle budget (≤ 250 KB gzip before the widget
//! opens) has no room for it. A signal set by a task covers what these pages need: a value
//! that is `None` while loading, and `reload()`.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

pub struct Load<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    run: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Load<T> {}

impl<T: Send + Sync + 'static> Load<T> {
    /// Starts `fetch` now. The answer is dropped if the page is gone by the time it comes.
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let value = RwSignal::new(None);
        let run: Box<dyn Fn()> = Box::new(move || {
            let answer = fetch();
            spawn_local(async move {
                value.try_set(Some(answer.await));
            });
        });
        run();
        Load {
            value,
            run: StoredValue::new_local(run),
        }
    }

    /// Forgets the answer and asks again.
    pub fn reload(self) {
        self.value.set(None);
        self.run.with_value(|run| run());
    }
}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    /// The answer (reactive): `None` while loading.
    pub fn get(self) -> Option<T> {
        self.value.get()
    }
}
