//! `cargo xtask fixtures`: extracts the data the tests read from Smile's material in
//! `../shared/smile/` into `smile/tests/fixtures/`, so a clone anywhere runs its tests
//! without that folder. Data only: the spec without its prose (descriptions, summaries,
//! titles), and the JSON examples of the webhooks reference.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::root;

/// Where the extracted data goes (committed).
pub const SPEC_DATA: &str = "smile/tests/fixtures/openapi-data.json";
pub const WEBHOOK_EXAMPLES: &str = "smile/tests/fixtures/reference-webhook-examples.json";

/// Keys whose values are prose, not data.
const PROSE: &[&str] = &["description", "summary", "title", "x-stoplight"];

pub fn run() -> Result<()> {
    let shared = root().join("../shared/smile");
    if !shared.is_dir() {
        bail!(
            "{} is not here: the fixtures are extracted from Smile's material beside the \
             repository (they are committed, so tests do not need it)",
            shared.display()
        );
    }
    let spec = read(&shared.join("openapi-v1.yaml"))?;
    let spec: serde_yaml::Value = serde_yaml::from_str(&spec).context("openapi-v1.yaml")?;
    let mut spec = serde_json::to_value(spec).context("the spec as JSON")?;
    strip_prose(&mut spec);
    write(&root().join(SPEC_DATA), &spec)?;

    let reference = read(&shared.join("reference-webhooks.md"))?;
    let examples = json_blocks(&reference)?;
    write(&root().join(WEBHOOK_EXAMPLES), &Value::Array(examples))?;
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &PathBuf, value: &Value) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Removes prose keys everywhere, except where a key of that name is data (a property or
/// a path parameter called `description`, say: inside `properties` and `examples`).
fn strip_prose(value: &mut Value) {
    strip(value, false);
}

fn strip(value: &mut Value, names_are_data: bool) {
    match value {
        Value::Object(map) => {
            if !names_are_data {
                map.retain(|key, _| !PROSE.contains(&key.as_str()));
            }
            for (key, child) in map.iter_mut() {
                // Property names and examples are data: keep their keys whatever they are.
                let data = matches!(
                    key.as_str(),
                    "properties" | "example" | "examples" | "x-examples" | "value"
                );
                if matches!(key.as_str(), "example" | "x-examples" | "value") {
                    continue; // examples verbatim
                }
                strip(child, data);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| strip(item, false)),
        _ => {}
    }
}

/// The ```json blocks of a Markdown text, each parsed.
fn json_blocks(text: &str) -> Result<Vec<Value>> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```json") => current = Some(String::new()),
            Some(block) if line.trim_start().starts_with("```") => {
                blocks.push(
                    serde_json::from_str(block)
                        .with_context(|| format!("a reference block is not JSON:\n{block}"))?,
                );
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    Ok(blocks)
}
