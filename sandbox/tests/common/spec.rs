//! Checks a JSON value against a schema of Smile's spec (the committed
//! `smile/tests/fixtures/openapi-data.json`), for the parts of OpenAPI 3.0 the spec uses:
//! `$ref`, `type`, `nullable`, `enum`, `required`, `properties`, `items`, `allOf`,
//! `oneOf` (by its discriminator) and `minimum`/`maximum`.

use std::sync::LazyLock;

use serde_json::Value;

static SPEC: LazyLock<Value> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../smile/tests/fixtures/openapi-data.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("the spec fixture"))
        .expect("the spec fixture is JSON")
});

/// Panics with every place `value` departs from the schema `name`.
pub fn assert_conforms(name: &str, value: &Value) {
    let mut problems = Vec::new();
    check(&named(name), value, name, &mut problems);
    assert!(problems.is_empty(), "{name}: {problems:#?}\n{value:#}");
}

fn named(name: &str) -> Value {
    SPEC["components"]["schemas"][name].clone()
}

fn resolve(schema: &Value) -> Value {
    match schema["$ref"].as_str() {
        Some(reference) => resolve(&named(
            reference.trim_start_matches("#/components/schemas/"),
        )),
        None => schema.clone(),
    }
}

fn check(schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(schema);
    if value.is_null() {
        let nullable = schema["nullable"] == true
            || schema["enum"]
                .as_array()
                .is_some_and(|e| e.contains(&Value::Null));
        if !nullable && schema.get("type").is_some() {
            problems.push(format!("{at}: null"));
        }
        return;
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        check(part, value, at, problems);
    }
    if let Some(choices) = schema["oneOf"].as_array() {
        let property = schema["discriminator"]["propertyName"].as_str();
        let mapped = property
            .and_then(|p| value[p].as_str())
            .and_then(|tag| schema["discriminator"]["mapping"][tag].as_str());
        match mapped {
            Some(reference) => check(&serde_json::json!({"$ref": reference}), value, at, problems),
            None => {
                let fits = choices.iter().any(|c| {
                    let mut own = Vec::new();
                    check(c, value, at, &mut own);
                    own.is_empty()
                });
                if !fits {
                    problems.push(format!("{at}: matches no oneOf choice"));
                }
            }
        }
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            problems.push(format!("{at}: {value} not in {allowed:?}"));
        }
    }
    let type_ok = match schema["type"].as_str() {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("number") => value.is_number(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !type_ok {
        problems.push(format!("{at}: {value} is not {}", schema["type"]));
        return;
    }
    if let Some(n) = value.as_f64() {
        if schema["minimum"].as_f64().is_some_and(|min| n < min)
            || schema["maximum"].as_f64().is_some_and(|max| n > max)
        {
            problems.push(format!("{at}: {n} out of range"));
        }
    }
    for field in schema["required"].as_array().into_iter().flatten() {
        let field = field.as_str().unwrap_or_default();
        if value.get(field).is_none() {
            problems.push(format!("{at}: missing {field}"));
        }
    }
    if let (Some(properties), Some(object)) = (schema["properties"].as_object(), value.as_object())
    {
        for (field, item) in object {
            if let Some(property) = properties.get(field) {
                check(property, item, &format!("{at}.{field}"), problems);
            }
        }
    }
    if let Some(items) = value.as_array() {
        for (i, item) in items.iter().enumerate() {
            check(&schema["items"], item, &format!("{at}[{i}]"), problems);
        }
    }
}
