//! What the tests share: a real wink-server (its own temporary database, listening on
//! 127.0.0.1:0, with the emulator of Smile's sandbox embedded — the only stand-in, and
//! only for Smile), its browsers and applicants, signed webhooks, and the test databases.

mod applicant;
mod arrivals;
mod browser;
mod database;
mod emulator;
mod process;
mod runtime;
mod serve;
mod server;
mod webhook;
mod webhook_senders;

pub use applicant::{apply, george, link, Applicant, GEORGE_LOGIN};
pub use arrivals::busiest_second;
pub use browser::Browser;
pub use database::{copy_database, database_url, on_postgres, stored_state, table_names};
pub use emulator::{emulator, emulator_request};
pub use process::{listening_url, server_command, signal, spawn_binary, BIN};
pub use runtime::on_two_workers;
pub use server::{Detached, TestServer, REPORT_SIGNING_KEY};
pub use webhook::{event, webhook_request, webhook_request_as};
pub use webhook_senders::WebhookSenders;
