//! The database a benchmark runs on: the one `WINK_BENCH_DATABASE_URL` names (`cargo xtask
//! bench` makes a PostgreSQL one), else a fresh SQLite file in `dir`.

use std::path::Path;

use wink_server::db::Backend;

/// Its URL and the name to print beside the figures.
pub fn bench_database(dir: &Path) -> (String, Backend) {
    let url = std::env::var("WINK_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));
    let backend = Backend::of_url(&url).unwrap_or(Backend::Sqlite);
    (url, backend)
}
