use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use wink_api::Mode;

/// Wink Portal's server. Every option can also be set through the environment variable
/// named in its help; a bad value stops start-up with a message naming that variable.
#[derive(Debug, Clone, Parser)]
#[command(name = "wink-server", version, about)]
pub struct Config {
    /// Which Smile to talk to: emulator (no credentials), sandbox or production.
    #[arg(
        long,
        env = "SMILE_MODE",
        value_name = "SMILE_MODE",
        default_value = "emulator"
    )]
    pub smile_mode: Mode,

    /// Address and port to listen on.
    #[arg(
        long,
        env = "WINK_ADDR",
        value_name = "WINK_ADDR",
        default_value = "127.0.0.1:3000"
    )]
    pub addr: SocketAddr,

    /// The front end built by `trunk build` (served with a fallback to index.html).
    #[arg(
        long,
        env = "WINK_DIST_DIR",
        value_name = "WINK_DIST_DIR",
        default_value = "dist"
    )]
    pub dist_dir: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_local_emulator() {
        let config = Config::try_parse_from(["wink-server"]).unwrap();
        assert_eq!(config.smile_mode, Mode::Emulator);
        assert_eq!(config.addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(config.dist_dir, PathBuf::from("dist"));
    }

    #[test]
    fn bad_mode_error_names_the_variable() {
        let err = Config::try_parse_from(["wink-server", "--smile-mode", "staging"]).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("SMILE_MODE"), "{message}");
        assert!(
            message.contains("emulator, sandbox, production"),
            "{message}"
        );
    }
}
