//! `cargo xtask pg`: the throwaway PostgreSQL cluster the tests use, kept up until Ctrl-C so
//! the server's PostgreSQL tests can be run by hand against it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Result};

use crate::postgres::Postgres;

pub fn run() -> Result<()> {
    // Registered first, so a Ctrl-C during start-up still ends in the clean-up below.
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))?;

    let pg = Postgres::start()?;
    let admin = pg.admin_url();
    println!(
        "\n  admin URL: {admin}\n  \
         server log: {log}\n\n  \
         export WINK_TEST_POSTGRES_URL={admin}\n\n  \
         e.g. WINK_TEST_POSTGRES_URL={admin} cargo test -p wink-server\n  \
         or a database for wink-server: psql {admin} -c 'CREATE DATABASE wink'\n  \
         then DATABASE_URL={db}\n\n  \
         Ctrl-C stops the cluster and deletes its data.\n",
        log = pg.dir().join("log").display(),
        db = pg.url("wink"),
    );

    let pid_file = pg.dir().join("postmaster.pid");
    while !stop.load(Ordering::SeqCst) {
        if !pid_file.exists() {
            let log = std::fs::read_to_string(pg.dir().join("log")).unwrap_or_default();
            drop(pg);
            bail!("PostgreSQL stopped by itself; its log:\n{}", log.trim_end());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(pg);
    println!("stopped PostgreSQL and deleted its data.");
    Ok(())
}
