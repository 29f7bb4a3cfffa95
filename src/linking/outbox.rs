//! Sends widget callbacks to `POST /api/link/events` one at a time, in the order they
//! fired, so the server's timeline (and its answer, the account list) follows the widget.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::task::spawn_local;
use wink_api::{LinkAccounts, LinkEvent};

use crate::api::{self, ApiError};

type OnAnswer = Box<dyn Fn(&LinkEvent, Result<LinkAccounts, ApiError>)>;

/// A FIFO of events with at most one request in flight.
pub struct Outbox {
    inner: Rc<Inner>,
}

struct Inner {
    queue: RefCell<VecDeque<LinkEvent>>,
    sending: Cell<bool>,
    on_answer: OnAnswer,
}

impl Outbox {
    /// `on_answer` receives each event with the server's answer to it, in order.
    pub fn new(on_answer: impl Fn(&LinkEvent, Result<LinkAccounts, ApiError>) + 'static) -> Self {
        Outbox {
            inner: Rc::new(Inner {
                queue: RefCell::new(VecDeque::new()),
                sending: Cell::new(false),
                on_answer: Box::new(on_answer),
            }),
        }
    }

    /// Queues `event`; starts the sender if it is idle. The sender holds its own handle, so
    /// events already queued still reach the server if the page is left meanwhile.
    pub fn send(&self, event: LinkEvent) {
        self.inner.queue.borrow_mut().push_back(event);
        if self.inner.sending.replace(true) {
            return;
        }
        let inner = Rc::clone(&self.inner);
        spawn_local(async move {
            loop {
                let next = inner.queue.borrow_mut().pop_front();
                let Some(event) = next else { break };
                let answer = api::post_link_event(&event).await;
                (inner.on_answer)(&event, answer);
            }
            inner.sending.set(false);
        });
    }
}
