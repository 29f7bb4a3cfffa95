//! The settings as clap knows them: `check-config`'s listing and the README's table are
//! read from the same metadata as `--help`, so a setting is described once, on its field.

use clap::CommandFactory;
use serde_json::Value;

use super::{secrets, Config};

/// Where the README's table starts and ends, so a regenerated one is pasted over it whole.
const README_TABLE_START: &str = "<!-- settings table: wink-server check-config --readme-table -->";
const README_TABLE_END: &str = "<!-- end of settings table -->";

impl Config {
    /// The effective configuration, one `(NAME, value)` per environment variable, in the
    /// order of `--help`. Every secret reads `[REDACTED]` when set and is empty when not.
    pub fn effective(&self) -> Vec<(String, String)> {
        let Ok(Value::Object(mut values)) = serde_json::to_value(self) else {
            unreachable!("the configuration serializes to a map");
        };
        // What an unset setting means in effect, where that depends on other settings.
        let own_url = format!("http://{}", self.serving.addr);
        let resolved = [
            ("smile_base_url", self.smile.base_url(&own_url)),
            (
                "public_url",
                self.serving.public_url_or(&own_url).to_owned(),
            ),
            ("cookie_secure", self.cookie_secure().to_string()),
            (
                "secrets_file",
                secrets::file_in_use(self.smile.secrets_file.as_deref())
                    .map(|path| path.display().to_string())
                    .unwrap_or_default(),
            ),
        ];
        for (id, value) in resolved {
            values.insert(id.to_owned(), Value::String(value));
        }
        settings()
            .into_iter()
            .map(|(id, env, _)| {
                let value = values.get(&id).map(listed).unwrap_or_default();
                (env, value)
            })
            .collect()
    }
}

/// The README's table of environment variables (name, default and meaning), between the
/// comments that mark it.
pub fn readme_table() -> String {
    let mut table =
        format!("{README_TABLE_START}\n| variable | default | meaning |\n|---|---|---|\n");
    for (_, env, arg) in settings() {
        let default: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|value| value.to_string_lossy().into_owned())
            .filter(|value| !value.is_empty())
            .collect();
        let default = if default.is_empty() {
            String::new()
        } else {
            format!("`{}`", default.join(","))
        };
        let meaning = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(|help| help.to_string().replace('\n', " ").replace('|', "\\|"))
            .unwrap_or_default();
        table.push_str(&format!("| `{env}` | {default} | {meaning} |\n"));
    }
    table.push_str(README_TABLE_END);
    table.push('\n');
    table
}

/// Every setting's clap id, environment variable and argument, in the order of `--help`.
fn settings() -> Vec<(String, String, clap::Arg)> {
    Config::command()
        .get_arguments()
        .filter_map(|arg| {
            let env = arg.get_env()?.to_string_lossy().into_owned();
            Some((arg.get_id().to_string(), env, arg.clone()))
        })
        .collect()
}

/// A value as `check-config` prints it: lists comma-separated, unset empty.
fn listed(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(listed).collect::<Vec<_>>().join(","),
        // `20`, not JSON's `20.0`.
        Value::Number(number) if number.is_f64() => {
            number.as_f64().map(|n| n.to_string()).unwrap_or_default()
        }
        other => other.to_string(),
    }
}
