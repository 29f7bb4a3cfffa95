use leptos::prelude::*;
use wink_api::officer::{NewNote, Note, MAX_NOTE_CHARS};

use crate::api;
use crate::format::timestamp;
use crate::submission::Submission;

/// The officers' notes, newest first.
#[component]
pub fn NoteList(notes: Vec<Note>) -> impl IntoView {
    if notes.is_empty() {
        return view! { <p class="empty">"No notes yet."</p> }.into_any();
    }
    view! {
        <ul class="plain notes">
            {notes
                .into_iter()
                .map(|n| {
                    view! {
                        <li class="note">
                            <p class="note-meta">
                                {format!("{} · {}", n.officer_email, timestamp(&n.created_at))}
                            </p>
                            <p class="note-text">{n.text}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "Add a note". Lives outside the refreshed data, so a live update never loses what is
/// being typed.
#[component]
pub fn NoteForm(id: String, on_saved: Callback<()>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let submission = Submission::new();
    let id = StoredValue::new(id);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked().trim().to_owned();
        if body.is_empty() {
            return submission.refuse("Write the note first.");
        }
        let id = id.get_value();
        submission.run(
            async move { api::add_note(&id, &NewNote { text: body }).await },
            move |_| {
                text.try_set(String::new());
                on_saved.run(());
            },
        );
    };
    view! {
        <form class="note-form no-print" on:submit=on_submit>
            <div class="field">
                <label for="note-text">"Add a note"</label>
                <textarea
                    id="note-text"
                    rows="3"
                    maxlength=MAX_NOTE_CHARS.to_string()
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            {submission.error_view()}
            <button type="submit" class="secondary" disabled=move || submission.pending.get()>
                {submission.label("Save note", "Saving…")}
            </button>
        </form>
    }
}
