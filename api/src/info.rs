use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use smile_api::wire_enum;

wire_enum! {
    // `FromStr` below: a configuration value, read in any case.
    #[wire_enum(closed, manual_from_str)]
    /// Which Smile the server talks to. Chosen by configuration alone (`SMILE_MODE`).
    #[derive(Default)]
    pub enum Mode {
        /// The embedded emulator of Smile's sandbox: no credentials, nothing leaves the machine.
        #[default]
        Emulator = "emulator",
        /// Smile's real sandbox, with a sandbox key pair.
        Sandbox = "sandbox",
        /// Smile's production Open API, with a production key pair.
        Production = "production",
    }
}

/// The value was not one of `emulator`, `sandbox`, `production`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMode;

impl fmt::Display for UnknownMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected one of: {}", Mode::SPELLINGS.join(", "))
    }
}

impl std::error::Error for UnknownMode {}

impl FromStr for Mode {
    type Err = UnknownMode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(UnknownMode)
    }
}

/// `GET /api/info`: what the front end needs to know about the server before anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Info {
    pub mode: Mode,
    /// The server's package version.
    pub version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_wire_form_is_lowercase_mode() {
        let info = Info {
            mode: Mode::Sandbox,
            version: "1.2.3".into(),
        };
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"mode": "sandbox", "version": "1.2.3"})
        );
        assert_eq!(serde_json::from_value::<Info>(json).unwrap(), info);
    }

    #[test]
    fn mode_parses_case_insensitively_and_rejects_others() {
        assert_eq!("Production".parse::<Mode>(), Ok(Mode::Production));
        assert_eq!(" emulator ".parse::<Mode>(), Ok(Mode::Emulator));
        assert_eq!("prod".parse::<Mode>(), Err(UnknownMode));
    }
}
