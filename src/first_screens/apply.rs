//! The application form's changing parts, bound to its prerendered markup: what is typed
//! goes into [`FormState`] (and back, when an invitation or the sandbox persona fills
//! it), each field's error under it, the summary above the form, the send button, and the
//! resume link once the server has the application. The whole app's `ApplyPage` renders
//! the same markup and shares the state, checks and sending ([`Sending`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use wink_api::{field, CreatedApplication, Mode};

use super::page::{self, escape};
use crate::api;
use crate::application_form::{FormState, FormText, TEXT_FIELDS};
use crate::i18n::{use_i18n, I18n};
use crate::load::Load;
use crate::pages::{fill_sandbox_persona, load_invite, InviteState, Sending};
use crate::validation::FIELDS;
use wink_web::dom::absolute_url;

/// The form's state, made once for the page and kept across a switch of language.
#[derive(Clone, Copy)]
pub(crate) struct Apply {
    state: FormState,
    sending: Sending,
    invite: RwSignal<InviteState>,
}

impl Apply {
    pub(crate) fn new() -> Self {
        let apply = Apply {
            state: FormState::new(),
            sending: Sending::new(),
            invite: RwSignal::new(InviteState::None),
        };
        load_invite(apply.state, apply.invite);
        apply
    }

    /// Binds the page's form (after a switch of language: the new page's form, to the same
    /// state). `first`: the page as the server sent it, with what was typed before this
    /// program arrived, which the state takes in.
    pub(crate) fn bind(self, first: bool) {
        let Apply {
            state,
            sending,
            invite,
        } = self;
        let i18n = use_i18n();
        let Some(form) = page::find("form.apply-form") else {
            return;
        };
        for (name, get, set) in TEXT_FIELDS {
            let Some(input) = page::input(&format!("field-{name}")) else {
                continue;
            };
            if first && !input.value().is_empty() {
                let value = input.value();
                state.edit(name, |f| set(f, value));
            }
            page::on(&input, "input", move |event| {
                let value = target_input(&event).value();
                state.edit(name, |f| set(f, value));
            });
            page::on(&input, "blur", move |_| state.leave(name));
            let shown = input.clone();
            Effect::new(move || {
                let value = state.form.with(|f| get(f).clone());
                if shown.value() != value {
                    shown.set_value(&value);
                }
            });
            bind_error(name, input, &i18n, state);
        }
        if let Some(consent) = page::input("field-consent") {
            if first && consent.checked() {
                state.edit(field::CONSENT, |f| f.consent = true);
            }
            page::on(&consent, "change", move |event| {
                let checked = target_input(&event).checked();
                state.edit(field::CONSENT, |f| f.consent = checked);
                state.leave(field::CONSENT);
            });
            let shown = consent.clone();
            Effect::new(move || {
                let checked = state.form.with(|f| f.consent);
                if shown.checked() != checked {
                    shown.set_checked(checked);
                }
            });
            bind_error(field::CONSENT, consent, &i18n, state);
        }
        let summary = page::find(".error-summary");
        if let Some(summary) = summary.clone() {
            Effect::new(move || {
                let items: String = FIELDS
                    .iter()
                    .map(|&name| (name, state.summary_text(name, &i18n)))
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(name, text)| {
                        format!(
                            r##"<li><a href="#field-{name}">{}</a></li>"##,
                            escape(&text)
                        )
                    })
                    .collect();
                let _ = summary
                    .class_list()
                    .toggle_with_force("visible", !items.is_empty());
                let html = if items.is_empty() {
                    String::new()
                } else {
                    format!(
                        r#"<h2 id="error-summary-heading">{}</h2><ul>{items}</ul>"#,
                        escape(&i18n.t(FormText::SummaryHeading))
                    )
                };
                page::set_html(&summary, &html);
            });
        }
        page::on(&form, "submit", move |event| {
            event.prevent_default();
            let summary = summary.clone();
            sending.submit(state, move || {
                if let Some(summary) = summary.clone() {
                    page::focus_soon(summary);
                }
            });
        });
        if let Some(alert) = page::find(".apply-form .form-error") {
            Effect::new(move || {
                let html = sending.form_error.with(|error| {
                    error
                        .as_ref()
                        .map(|error| format!("<p>{}</p>", escape(&i18n.error_text(error))))
                        .unwrap_or_default()
                });
                page::set_html(&alert, &html);
            });
        }
        if let Some(button) = page::find(".apply-form button[type=submit]") {
            page::on(&button, "pointerdown", move |_| state.press_submit());
            Effect::new(move || {
                let pending = sending.pending.get();
                let _ = button.toggle_attribute_with_force("disabled", pending);
                let words = if pending {
                    FormText::Sending
                } else {
                    FormText::Continue
                };
                page::set_text(&button, &i18n.t(words));
            });
        }
        if let Some(callout) = page::find(".apply > [aria-live]") {
            Effect::new(move || {
                let html = invite.get().callout(&i18n).map(|(kind, class, text)| {
                    format!(
                        r#"<p class="{class}" data-invite="{kind}">{}</p>"#,
                        escape(&text)
                    )
                });
                page::set_html(&callout, &html.unwrap_or_default());
            });
        }
        bind_sandbox_fill(&form, state, &i18n);
        Effect::new(move || {
            if let Some(created) = sending.created.get() {
                show_resume_link(&created, &i18n);
            }
        });
    }
}

/// `name`'s error line under `input`, as `TextField` and `ConsentField` show it.
fn bind_error(name: &'static str, input: HtmlInputElement, i18n: &I18n, state: FormState) {
    let i18n = *i18n;
    // The hint the field is described by without an error.
    let base = input.get_attribute("aria-describedby").unwrap_or_default();
    let id = format!("field-{name}-error");
    Effect::new(move || {
        let text = state.error_text(name, &i18n);
        let html = if text.is_empty() {
            String::new()
        } else {
            format!(
                r#"<span class="visually-hidden">{}</span>{}"#,
                escape(&i18n.t(FormText::ErrorPrefix)),
                escape(&text)
            )
        };
        page::field_error(&input, &base, &id, &html);
    });
}

/// In emulator and sandbox mode, the button that fills in Smile's sandbox persona after
/// the form, as `SandboxFill` shows it.
fn bind_sandbox_fill(form: &web_sys::HtmlElement, state: FormState, i18n: &I18n) {
    let i18n = *i18n;
    let info = Load::new(api::info);
    let form = form.clone();
    Effect::new(move || {
        let Some(mode) = info
            .get()
            .and_then(Result::ok)
            .map(|info| info.mode)
            .filter(|mode| *mode != Mode::Production)
        else {
            return;
        };
        let words = i18n.t(FormText::SandboxFill {
            mode: mode.as_str(),
        });
        let html = format!(
            r#"<p class="sandbox-fill"><button type="button" class="link-button">{}</button></p>"#,
            escape(&words)
        );
        if let Some(old) = page::find(".sandbox-fill") {
            old.remove();
        }
        let _ = form.insert_adjacent_html("afterend", &html);
        if let Some(button) = page::find(".sandbox-fill button") {
            page::on(&button, "click", move |_| fill_sandbox_persona(state));
        }
    });
}

/// After applying: the form gives way to the resume link, shown once, with a copy button
/// and why to keep it, as `ResumeLinkCard` shows it; "Continue" loads the whole app's
/// `/link`.
fn show_resume_link(created: &CreatedApplication, i18n: &I18n) {
    let Some(section) = page::find("section.apply") else {
        return;
    };
    let reference = escape(&created.application.reference);
    let (before, after) = i18n.t_around(FormText::Reference { reference: "" }, "reference");
    let t = |words| escape(&i18n.t(words));
    let html = format!(
        concat!(
            r#"<h1>{title}</h1><div class="callout success" data-reference="{reference}">"#,
            r#"<h2 tabindex="-1">{received}</h2><p>{before} <strong>{reference}</strong> {after}</p>"#,
            r#"<label for="resume-link">{label}</label>"#,
            r#"<p class="hint" id="resume-link-hint">{hint}</p>"#,
            r#"<div class="copy-row"><input id="resume-link" type="text" readonly aria-describedby="resume-link-hint">"#,
            r#"<button type="button" class="secondary">{copy}</button></div>"#,
            r#"<p class="copy-status" role="status"></p>"#,
            r#"<button type="button" class="primary">{next}</button></div>"#
        ),
        title = t(FormText::Title),
        reference = reference,
        received = t(FormText::Received),
        before = escape(&before),
        after = escape(&after),
        label = t(FormText::ResumeLink),
        hint = t(FormText::ResumeLinkHint),
        copy = t(FormText::CopyLink),
        next = t(FormText::ContinueToLink),
    );
    page::set_html(&section, &html);
    let link = absolute_url(&created.resume_path);
    if let Some(input) = page::input("resume-link") {
        input.set_value(&link);
        let field = input.clone();
        page::on(&input, "focus", move |_| field.select());
    }
    let i18n = *i18n;
    if let (Some(copy), Some(status)) = (page::find(".copy-row button"), page::find(".copy-status"))
    {
        page::on(&copy, "click", move |_| {
            let (link, status) = (link.clone(), status.clone());
            leptos::task::spawn_local(async move {
                let copied = page::copy_text(&link).await.is_truthy();
                let words = if copied {
                    FormText::Copied
                } else {
                    FormText::CopyFailed
                };
                page::set_text(&status, &i18n.t(words));
            });
        });
    }
    if let Some(next) = page::find(".callout.success button.primary") {
        page::on(&next, "click", |_| {
            let _ = window().location().assign("/link");
        });
    }
    if let Some(heading) = page::find(".callout.success h2") {
        page::focus_soon(heading);
    }
}

/// The input an event came from.
fn target_input(event: &web_sys::Event) -> HtmlInputElement {
    event
        .target()
        .map(JsCast::unchecked_into)
        .expect("an input's own event")
}
