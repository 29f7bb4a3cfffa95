//! W12: "verify + parse" of a webhook never panics, whatever the bytes: every input ends in
//! `Ok` or a typed error. This is what `POST /webhooks/smile` runs on untrusted input
//! ([`verify`] on the raw bytes, then [`Event::from_slice`]) and what its worker reads
//! afterwards (the event's type and user).
//!
//! A stable-toolchain stand-in for a fuzzer: 10,000 cases of arbitrary bytes and 10,000
//! mutations of valid envelopes (Smile's own examples from the webhooks reference, plus
//! a few of our own), each signed correctly so parsing is reached, or with a damaged
//! signature so it must be refused.

use std::cell::Cell;

use proptest::prelude::*;
use serde_json::Value;
use smile_api::{sign, verify, Event, EventType, SignatureError};

const SECRET: &[u8] = b"w12-webhook-secret";
const CASES: u32 = 10_000;

/// The JSON examples of Smile's webhooks reference (`cargo xtask fixtures`).
const WEBHOOK_EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/reference-webhook-examples.json"
);

/// Why an input was refused: the two typed errors of the pipeline.
#[derive(Debug)]
enum Refused {
    Signature(SignatureError),
    Parse(serde_json::Error),
}

/// The receiver's steps on one delivery, and what the worker reads from the event.
fn verify_and_parse(body: &[u8], header: Option<&str>) -> Result<Event, Refused> {
    verify(SECRET, body, header).map_err(Refused::Signature)?;
    let event = Event::from_slice(body).map_err(Refused::Parse)?;
    // What the receiver stores and the worker acts on must be readable for any Ok event.
    let _ = event.event_type().to_string();
    let _ = event.user_id();
    Ok(event)
}

/// Checks one input: no panic (proptest reports one as a failure), a correct signature is
/// never refused, and an accepted event serialises and parses back to itself.
fn check(body: &[u8], header: Option<&str>, correctly_signed: bool) -> Result<(), TestCaseError> {
    match verify_and_parse(body, header) {
        Ok(event) => {
            prop_assert!(correctly_signed, "accepted a bad signature");
            let wire: Value = serde_json::from_slice(body).expect("parsed once already");
            let event_type = event.event_type();
            prop_assert_eq!(event_type.as_str(), wire["type"].as_str().unwrap());
            let written = serde_json::to_vec(&event)
                .map_err(|e| TestCaseError::fail(format!("cannot serialise {event:?}: {e}")))?;
            let again = Event::from_slice(&written)
                .map_err(|e| TestCaseError::fail(format!("cannot re-read {event:?}: {e}")))?;
            let (first, second) = (
                serde_json::to_value(&event).unwrap(),
                serde_json::to_value(&again).unwrap(),
            );
            prop_assert!(same_json(&first, &second), "{first} became {second}");
        }
        Err(Refused::Signature(e)) => {
            prop_assert!(!correctly_signed, "refused a correct signature: {e}")
        }
        Err(Refused::Parse(e)) => {
            // Typed, with a message the receiver could log (it logs none of the body).
            prop_assert!(!e.to_string().is_empty());
        }
    }
    Ok(())
}

/// JSON equality, except that floats may differ in the last digits: serde_json (without
/// its `float_roundtrip` feature) may read a printed float back one ulp off, in the raw
/// `Value`s events carry for untyped parts. That is precision, not robustness.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Valid envelopes: the ```json blocks of Smile's webhooks reference, and a few shapes of
/// our own (an unknown type, the emulator's ids).
fn seeds() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(WEBHOOK_EXAMPLES)
        .unwrap_or_else(|e| panic!("cannot read {WEBHOOK_EXAMPLES}: {e}"));
    let examples: Vec<Value> = serde_json::from_str(&text).expect("the examples are JSON");
    let mut seeds: Vec<Vec<u8>> = examples
        .into_iter()
        .filter(|v| v.get("type").is_some())
        .map(|v| serde_json::to_vec(&v).unwrap())
        .collect();
    assert!(seeds.len() >= 20, "only {} reference events", seeds.len());
    seeds.push(
        br#"{"id":"et-1","version":1,"type":"PAYOUT_SENT","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-1","amount":[1,2.5,null]}}"#.to_vec(),
    );
    seeds.push(
        br#"{"id":"et-2","version":1,"type":"ACCOUNT_CONNECTED","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"emulator-0f","accountId":"a-1","loginName":"x@y.z","providers":["sss_ph"]}}"#.to_vec(),
    );
    for seed in &seeds {
        let header = sign(SECRET, seed);
        assert!(
            verify_and_parse(seed, Some(&header)).is_ok(),
            "seed does not parse: {}",
            String::from_utf8_lossy(seed)
        );
    }
    seeds
}

/// JSON values to plant in an envelope: wrong types, extremes, deep nesting.
fn odd_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::collection::vec(any::<char>(), 0..20)
            .prop_map(|c| Value::String(c.into_iter().collect())),
        proptest::sample::select(
            EventType::KNOWN
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect::<Vec<_>>()
        )
        .prop_map(Value::String),
        Just(Value::String("2026-02-30T25:61:61Z".into())),
        Just(Value::String(String::new())),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-zA-Z]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One change to an envelope, as JSON or as bytes.
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the value of a top-level key, or of a key of `data`.
    Set {
        in_data: bool,
        key: usize,
        value: Value,
    },
    /// Remove a top-level key or a key of `data`.
    Remove {
        in_data: bool,
        key: usize,
    },
    /// Swap the type for another (so `data` no longer fits it).
    Retype(String),
    FlipByte {
        at: usize,
        mask: u8,
    },
    InsertByte {
        at: usize,
        byte: u8,
    },
    Truncate {
        at: usize,
    },
    Nest {
        depth: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<bool>(), any::<usize>(), odd_value()).prop_map(|(in_data, key, value)| {
            Mutation::Set {
                in_data,
                key,
                value,
            }
        }),
        (any::<bool>(), any::<usize>())
            .prop_map(|(in_data, key)| Mutation::Remove { in_data, key }),
        proptest::sample::select(
            EventType::KNOWN
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect::<Vec<_>>()
        )
        .prop_map(Mutation::Retype),
        (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::FlipByte { at, mask }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::InsertByte { at, byte }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (1..5000usize).prop_map(|depth| Mutation::Nest { depth }),
    ]
}

fn object_key(object: &serde_json::Map<String, Value>, key: usize) -> Option<String> {
    (!object.is_empty()).then(|| object.keys().nth(key % object.len()).unwrap().clone())
}

fn apply(body: Vec<u8>, mutation: &Mutation) -> Vec<u8> {
    let as_json = |body: &[u8]| serde_json::from_slice::<Value>(body).ok();
    match mutation {
        Mutation::Set { in_data, key, .. } | Mutation::Remove { in_data, key }
            if as_json(&body).is_some() =>
        {
            let mut envelope = as_json(&body).unwrap();
            let target = if *in_data {
                envelope.get_mut("data")
            } else {
                Some(&mut envelope)
            };
            if let Some(Value::Object(object)) = target {
                if let Some(name) = object_key(object, *key) {
                    match mutation {
                        Mutation::Set { value, .. } => {
                            object.insert(name, value.clone());
                        }
                        _ => {
                            object.remove(&name);
                        }
                    }
                }
            }
            serde_json::to_vec(&envelope).unwrap()
        }
        Mutation::Retype(kind) => match as_json(&body) {
            Some(mut envelope) if envelope.is_object() => {
                envelope["type"] = Value::String(kind.clone());
                serde_json::to_vec(&envelope).unwrap()
            }
            _ => body,
        },
        Mutation::FlipByte { at, mask } if !body.is_empty() => {
            let mut body = body;
            let at = at % body.len();
            body[at] ^= mask;
            body
        }
        Mutation::InsertByte { at, byte } => {
            let mut body = body;
            body.insert(at % (body.len() + 1), *byte);
            body
        }
        Mutation::Truncate { at } => body[..at % (body.len() + 1)].to_vec(),
        Mutation::Nest { depth } => {
            // `data` wrapped in thousands of arrays: deeper than serde_json's recursion limit.
            let text = String::from_utf8_lossy(&body).into_owned();
            text.replacen("\"data\":", &format!("\"data\":{}", "[".repeat(*depth)), 1)
                .into_bytes()
                .into_iter()
                .chain(std::iter::repeat_n(b']', *depth))
                .collect()
        }
        _ => body,
    }
}

/// A header for `body`: its correct signature, or one damaged in a typed way.
#[derive(Clone, Debug)]
enum Header {
    Correct,
    Missing,
    Empty,
    WrongSecret,
    /// The correct signature with one hex digit changed.
    OneDigit(usize),
    Garbage(String),
}

fn header() -> impl Strategy<Value = Header> {
    prop_oneof![
        6 => Just(Header::Correct),
        1 => Just(Header::Missing),
        1 => Just(Header::Empty),
        1 => Just(Header::WrongSecret),
        1 => any::<usize>().prop_map(Header::OneDigit),
        1 => proptest::collection::vec(any::<char>(), 0..200)
            .prop_map(|c| Header::Garbage(c.into_iter().collect())),
    ]
}

/// The header value, and whether it is the body's correct signature.
fn header_for(body: &[u8], header: &Header) -> (Option<String>, bool) {
    let correct = sign(SECRET, body);
    match header {
        Header::Correct => (Some(correct), true),
        Header::Missing => (None, false),
        Header::Empty => (Some(String::new()), false),
        Header::WrongSecret => (Some(sign(b"not-the-secret", body)), false),
        Header::OneDigit(at) => {
            let mut digits: Vec<char> = correct.chars().collect();
            let at = at % digits.len();
            digits[at] = if digits[at] == '0' { '1' } else { '0' };
            (Some(digits.into_iter().collect()), false)
        }
        Header::Garbage(text) => {
            let valid = verify(SECRET, body, Some(text)).is_ok();
            (Some(text.clone()), valid)
        }
    }
}

/// How the cases ended, to show both paths were exercised (cells: the runner takes `Fn`).
#[derive(Debug, Default)]
struct Outcomes {
    accepted: Cell<u32>,
    bad_signature: Cell<u32>,
    unparsable: Cell<u32>,
}

impl Outcomes {
    fn count(&self, body: &[u8], header: Option<&str>) {
        let cell = match verify_and_parse(body, header) {
            Ok(_) => &self.accepted,
            Err(Refused::Signature(_)) => &self.bad_signature,
            Err(Refused::Parse(_)) => &self.unparsable,
        };
        cell.set(cell.get() + 1);
    }
}

/// Runs [`CASES`] cases of `strategy`: each makes a body and a header choice, which must be
/// accepted or refused without a panic (see [`check`]). A failing case panics with
/// proptest's minimal example; otherwise the tally is printed under `label` and returned.
fn run_cases<S: Strategy>(
    label: &str,
    strategy: S,
    body_of: impl Fn(S::Value) -> (Vec<u8>, Header),
) -> Outcomes {
    let outcomes = Outcomes::default();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: CASES,
        ..ProptestConfig::default()
    });
    let result = runner.run(&strategy, |case| {
        let (body, header) = body_of(case);
        let (value, correct) = header_for(&body, &header);
        check(&body, value.as_deref(), correct)?;
        outcomes.count(&body, value.as_deref());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    println!("{label}: {outcomes:?}");
    outcomes
}

#[test]
fn arbitrary_bytes_are_accepted_or_refused_never_a_panic() {
    let strategy = (proptest::collection::vec(any::<u8>(), 0..1024), header());
    let outcomes = run_cases("arbitrary bytes", strategy, |case| case);
    // Correctly signed random bytes reach the parser (and are refused there).
    assert!(outcomes.unparsable.get() > CASES / 3, "{outcomes:?}");
}

#[test]
fn mutated_envelopes_are_accepted_or_refused_never_a_panic() {
    let seeds = seeds();
    let strategy = (
        any::<proptest::sample::Index>(),
        proptest::collection::vec(mutation(), 1..4),
        header(),
    );
    let outcomes = run_cases(
        "mutated envelopes",
        strategy,
        |(seed, mutations, header)| {
            let seed = seeds[seed.index(seeds.len())].clone();
            (mutations.iter().fold(seed, apply), header)
        },
    );
    // Every path was taken many times: events that still parse (and must round-trip),
    // events the parser refuses, and signatures refused before any parsing.
    assert!(outcomes.accepted.get() > CASES / 100, "{outcomes:?}");
    assert!(outcomes.unparsable.get() > CASES / 20, "{outcomes:?}");
    assert!(outcomes.bad_signature.get() > CASES / 20, "{outcomes:?}");
}
