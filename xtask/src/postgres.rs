//! A private, throwaway PostgreSQL cluster for the tests and benches: its own data folder
//! under `<target>/pg/`, its own free port on 127.0.0.1, trust authentication for the
//! `wink` superuser, stopped and deleted when dropped.
//!
//! PostgreSQL refuses to run as root, so as root (CI) `initdb` and `pg_ctl` run as the
//! `postgres` system user that Debian's package creates; otherwise as the current user.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};

use crate::proc::{is_root, step};
use crate::target_dir;

/// The superuser `initdb` creates (no password: trust authentication, loopback only).
const USER: &str = "wink";
/// Where Debian installs each major version's server binaries.
const DEBIAN_PREFIX: &str = "/usr/lib/postgresql";
/// A Unix socket path may hold 107 bytes; `-k DIR` adds `/.s.PGSQL.NNNNN`.
const MAX_SOCKET_DIR: usize = 90;
/// PostgreSQL's environment variables that would point our tools at another server.
const PG_ENV: &[&str] = &[
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGDATABASE",
    "PGDATA",
    "PGOPTIONS",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSSLMODE",
];

/// A running throwaway cluster; dropping it stops the server and deletes its data folder.
pub struct Postgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    run_as: RunAs,
}

/// Who runs `initdb` and `pg_ctl`.
#[derive(Clone)]
enum RunAs {
    /// The current (non-root) user.
    Me,
    /// Root, switching to the `postgres` user with `runuser -u postgres --`.
    Runuser(PathBuf),
    /// Root without `runuser`: `su postgres -s /bin/sh -c '...'`.
    Su(PathBuf),
}

impl Postgres {
    /// Finds PostgreSQL's binaries (installing Debian's `postgresql` package when they are
    /// missing) and starts a fresh cluster. The error says why it could not.
    pub fn start() -> Result<Postgres> {
        let bin = match find_bin_dir() {
            Some(bin) => bin,
            None => {
                install()?;
                find_bin_dir().ok_or_else(|| {
                    anyhow!(
                        "Debian's postgresql package is installed, yet neither {DEBIAN_PREFIX}/*/bin \
                         nor `pg_config --bindir` holds initdb, pg_ctl and postgres"
                    )
                })?
            }
        };
        Self::start_with(bin)
    }

    /// Starts a fresh cluster with the binaries in `bin`.
    fn start_with(bin: PathBuf) -> Result<Postgres> {
        let run_as = run_as()?;
        remove_stale_clusters(&bin, &run_as);
        let dir = new_cluster_dir(&run_as)?;
        // From here on, dropping `cluster` (on any error below too) removes the folder.
        let mut cluster = Postgres {
            bin,
            dir,
            port: 0,
            run_as,
        };
        let dir = cluster.dir_str()?.to_owned();
        cluster.run_quietly(
            "initdb",
            &[
                "-D",
                &dir,
                "-A",
                "trust",
                "-U",
                USER,
                "-E",
                "UTF8",
                "--no-locale",
                // Throwaway: no need to wait for the disk here (the server itself runs
                // with fsync=on, so the benches measure durable commits).
                "--no-sync",
            ],
        )?;
        // The port is free when picked; another process may take it before the server
        // binds it, so try a few.
        let mut last = None;
        for _ in 0..3 {
            cluster.port = free_port()?;
            match cluster.pg_ctl_start() {
                Ok(()) => {
                    println!(
                        "PostgreSQL {}: throwaway cluster on 127.0.0.1:{} in {}",
                        cluster.version(),
                        cluster.port,
                        cluster.dir.display()
                    );
                    return Ok(cluster);
                }
                Err(err) => last = Some(err),
            }
        }
        Err(last.expect("tried at least once"))
    }

    /// The URL of the cluster's `postgres` database as its superuser `wink`.
    pub fn admin_url(&self) -> String {
        self.url("postgres")
    }

    /// Creates (or re-creates, empty) the database `name` and returns its URL.
    pub fn create_database(&self, name: &str) -> Result<String> {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            bail!("database name {name:?}: use lowercase letters, digits and _");
        }
        let out = self
            .psql()
            .args([
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                &self.admin_url(),
                "-c",
                &format!("DROP DATABASE IF EXISTS {name}"),
                "-c",
                &format!("CREATE DATABASE {name}"),
            ])
            .output()
            .context("could not run psql")?;
        check(&format!("psql: CREATE DATABASE {name}"), &out)?;
        Ok(self.url(name))
    }

    /// The cluster's data folder (its server log is `log` in it).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `psql` from the same installation, with no PG* variables from the environment.
    pub fn psql(&self) -> Command {
        let bundled = self.bin.join("psql");
        let mut command = Command::new(if bundled.is_file() {
            bundled
        } else {
            PathBuf::from("psql")
        });
        for var in PG_ENV {
            command.env_remove(var);
        }
        command
    }

    /// The URL of database `database` on this cluster (which may not exist yet).
    pub fn url(&self, database: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{database}", self.port)
    }

    fn dir_str(&self) -> Result<&str> {
        self.dir
            .to_str()
            .with_context(|| format!("{} is not UTF-8", self.dir.display()))
    }

    /// `15.18` from `postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`.
    fn version(&self) -> String {
        let out = self.command("postgres", &["--version"]).output();
        let text = match out {
            Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
            _ => String::new(),
        };
        text.split_whitespace()
            .find(|word| word.starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or("?")
            .to_owned()
    }

    fn pg_ctl_start(&self) -> Result<()> {
        let dir = self.dir_str()?;
        // pg_ctl hands -o to /bin/sh, hence the quoting.
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300",
            self.port,
            shell_quote(dir)
        );
        let log = format!("{dir}/log");
        let result = self.run_quietly(
            "pg_ctl start",
            &[
                "-w", "-t", "60", "-D", dir, "-l", &log, "-o", &options, "start",
            ],
        );
        result.map_err(|err| {
            let tail = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = tail.lines().rev().take(10).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            if tail.is_empty() {
                err
            } else {
                err.context(format!("server log ({log}):\n{}", tail.join("\n")))
            }
        })
    }

    /// Runs `initdb` or `pg_ctl` to completion, its output shown only when it fails.
    fn run_quietly(&self, what: &str, args: &[&str]) -> Result<()> {
        let program = what.split_whitespace().next().expect("a program");
        let out = self
            .command(program, args)
            .output()
            .with_context(|| format!("could not run {program}"))?;
        check(what, &out)
    }

    /// One of the cluster's binaries, run as the right user from `/` (the `postgres` user
    /// may not be allowed into the current folder).
    fn command(&self, program: &str, args: &[&str]) -> Command {
        run_as_command(&self.run_as, &self.bin.join(program), args)
    }

    fn stop(&mut self) {
        if self.dir.join("postmaster.pid").exists() {
            stop_server(&self.bin, &self.run_as, &self.dir);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The bin folder of the newest `/usr/lib/postgresql/<version>`, else `pg_config --bindir`,
/// when it holds the server's binaries.
fn find_bin_dir() -> Option<PathBuf> {
    let complete = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|program| dir.join(program).is_file())
    };
    let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(DEBIAN_PREFIX)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = parse_version(entry.file_name().to_str()?)?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| complete(bin))
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let out = Command::new("pg_config").arg("--bindir").output().ok()?;
    let bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    (out.status.success() && complete(&bin)).then_some(bin)
}

/// `15` → [15], `9.6` → [9, 6]; anything else is not a version folder.
fn parse_version(name: &str) -> Option<Vec<u32>> {
    name.split('.').map(|part| part.parse().ok()).collect()
}

/// `apt-get install -y --no-install-recommends postgresql` (after `apt-get update` only if
/// the first try fails), through `sudo -n` when not root.
fn install() -> Result<()> {
    let root = is_root();
    let sudo = !root && find_program("sudo").is_some();
    if find_program("apt-get").is_none() {
        bail!(
            "PostgreSQL's server binaries (initdb, pg_ctl, postgres) are not installed, and \
             there is no apt-get to install them with"
        );
    }
    if !root && !sudo {
        bail!(
            "PostgreSQL is not installed, and installing it needs root (there is no sudo): \
             run `apt-get install -y postgresql` as root"
        );
    }
    let apt = |args: &[&str]| {
        let mut command = if sudo {
            let mut c = Command::new("sudo");
            // sudo resets the environment, so pass the variable on the command line.
            c.args(["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            c
        } else {
            let mut c = Command::new("apt-get");
            c.env("DEBIAN_FRONTEND", "noninteractive");
            c
        };
        command.args(args);
        command
    };
    let prefix = if sudo { "sudo -n " } else { "" };
    let args = ["install", "-y", "--no-install-recommends", "postgresql"];
    let what = format!("{prefix}apt-get {}", args.join(" "));
    println!("PostgreSQL is not installed: installing Debian's postgresql package");
    if step(&what, &mut apt(&args)).is_ok() {
        return Ok(());
    }
    let update = format!("{prefix}apt-get update");
    step(&update, &mut apt(&["update"]))
        .map_err(|err| anyhow!("installing PostgreSQL failed: {err:#}"))?;
    step(&what, &mut apt(&args)).map_err(|err| anyhow!("installing PostgreSQL failed: {err:#}"))
}

/// The current user, or (as root) the `postgres` system user.
fn run_as() -> Result<RunAs> {
    if !is_root() {
        return Ok(RunAs::Me);
    }
    let exists = Command::new("id")
        .args(["-u", "postgres"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !exists {
        bail!(
            "running as root, and PostgreSQL refuses to run as root, but there is no \
             `postgres` user to run it as (Debian's postgresql package creates one)"
        );
    }
    if let Some(runuser) = find_program("runuser") {
        return Ok(RunAs::Runuser(runuser));
    }
    if let Some(su) = find_program("su") {
        return Ok(RunAs::Su(su));
    }
    bail!("running as root, and there is neither runuser nor su to run PostgreSQL as `postgres`")
}

fn run_as_command(run_as: &RunAs, program: &Path, args: &[&str]) -> Command {
    let mut command = match run_as {
        RunAs::Me => {
            let mut c = Command::new(program);
            c.args(args);
            c
        }
        RunAs::Runuser(runuser) => {
            let mut c = Command::new(runuser);
            c.args(["-u", "postgres", "--"]).arg(program).args(args);
            c
        }
        RunAs::Su(su) => {
            let mut line = format!("exec {}", shell_quote(&program.to_string_lossy()));
            for arg in args {
                line.push(' ');
                line.push_str(&shell_quote(arg));
            }
            let mut c = Command::new(su);
            c.args(["postgres", "-s", "/bin/sh", "-c", &line]);
            c
        }
    };
    command.current_dir("/");
    for var in PG_ENV {
        command.env_remove(var);
    }
    command
}

/// A new, empty folder for a cluster, named `<our pid>-<millis>` (so a later run can tell
/// when its owner is gone), under `<target>/pg/`, or under the temp folder when the
/// target folder's path is too long for the socket or (as root) `postgres` cannot use it.
fn new_cluster_dir(run_as: &RunAs) -> Result<PathBuf> {
    let mut why_not = Vec::new();
    for base in cluster_bases() {
        match try_cluster_dir(&base, run_as) {
            Ok(dir) => return Ok(dir),
            Err(err) => why_not.push(format!("{}: {err:#}", base.display())),
        }
    }
    bail!("no folder for the cluster: {}", why_not.join("; "))
}

fn cluster_bases() -> [PathBuf; 2] {
    [
        target_dir().join("pg"),
        std::env::temp_dir().join("wink-pg"),
    ]
}

fn try_cluster_dir(base: &Path, run_as: &RunAs) -> Result<PathBuf> {
    std::fs::create_dir_all(base).with_context(|| format!("cannot create {}", base.display()))?;
    let dir = loop {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        let dir = base.join(format!("{}-{millis}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => break dir,
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(err) => {
                return Err(err).with_context(|| format!("cannot create {}", dir.display()))
            }
        }
    };
    let checked = check_cluster_dir(&dir, run_as);
    if checked.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    checked.map(|()| dir)
}

fn check_cluster_dir(dir: &Path, run_as: &RunAs) -> Result<()> {
    let path = dir
        .to_str()
        .with_context(|| format!("{} is not UTF-8", dir.display()))?;
    if path.len() > MAX_SOCKET_DIR {
        bail!("too long a path for PostgreSQL's Unix socket");
    }
    if matches!(run_as, RunAs::Me) {
        return Ok(());
    }
    let out = Command::new("chown")
        .args(["-R", "postgres:", path])
        .output()
        .context("could not run chown")?;
    check("chown -R postgres:", &out)?;
    // Every folder above must let `postgres` through.
    let usable = run_as_command(run_as, Path::new("test"), &["-w", path, "-a", "-x", path])
        .output()
        .is_ok_and(|out| out.status.success());
    if !usable {
        bail!("the postgres user cannot write there (a folder above is closed to it)");
    }
    Ok(())
}

/// Stops and deletes clusters left by runs that are gone (killed, or interrupted with
/// Ctrl-C): folders whose owner's pid no longer exists. Clusters of live runs (a
/// `cargo xtask pg` in another terminal, say) are left alone.
fn remove_stale_clusters(bin: &Path, run_as: &RunAs) {
    if !Path::new("/proc/self").exists() {
        return; // no way to tell a live owner from a dead one
    }
    for base in cluster_bases() {
        let Ok(entries) = std::fs::read_dir(&base) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(owner) = name
                .to_str()
                .and_then(|n| n.split_once('-'))
                .and_then(|(pid, _)| pid.parse::<u32>().ok())
            else {
                continue;
            };
            if Path::new(&format!("/proc/{owner}")).exists() {
                continue;
            }
            let dir = entry.path();
            if dir.join("postmaster.pid").exists() {
                stop_server(bin, run_as, &dir);
            }
            if std::fs::remove_dir_all(&dir).is_ok() {
                println!("removed a stale PostgreSQL cluster: {}", dir.display());
            }
        }
    }
}

/// `pg_ctl stop -m fast`, then `-m immediate` if that fails; quiet, best effort.
fn stop_server(bin: &Path, run_as: &RunAs, dir: &Path) {
    let Some(dir) = dir.to_str() else { return };
    for mode in ["fast", "immediate"] {
        let stopped = run_as_command(
            run_as,
            &bin.join("pg_ctl"),
            &["-D", dir, "-m", mode, "-w", "-t", "30", "stop"],
        )
        .output()
        .is_ok_and(|out| out.status.success());
        if stopped {
            return;
        }
    }
}

/// A TCP port on 127.0.0.1 that is free right now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot bind 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// An error naming the step and quoting its output when it failed.
fn check(what: &str, out: &Output) -> Result<()> {
    if out.status.success() {
        return Ok(());
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    bail!("{what} failed ({}):\n{}", out.status, text.trim_end())
}

/// A program on PATH, or in /usr/sbin or /sbin (not always on a user's PATH).
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// `it's` → `'it'\''s'`: one word for /bin/sh.
fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_versions_numerically_and_quotes_for_the_shell() {
        let mut versions: Vec<Vec<u32>> = ["9.6", "15", "10", "16"]
            .iter()
            .filter_map(|v| parse_version(v))
            .collect();
        versions.sort();
        assert_eq!(versions.last(), Some(&vec![16]));
        assert_eq!(parse_version("main"), None);
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    /// A real cluster (a few seconds); skipped when PostgreSQL is not installed (the test
    /// never installs it).
    #[test]
    fn starts_a_cluster_creates_a_database_and_cleans_up() {
        let Some(bin) = find_bin_dir() else {
            eprintln!("PostgreSQL is not installed; skipping");
            return;
        };
        let pg = Postgres::start_with(bin).expect("cluster starts");
        let dir = pg.dir().to_path_buf();
        assert!(dir.join("postmaster.pid").is_file());
        let url = pg.create_database("xtask_check").expect("database");
        assert!(url.ends_with("/xtask_check"), "{url}");
        let out = pg
            .psql()
            .args(["-X", "-At", "-d", &url, "-c", "select 1 + 1"])
            .output()
            .expect("psql runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2", "{out:?}");
        // Re-creating gives an empty database again.
        pg.create_database("xtask_check").expect("again");
        drop(pg);
        assert!(!dir.exists(), "{} is left behind", dir.display());
    }
}
