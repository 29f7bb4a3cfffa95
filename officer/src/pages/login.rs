use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::officer::OfficerLogin;
use wink_web::dom::focus_after_render;

use crate::api;
use crate::components::TextInput;
use crate::session::{login_error_message, Session};

/// Email and password. A wrong pair, too many attempts (with how long to wait) and an
/// ended session are each said in words; focus moves to the message.
#[component]
pub fn LoginPage(
    session: Session,
    /// Why the officer is here (signed out, session ended), if there is a reason to say.
    message: Option<&'static str>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let alert = NodeRef::<html::Div>::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let form = OfficerLogin {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        if form.email.is_empty() || form.password.is_empty() {
            error.set(Some("Enter your email and password.".into()));
            focus_after_render(alert);
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = api::login(&form).await;
            pending.try_set(false);
            match answer {
                Ok(me) => session.sign_in(me),
                Err(failure) => {
                    password.try_set(String::new());
                    error.try_set(Some(login_error_message(&failure)));
                    focus_after_render(alert);
                }
            }
        });
    };

    view! {
        <section class="page login">
            <h1>"Sign in"</h1>
            {message.map(|message| view! { <p class="callout" data-session-message="">{message}</p> })}
            <div class="form-error" role="alert" tabindex="-1" node_ref=alert>
                {move || error.get().map(|message| view! { <p>{message}</p> })}
            </div>
            <form class="login-form" on:submit=on_submit>
                <TextInput id="officer-email" label="Email" value=email kind="email" autocomplete="username" required=true />
                <TextInput
                    id="officer-password"
                    label="Password"
                    value=password
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </div>
            </form>
        </section>
    }
}
