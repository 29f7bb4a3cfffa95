//! `cargo xtask layers`: the module graph of each crate, from its `crate::` paths, must
//! have no circle; in the server, only `http` (and the crate root) may name `http`, and
//! `db` names no domain module. Part of `cargo xtask test`'s style step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::root;

/// The crates whose `src/` is checked.
const CRATES: [&str; 7] = ["server", "sandbox", "smile", "api", "web", "officer", "."];

/// Modules of the server that `db` may name (everything else is a layer above it).
const DB_MAY_NAME: [&str; 1] = ["db"];

pub fn run() -> Result<()> {
    let mut problems = Vec::new();
    for krate in CRATES {
        let src = root().join(krate).join("src");
        let graph = Graph::of(&src).with_context(|| format!("reading {}", src.display()))?;
        for circle in graph.circles() {
            problems.push(format!(
                "{krate}: these modules import each other in a circle: {}",
                circle.join(", ")
            ));
        }
        if krate == "server" {
            for (from, to) in &graph.edges {
                if to.contains("http") && from != "http" {
                    problems.push(format!("server: `{from}` imports the HTTP layer"));
                }
                if from == "db" {
                    for name in to.iter().filter(|m| !DB_MAY_NAME.contains(&m.as_str())) {
                        problems.push(format!("server: `db` imports `{name}`"));
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        bail!("module layering:\n  {}", problems.join("\n  "));
    }
    println!(
        "module layering: no import circle in {} crates",
        CRATES.len()
    );
    Ok(())
}

/// Top-level module -> the top-level modules it names through `crate::`.
struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    fn of(src: &Path) -> Result<Self> {
        let root_file = ["lib.rs", "main.rs"]
            .iter()
            .map(|f| src.join(f))
            .find(|p| p.exists())
            .context("no lib.rs or main.rs")?;
        let aliases = reexports(&std::fs::read_to_string(&root_file)?);
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in rust_files(src)? {
            let Some(module) = top_module(src, &file) else {
                continue;
            };
            let text = std::fs::read_to_string(&file)?;
            let named = edges.entry(module.clone()).or_default();
            for name in crate_paths(&text) {
                let name = aliases.get(&name).cloned().unwrap_or(name);
                if name != module {
                    named.insert(name);
                }
            }
        }
        Ok(Graph { edges })
    }

    /// Every group of more than one module that reach each other (a strongly connected
    /// component), sorted by name.
    fn circles(&self) -> Vec<Vec<String>> {
        let mut circles = Vec::new();
        let mut seen = BTreeSet::new();
        for start in self.edges.keys() {
            if seen.contains(start) {
                continue;
            }
            let group: BTreeSet<&String> = self
                .edges
                .keys()
                .filter(|other| self.reaches(start, other) && self.reaches(other, start))
                .collect();
            if group.len() > 1 {
                seen.extend(group.iter().map(|m| (*m).clone()));
                circles.push(group.into_iter().cloned().collect());
            }
        }
        circles
    }

    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut stack = vec![from];
        let mut visited = BTreeSet::new();
        while let Some(module) = stack.pop() {
            for next in self.edges.get(module).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if visited.insert(next.as_str()) {
                    stack.push(next);
                }
            }
        }
        false
    }
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    Ok(files)
}

/// `src/review/detail.rs` -> `review`; the crate root itself -> `None`.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The first segment of every `crate::a::…` path and `use crate::{a, b::c}` group.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').filter_map(first_segment));
        } else if let Some(name) = first_segment(rest) {
            names.insert(name);
        }
    }
    names
}

fn first_segment(path: &str) -> Option<String> {
    let name: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty() && name != "self").then_some(name)
}

/// `pub use state::{AppState, StateError};` -> AppState => state, StateError => state.
fn reexports(root: &str) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    for line in root.lines().map(str::trim) {
        let Some(path) = line
            .strip_prefix("pub use ")
            .and_then(|l| l.strip_suffix(';'))
        else {
            continue;
        };
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let local = item.rsplit(" as ").next().unwrap_or(item).trim();
            let local = local.rsplit("::").next().unwrap_or(local);
            if !local.is_empty() {
                aliases.insert(local.to_owned(), module.to_owned());
            }
        }
    }
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> Graph {
        let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in edges {
            map.entry((*from).into()).or_default().insert((*to).into());
            map.entry((*to).into()).or_default();
        }
        Graph { edges: map }
    }

    #[test]
    fn a_circle_is_found_and_a_chain_is_not() {
        assert!(graph(&[("http", "review"), ("review", "db")])
            .circles()
            .is_empty());
        let circles = graph(&[
            ("state", "summary"),
            ("summary", "state"),
            ("http", "state"),
        ])
        .circles();
        assert_eq!(circles, vec![vec!["state", "summary"]]);
    }

    #[test]
    fn paths_groups_and_reexports_are_read() {
        let names = crate_paths(
            "use crate::db::{self, Db};\nuse crate::{AppState, review::detail};\nlet x = crate::metrics::install();",
        );
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["AppState", "db", "metrics", "review"]
        );
        let aliases = reexports(
            "pub use state::{AppState, StateError};\npub use http::{app, metrics_app as m};",
        );
        assert_eq!(aliases["AppState"], "state");
        assert_eq!(aliases["m"], "http");
    }
}
