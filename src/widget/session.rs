//! One open widget: the `SmileLinkModal` instance and the Rust closures it calls.
//!
//! Lifetime rule: JS may call a callback for as long as the modal exists, so the closures
//! live exactly as long as the [`WidgetSession`] that owns the modal. The page keeps the
//! session in a `StoredValue::new_local`, which drops it when the page is cleaned up or a new
//! session replaces it. Dropping invalidates the closures: a late call from the widget then
//! throws in JS ("closure invoked ... after being dropped") instead of touching disposed
//! signals. No closure is ever `forget()`-ed.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use smile_api::widget::WidgetOptions;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::binding::{describe_js_error, SmileLinkModal};
use super::payload::{read_payload, Callback, Received, UnreadablePayload};

/// Why the widget could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("The linking window's settings could not be prepared ({0}). Please reload the page.")]
    Options(String),
    #[error("The secure account-linking window could not start ({0}). Please try again.")]
    Construct(String),
    #[error("The secure account-linking window could not open ({0}). Please try again.")]
    Open(String),
}

/// An open widget and the closures it calls. Not `Send`: keep it in
/// `StoredValue::new_local`.
pub struct WidgetSession {
    modal: SmileLinkModal,
    /// Cleared first thing on drop, so anything the widget fires while it is being closed
    /// (an `onClose` from `destroy()`, say) is ignored rather than reported as news.
    live: Rc<Cell<bool>>,
    _callbacks: Vec<Closure<dyn Fn(JsValue)>>,
}

impl WidgetSession {
    /// Builds the widget from `options`, attaches a closure for every callback, and opens
    /// it. Each callback reaches `on_event` as a typed [`Received`], in firing order.
    ///
    /// `on_event` runs inside the widget's JS call: it should record the event (set a
    /// signal, queue work) and not drop this session synchronously.
    pub fn open(
        options: &WidgetOptions,
        on_event: impl Fn(Received) + 'static,
    ) -> Result<Self, OpenError> {
        let config = options_object(options)?;
        let on_event: Rc<dyn Fn(Received)> = Rc::new(on_event);
        let live = Rc::new(Cell::new(true));

        let mut callbacks = Vec::with_capacity(Callback::ALL.len());
        for callback in Callback::ALL {
            let on_event = Rc::clone(&on_event);
            let live = Rc::clone(&live);
            let closure = Closure::<dyn Fn(JsValue)>::new(move |payload: JsValue| {
                if live.get() {
                    on_event(receive(callback, payload));
                }
            });
            Reflect::set(
                &config,
                &JsValue::from_str(callback.js_name()),
                closure.as_ref(),
            )
            .map_err(|e| OpenError::Options(describe_js_error(&e)))?;
            callbacks.push(closure);
        }

        let modal = SmileLinkModal::new(&config)
            .map_err(|e| OpenError::Construct(describe_js_error(&e)))?;
        let session = WidgetSession {
            modal,
            live,
            _callbacks: callbacks,
        };
        // On failure `session` is dropped here, and its closures with it.
        session
            .modal
            .open()
            .map_err(|e| OpenError::Open(describe_js_error(&e)))?;
        Ok(session)
    }
}

impl Drop for WidgetSession {
    fn drop(&mut self) {
        self.live.set(false);
        // Take the widget off the screen if it can be told to; Smile documents only open().
        if !self.modal.call_if_present("destroy") {
            self.modal.call_if_present("close");
        }
        // `_callbacks` drop after this, invalidating the JS functions the widget holds.
    }
}

/// The options as a plain JS object, through the browser's own JSON: plain objects and
/// arrays only, `None` fields left out. (The JSON round trip costs microseconds once per
/// opening and keeps a second serializer out of the bundle.)
fn options_object(options: &WidgetOptions) -> Result<Object, OpenError> {
    let json = serde_json::to_string(options).map_err(|e| OpenError::Options(e.to_string()))?;
    js_sys::JSON::parse(&json)
        .map_err(|e| OpenError::Options(describe_js_error(&e)))?
        .dyn_into::<Object>()
        .map_err(|_| OpenError::Options("not an object".into()))
}

/// A callback's JS argument as a typed event, or a report of why it is unreadable.
/// `undefined` (no argument) reads as `null`; what JSON cannot express (a function, a
/// cycle) is reported as unreadable.
fn receive(callback: Callback, payload: JsValue) -> Received {
    let unreadable = |reason: String| UnreadablePayload {
        callback: callback.js_name(),
        reason,
    };
    if payload.is_undefined() {
        return read_payload(callback, serde_json::Value::Null);
    }
    let json = js_sys::JSON::stringify(&payload)
        .map_err(|e| unreadable(describe_js_error(&e)))?
        .as_string()
        .ok_or_else(|| unreadable("not JSON".into()))?;
    let value = serde_json::from_str(&json).map_err(|e| unreadable(e.to_string()))?;
    read_payload(callback, value)
}
