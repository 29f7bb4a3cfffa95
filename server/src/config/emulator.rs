//! Emulator mode only: a laptop's credential-free setup.

use std::net::SocketAddr;

use wink_api::Mode;

use super::secrets::Secret;
use super::ConfigError;
use crate::db::Backend;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct EmulatorSettings {
    /// Emulator mode only: the demo officer created at start-up.
    #[arg(
        long,
        env = "WINK_DEMO_OFFICER_EMAIL",
        default_value = "officer@wink.test"
    )]
    pub demo_officer_email: String,

    /// Emulator mode only: the demo officer's password. Unset: a random one, printed on a
    /// terminal, otherwise written to `demo-officer-password` beside the SQLite file (mode
    /// 0600).
    #[arg(long, env = "WINK_DEMO_OFFICER_PASSWORD", hide_env_values = true)]
    pub demo_officer_password: Option<Secret>,

    /// Link-token lifetime in the embedded emulator, in seconds (tests shorten it).
    #[arg(long, env = "EMULATOR_TOKEN_TTL_SECS", default_value_t = 5 * 3600)]
    pub emulator_token_ttl_secs: u64,

    /// Lets emulator mode run on a non-loopback address or a PostgreSQL database. Emulator
    /// mode publishes its key pair and webhook secret and creates a demo officer, so by
    /// default it refuses anything but a laptop (tests that need it set this).
    #[arg(long, env = "WINK_EMULATOR_ANYWHERE", default_value_t = false, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub emulator_anywhere: bool,
}

impl EmulatorSettings {
    /// Emulator mode stays on a laptop unless WINK_EMULATOR_ANYWHERE says otherwise.
    pub(super) fn validate(
        &self,
        mode: Mode,
        addr: SocketAddr,
        backend: Option<Backend>,
    ) -> Result<(), ConfigError> {
        if mode != Mode::Emulator || self.emulator_anywhere {
            return Ok(());
        }
        if !addr.ip().is_loopback() {
            return Err(ConfigError::Invalid(
                "WINK_ADDR",
                "emulator mode serves its public key pair and webhook secret, so it listens \
                 only on a loopback address (127.0.0.1); set SMILE_MODE=sandbox or \
                 production, or WINK_EMULATOR_ANYWHERE=1 for a test rig"
                    .into(),
            ));
        }
        if backend == Some(Backend::Postgres) {
            return Err(ConfigError::Invalid(
                "DATABASE_URL",
                "emulator mode creates a demo officer in the database, so it refuses a \
                 PostgreSQL database (a shared one may be real); use SQLite, or \
                 WINK_EMULATOR_ANYWHERE=1 for a test rig"
                    .into(),
            ));
        }
        Ok(())
    }
}
