//! A server-sent event stream (`EventSource`) with Rust listeners. Dropping the stream
//! closes it and frees the closures, so a page that owns one cleans up by going away.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// An open stream and its listeners.
pub struct EventStream {
    source: web_sys::EventSource,
    _on_event: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_connection: Option<Closure<dyn Fn(web_sys::Event)>>,
}

impl EventStream {
    /// Opens `url` and calls `on_data` with the data of each event named `event`; `None`
    /// where the browser cannot (callers fall back to polling).
    pub fn open(url: &str, event: &str, on_data: impl Fn(String) + 'static) -> Option<Self> {
        let source = web_sys::EventSource::new(url).ok()?;
        let on_event =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    on_data(text);
                }
            });
        source
            .add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref())
            .ok()?;
        Some(EventStream {
            source,
            _on_event: on_event,
            _on_connection: None,
        })
    }

    /// Calls `on_change(true)` whenever the stream (re)connects and `on_change(false)`
    /// whenever it fails or drops (the browser keeps retrying unless the server refused).
    pub fn watch_connection(&mut self, on_change: impl Fn(bool) + 'static) {
        let on_connection = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            on_change(event.type_() == "open");
        });
        let callback = Some(on_connection.as_ref().unchecked_ref());
        self.source.set_onopen(callback);
        self.source.set_onerror(callback);
        self._on_connection = Some(on_connection);
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        self.source.set_onopen(None);
        self.source.set_onerror(None);
        self.source.close();
    }
}
