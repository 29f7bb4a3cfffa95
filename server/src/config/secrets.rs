//! Secrets: a value type that never prints, and the git-ignored secrets file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use secrecy::{ExposeSecret, SecretString};

use super::ConfigError;

/// How `check-config` shows a secret that is set.
pub const REDACTED: &str = "[REDACTED]";

/// The secrets file read when WINK_SECRETS_FILE is not set (only if it exists).
pub const DEFAULT_SECRETS_FILE: &str = "secrets.env";

/// A configuration secret: parsed from the environment, never printed.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(SecretString::from(value.to_owned()))
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret::from(s))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// The effective configuration lists a set secret as `[REDACTED]`, whatever it is.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

/// The secrets file in use: the named one, else the default one if it exists.
pub fn file_in_use(named: Option<&Path>) -> Option<PathBuf> {
    match named {
        Some(path) => Some(path.to_owned()),
        None => Some(PathBuf::from(DEFAULT_SECRETS_FILE)).filter(|path| path.exists()),
    }
}

/// The `(NAME, value)` pairs of the secrets file, each NAME one of `allowed`. A missing
/// default file is empty; a missing named one, one that group or others may read, or a
/// malformed line is an error naming the file and the line, never quoting it.
pub fn read_file(
    named: Option<&Path>,
    allowed: &[&'static str],
) -> Result<Vec<(&'static str, String)>, ConfigError> {
    let path = named.map_or_else(|| PathBuf::from(DEFAULT_SECRETS_FILE), Path::to_owned);
    let fail = |reason: String| ConfigError::SecretsFile(path.clone(), reason);
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named.is_none() => {
            return Ok(Vec::new())
        }
        Err(e) => return Err(fail(format!("cannot open: {e}"))),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file
            .metadata()
            .map_err(|e| fail(e.to_string()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(fail(format!(
                "group or others may access it (mode {:o}); run `chmod 600 {}`",
                mode & 0o777,
                path.display()
            )));
        }
    }
    let text = std::io::read_to_string(file).map_err(|e| fail(format!("cannot read: {e}")))?;
    let mut pairs = Vec::new();
    // Line by line, so an error can name its line: a secret never spans lines.
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        // dotenvy's own errors quote the line, which may be a secret: they are replaced.
        let Some(parsed) = dotenvy::from_read_iter(line.as_bytes()).next() else {
            continue;
        };
        let (name, value) =
            parsed.map_err(|_| fail(format!("line {number}: expected NAME=value")))?;
        let Some(&name) = allowed.iter().find(|known| **known == name) else {
            return Err(fail(format!(
                "line {number}: only {} may be set here",
                allowed.join(", ")
            )));
        };
        pairs.push((name, value));
    }
    Ok(pairs)
}
