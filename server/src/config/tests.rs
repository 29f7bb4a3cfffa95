//! Parsing, validation and listing of the whole configuration.

use super::*;

fn parse(args: &[&str]) -> Config {
    Config::try_parse_from(std::iter::once("wink-server").chain(args.iter().copied())).unwrap()
}

#[test]
fn defaults_are_local_emulator() {
    let config = parse(&[]);
    assert_eq!(config.smile.smile_mode, Mode::Emulator);
    assert_eq!(config.serving.addr, "127.0.0.1:3000".parse().unwrap());
    assert_eq!(config.serving.dist_dir, PathBuf::from("dist"));
    assert_eq!(config.smile.smile_rate_limit, 20);
    assert!(!config.cookie_secure());
    assert!(config.validate().is_ok());
}

#[test]
fn emulator_mode_refuses_a_public_address_or_postgres_unless_told() {
    let public = parse(&["--addr", "0.0.0.0:3000"]);
    assert!(
        refused(&public).contains("WINK_ADDR"),
        "{}",
        refused(&public)
    );
    let pg = parse(&["--database-url", "postgres://wink:pw@db/wink"]);
    assert!(refused(&pg).contains("DATABASE_URL"), "{}", refused(&pg));
    for base in [
        &["--addr", "0.0.0.0:3000"][..],
        &["--database-url", "postgres://db/wink"],
    ] {
        let mut args = base.to_vec();
        args.extend(["--emulator-anywhere", "true"]);
        assert!(parse(&args).validate().is_ok());
    }
    assert!(parse(&["--addr", "[::1]:3000"]).validate().is_ok());
}

#[test]
fn database_passwords_never_show_in_help_or_effective_configuration() {
    let help = {
        let mut command = <Config as clap::CommandFactory>::command();
        command.render_long_help().to_string()
    };
    // clap renders env values only when the variable is set in this process; the
    // attribute is what keeps them out, so check it is there.
    let command = <Config as clap::CommandFactory>::command();
    let arg = command
        .get_arguments()
        .find(|a| a.get_id() == "database_url")
        .unwrap();
    assert!(arg.is_hide_env_values_set(), "{help}");
    for url in [
        "postgres://wink:hunter2@db/wink",
        "postgres://db/wink?sslmode=require&password=hunter2",
        "postgresql://wink@db/wink?PassWord=hunter2&user=wink",
    ] {
        let config = parse(&["--database-url", url, "--emulator-anywhere", "true"]);
        let effective = config
            .effective()
            .into_iter()
            .find(|(name, _)| *name == "DATABASE_URL")
            .unwrap()
            .1;
        assert!(!effective.contains("hunter2"), "{effective}");
        assert!(effective.contains("db/wink"), "{effective}");
    }
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

#[test]
fn real_modes_need_the_key_pair_and_never_print_it() {
    let config = parse(&["--smile-mode", "sandbox", "--smile-api-key", "k-123"]);
    let err = config.validate().unwrap_err().to_string();
    assert_eq!(err, "SMILE_API_SECRET must be set in sandbox mode");
    // Production with the key pair only.
    let config = parse(&PRODUCTION[..6]);
    let err = config.validate().unwrap_err().to_string();
    assert_eq!(err, "SMILE_WEBHOOK_SECRET must be set in production mode");
    let config = parse(&PRODUCTION);
    assert!(config.validate().is_ok());
    assert!(config.cookie_secure());
    let debug = format!("{config:?}");
    assert!(
        !debug.contains("k-123") && !debug.contains("s-456"),
        "{debug}"
    );
}

#[test]
fn summary_thresholds_come_from_configuration() {
    assert_eq!(
        parse(&[]).summary.thresholds(),
        crate::summary::SummaryThresholds::default()
    );
    let config = parse(&["--name-match-min", "90", "--stale-data-days", "7"]);
    let thresholds = config.summary.thresholds();
    assert_eq!(
        (thresholds.name_match_min, thresholds.stale_data_days),
        (90, 7)
    );
    assert!(Config::try_parse_from(["wink-server", "--name-match-min", "101"]).is_err());
}

#[test]
fn widget_lists_split_on_commas() {
    let config = parse(&["--widget-providers", "sss_ph,upwork"]);
    assert_eq!(config.widget.widget_providers, ["sss_ph", "upwork"]);
    assert_eq!(parse(&[]).widget.widget_top_providers, ["sss_ph"]);
}

/// A report signing key for tests: 32 bytes, base64.
const REPORT_KEY: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

/// A valid production configuration, to break one variable at a time.
const PRODUCTION: [&str; 12] = [
    "--smile-mode",
    "production",
    "--smile-api-key",
    "k-123",
    "--smile-api-secret",
    "s-456",
    "--smile-webhook-secret",
    "w-789",
    "--public-url",
    "https://loans.example.com",
    "--report-signing-key",
    REPORT_KEY,
];

fn with(base: &[&str], extra: &[&str]) -> Config {
    let args: Vec<&str> = base.iter().chain(extra).copied().collect();
    parse(&args)
}

fn refused(config: &Config) -> String {
    let message = config.validate().unwrap_err().to_string();
    for value in [
        "k-123",
        "s-456",
        "w-789",
        EMULATOR_API_KEY,
        EMULATOR_API_SECRET,
    ] {
        assert!(!message.contains(value), "{message}");
    }
    message
}

#[test]
fn database_urls_are_sqlite_or_postgres() {
    for url in [
        "sqlite://data/wink.db",
        "postgres://wink:pw@db.internal/wink",
        "postgresql://wink@localhost:5432/wink?sslmode=require",
    ] {
        assert!(
            with(&PRODUCTION, &["--database-url", url])
                .validate()
                .is_ok(),
            "{url}"
        );
    }
    for url in ["mysql://root:pw-secret@db/wink", "data/wink.db", ""] {
        let message = refused(&with(&PRODUCTION, &["--database-url", url]));
        assert!(message.contains("DATABASE_URL"), "{message}");
        assert!(!message.contains("pw-secret"), "{message}");
    }
}

#[test]
fn inconsistent_configurations_are_refused_naming_the_variable() {
    assert!(with(&PRODUCTION, &[]).validate().is_ok());
    for mode in ["sandbox", "production"] {
        let mut args = PRODUCTION;
        args[1] = mode;
        let message = refused(&with(&args, &[]).clone_with_key(EMULATOR_API_KEY));
        assert!(message.starts_with("SMILE_API_KEY: "), "{message}");
        let message = refused(&with(&args, &[]).clone_with_secret(EMULATOR_API_SECRET));
        assert!(message.starts_with("SMILE_API_SECRET: "), "{message}");
        let message = refused(&with(&args, &["--cookie-secure", "false"]));
        assert!(message.starts_with("WINK_COOKIE_SECURE: "), "{message}");
    }
    let mut http = PRODUCTION;
    http[9] = "http://loans.example.com";
    assert!(refused(&with(&http, &[])).starts_with("WINK_PUBLIC_URL: "));
    let mut sandbox_http = http;
    sandbox_http[1] = "sandbox";
    assert!(
        with(&sandbox_http, &[]).validate().is_ok(),
        "http is fine in sandbox mode"
    );
    let mut relative = PRODUCTION;
    relative[9] = "loans.example.com";
    assert!(refused(&with(&relative, &[])).starts_with("WINK_PUBLIC_URL: "));

    let message = refused(&with(
        &PRODUCTION,
        &["--smile-base-url", "https://sandbox.smileapi.io/v1"],
    ));
    assert!(message.starts_with("SMILE_BASE_URL: "), "{message}");
    let mut sandbox = PRODUCTION;
    sandbox[1] = "sandbox";
    let message = refused(&with(
        &sandbox,
        &["--smile-base-url", "https://OPEN.smileapi.io:443/v1"],
    ));
    assert!(message.starts_with("SMILE_BASE_URL: "), "{message}");
    let message = refused(&parse(&["--smile-base-url", "https://open.smileapi.io/v1"]));
    assert!(message.starts_with("SMILE_BASE_URL: "), "{message}");
    // A proxy, or the mode's own host, is fine.
    assert!(with(
        &PRODUCTION,
        &["--smile-base-url", "http://127.0.0.1:9000/v1"]
    )
    .validate()
    .is_ok());
    assert!(with(
        &sandbox,
        &["--smile-base-url", "https://sandbox.smileapi.io/v1"]
    )
    .validate()
    .is_ok());
    // Emulator mode keeps its defaults: the emulator's key pair and plain cookies.
    assert!(parse(&[
        "--smile-api-key",
        EMULATOR_API_KEY,
        "--smile-api-secret",
        EMULATOR_API_SECRET,
        "--cookie-secure",
        "false"
    ])
    .validate()
    .is_ok());
}

impl Config {
    fn clone_with_key(&self, key: &str) -> Config {
        let mut config = self.clone();
        config.smile.smile_api_key = Some(Secret::from(key));
        config
    }
    fn clone_with_secret(&self, secret: &str) -> Config {
        let mut config = self.clone();
        config.smile.smile_api_secret = Some(Secret::from(secret));
        config
    }
}

#[cfg(feature = "emulator")]
#[test]
fn the_emulator_key_pair_is_the_emulators() {
    assert_eq!(EMULATOR_API_KEY, smile_sandbox::config::DEFAULT_API_KEY);
    assert_eq!(
        EMULATOR_API_SECRET,
        smile_sandbox::config::DEFAULT_API_SECRET
    );
}

fn secrets_file(content: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secrets.env");
    std::fs::write(&path, content).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    (dir, path)
}

#[test]
fn secrets_come_from_the_file_and_the_environment_wins() {
    let (_dir, path) = secrets_file(
        "# Smile sandbox\nSMILE_API_KEY=file-key\n\nexport SMILE_API_SECRET=\"file-secret\"\nSMILE_WEBHOOK_SECRET = file-webhook\n",
        0o600,
    );
    let path_arg = path.display().to_string();
    let mut config = parse(&[
        "--smile-mode",
        "sandbox",
        "--public-url",
        "https://loans.example.com",
        "--smile-api-key",
        "flag-key",
        "--secrets-file",
        &path_arg,
    ]);
    std::fs::write(
        &path,
        format!(
            "{}WINK_REPORT_SIGNING_KEY={REPORT_KEY}\n",
            std::fs::read_to_string(&path).unwrap()
        ),
    )
    .unwrap();
    let from_file = config.load_secrets_file().unwrap();
    assert_eq!(
        config.smile.smile_api_key.as_ref().unwrap().expose(),
        "flag-key"
    );
    assert_eq!(
        config.smile.smile_api_secret.as_ref().unwrap().expose(),
        "file-secret"
    );
    assert_eq!(
        config.smile.smile_webhook_secret.as_ref().unwrap().expose(),
        "file-webhook"
    );
    assert_eq!(
        from_file,
        [
            "SMILE_API_SECRET",
            "SMILE_WEBHOOK_SECRET",
            "WINK_REPORT_SIGNING_KEY"
        ]
    );
    assert!(config.validate().is_ok());
}

#[cfg(unix)]
#[test]
fn a_secrets_file_others_may_read_is_refused_naming_the_file_not_its_content() {
    for mode in [0o644, 0o640, 0o604, 0o660] {
        let (_dir, path) = secrets_file("SMILE_API_SECRET=very-secret-value\n", mode);
        let mut config = parse(&["--secrets-file", &path.display().to_string()]);
        let message = config.load_secrets_file().unwrap_err().to_string();
        assert!(message.starts_with("WINK_SECRETS_FILE: "), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(!message.contains("very-secret-value"), "{message}");
        assert!(config.smile.smile_api_secret.is_none());
    }
}

#[test]
fn a_bad_or_missing_secrets_file_is_named_never_quoted() {
    let (_dir, path) = secrets_file("SMILE_API_SECRET=ok\nSMILE_API_SECRT=typo-value\n", 0o600);
    let mut config = parse(&["--secrets-file", &path.display().to_string()]);
    let message = config.load_secrets_file().unwrap_err().to_string();
    assert!(message.contains("line 2"), "{message}");
    assert!(
        !message.contains("typo-value") && !message.contains("SMILE_API_SECRT"),
        "{message}"
    );
    let (_dir, path) = secrets_file("just-a-secret-on-its-own\n", 0o600);
    let mut config = parse(&["--secrets-file", &path.display().to_string()]);
    let message = config.load_secrets_file().unwrap_err().to_string();
    assert!(
        message.contains("line 1") && !message.contains("just-a-secret"),
        "{message}"
    );

    let mut config = parse(&["--secrets-file", "/nonexistent/secrets.env"]);
    let message = config.load_secrets_file().unwrap_err().to_string();
    assert!(
        message.starts_with("WINK_SECRETS_FILE: /nonexistent/secrets.env"),
        "{message}"
    );
}

#[test]
fn effective_configuration_lists_every_variable_with_secrets_redacted() {
    let mut config = with(
        &PRODUCTION,
        &[
            "--demo-officer-password",
            "pw-000",
            "--database-url",
            "postgres://wink:dbpass@db.internal:5432/wink",
        ],
    );
    config.smile.smile_webhook_secret = None;
    let effective = config.effective();
    let names: Vec<&str> = effective.iter().map(|(name, _)| name.as_str()).collect();
    use clap::CommandFactory;
    for arg in Config::command().get_arguments() {
        if let Some(env) = arg.get_env() {
            let env = env.to_str().unwrap();
            assert!(names.contains(&env), "{env} is missing from check-config");
        }
    }
    let value = |name: &str| {
        effective
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(value("SMILE_API_KEY"), REDACTED);
    assert_eq!(value("SMILE_API_SECRET"), REDACTED);
    assert_eq!(value("WINK_DEMO_OFFICER_PASSWORD"), REDACTED);
    assert_eq!(value("WINK_REPORT_SIGNING_KEY"), REDACTED);
    assert_eq!(
        value("SMILE_WEBHOOK_SECRET"),
        "",
        "unset stays visible as unset"
    );
    assert_eq!(
        value("SMILE_BASE_URL"),
        smile_api::hosts::PRODUCTION_BASE_URL
    );
    assert_eq!(value("WINK_COOKIE_SECURE"), "true");
    assert_eq!(
        value("DATABASE_URL"),
        "postgres://wink:[REDACTED]@db.internal:5432/wink"
    );
    let all = format!("{effective:?}");
    for secret in ["k-123", "s-456", "pw-000", "dbpass", REPORT_KEY] {
        assert!(!all.contains(secret), "{all}");
    }
}

#[test]
fn every_setting_is_listed_from_its_own_field() {
    use clap::CommandFactory;
    let serde_json::Value::Object(fields) = serde_json::to_value(parse(&[])).unwrap() else {
        panic!("the configuration serializes to a map");
    };
    let ids: Vec<String> = Config::command()
        .get_arguments()
        .filter(|arg| arg.get_env().is_some())
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in &ids {
        assert!(fields.contains_key(id), "{id} has no value to list");
    }
    assert_eq!(
        fields.len(),
        ids.len(),
        "a field without a variable: {fields:?}"
    );
}

#[test]
fn the_readme_table_is_generated_from_the_settings() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(
        readme.contains(&readme_table()),
        "the README's settings table drifted: regenerate it with \
         `cargo run -p wink-server -- check-config --readme-table`, pasted over the table \
         and its two comments"
    );
}

#[test]
fn a_bad_value_is_named_by_its_variable() {
    let err = Config::try_parse_from(["wink-server", "--addr", "localhost-ish"]).unwrap_err();
    assert!(err.to_string().contains("WINK_ADDR"), "{err}");
}

#[test]
fn real_modes_need_a_report_signing_key_and_emulator_mode_makes_one() {
    let config = parse(&PRODUCTION[..10]);
    assert_eq!(
        refused(&config),
        "WINK_REPORT_SIGNING_KEY must be set in production mode"
    );
    let emulator = parse(&[]);
    assert!(emulator.validate().is_ok());
    let first = emulator.reports.key_ring(Mode::Emulator).unwrap();
    let second = emulator.reports.key_ring(Mode::Emulator).unwrap();
    assert_ne!(first.key_id(), second.key_id(), "a fresh key per start");
    assert!(emulator.reports.trusted_keys().unwrap().is_empty());
    let configured = with(&PRODUCTION, &[]);
    assert_eq!(
        configured
            .reports
            .key_ring(Mode::Production)
            .unwrap()
            .key_id(),
        configured
            .reports
            .key_ring(Mode::Production)
            .unwrap()
            .key_id()
    );
}

#[test]
fn a_bad_report_key_is_named_never_quoted() {
    let short = "c2hvcnQta2V5LXZhbHVl";
    let config = with(&PRODUCTION[..10], &["--report-signing-key", short]);
    let message = refused(&config);
    assert!(
        message.starts_with("WINK_REPORT_SIGNING_KEY: "),
        "{message}"
    );
    assert!(!message.contains(short), "{message}");
    let err = Config::try_parse_from(["wink-server", "--report-retired-keys", "AAAA"]).unwrap_err();
    assert!(
        err.to_string().contains("WINK_REPORT_RETIRED_KEYS"),
        "{err}"
    );
}

#[test]
fn retired_keys_are_trusted_and_listed() {
    use crate::report_signing::keys::{encode_public_key, parse_signing_key};
    let retired = encode_public_key(&parse_signing_key(REPORT_KEY).unwrap().verifying_key());
    let config = parse(&["--report-retired-keys", &retired]);
    let trusted = config.reports.trusted_keys().unwrap();
    assert_eq!(trusted.published().keys.len(), 1);
    let listed = config
        .effective()
        .into_iter()
        .find(|(name, _)| name == "WINK_REPORT_RETIRED_KEYS")
        .unwrap()
        .1;
    assert_eq!(listed, retired);
}
