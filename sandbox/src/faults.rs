//! Fault knobs for tests: per-endpoint latency, scripted statuses, error rates and
//! `429 Retry-After` for requests; drop / duplicate / reorder / delay for webhooks.
//!
//! Rules are set through `/_emulator/faults` and `/_emulator/webhook-faults` (see
//! `routes/admin.rs`), applied to requests by `routes/fault_injection.rs`, and cleared by
//! `/_emulator/reset`.

use parking_lot::Mutex;
use std::collections::VecDeque;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use smile_api::EventType;

use crate::envelope::ApiError;

/// `Retry-After` sent with an injected 429 when the rule names none.
const DEFAULT_RETRY_AFTER_SECS: u64 = 1;

/// A request fault rule as posted to `/_emulator/faults`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleSpec {
    /// `"[METHOD ]/path"`; `*` or `{name}` matches one segment, a final `**` the rest;
    /// `"*"` alone matches everything. Paths are relative to the emulator's root.
    #[serde(default = "match_all")]
    pub endpoint: String,
    /// Added delay before the request is handled.
    #[serde(default)]
    pub latency_ms: u64,
    /// Statuses to answer with, one per matching request, in order; `200` lets that
    /// request through. Once used up the rule only adds latency.
    #[serde(default)]
    pub statuses: Vec<u16>,
    /// Probability (0–1) that a matching request fails with `error_status`.
    #[serde(default)]
    pub error_rate: f64,
    /// Status for `error_rate` failures (default 500).
    #[serde(default)]
    pub error_status: Option<u16>,
    /// `Retry-After` seconds on injected failures (429s get 1 s when unset).
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Seed for `error_rate`, for reproducible runs.
    #[serde(default)]
    pub seed: Option<u64>,
}

fn match_all() -> String {
    "*".to_owned()
}

/// A rule as `GET /_emulator/faults` shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleView {
    /// Rule id (for `DELETE /_emulator/faults/{id}`).
    pub id: String,
    /// The endpoint pattern.
    pub endpoint: String,
    /// Added latency.
    pub latency_ms: u64,
    /// Scripted statuses not used yet.
    pub remaining_statuses: Vec<u16>,
    /// Error probability.
    pub error_rate: f64,
    /// Status of random failures.
    pub error_status: u16,
    /// `Retry-After` on failures.
    pub retry_after: Option<u64>,
    /// Requests this rule has matched.
    pub matched: u64,
}

#[derive(Debug)]
struct Rule {
    id: String,
    pattern: Pattern,
    latency: Duration,
    statuses: VecDeque<StatusCode>,
    error_rate: f64,
    error_status: StatusCode,
    retry_after: Option<u64>,
    rng: fastrand::Rng,
    matched: u64,
}

/// Webhook faults, as put to `/_emulator/webhook-faults`. Each applies to every active
/// subscription.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct WebhookFaults {
    /// Events of these types are never delivered (`ALL_EVENTS`: every event).
    pub drop_event_types: Vec<EventType>,
    /// Events of these types are delivered twice (same id, same bytes).
    pub duplicate_event_types: Vec<EventType>,
    /// Deliver the events of one action (e.g. a whole link) in reverse order.
    pub reorder: bool,
    /// Wait this long before each first delivery attempt.
    pub delay_ms: u64,
}

impl WebhookFaults {
    fn hits(list: &[EventType], event_type: &EventType) -> bool {
        list.iter()
            .any(|t| t == event_type || *t == EventType::AllEvents)
    }

    /// Whether `event_type` is to be dropped.
    pub fn drops(&self, event_type: &EventType) -> bool {
        Self::hits(&self.drop_event_types, event_type)
    }

    /// Whether `event_type` is to be sent twice.
    pub fn duplicates(&self, event_type: &EventType) -> bool {
        Self::hits(&self.duplicate_event_types, event_type)
    }
}

/// Why a fault rule was refused.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// A status outside 100–599.
    #[error("status {0} is not an HTTP status")]
    BadStatus(u16),
    /// `errorRate` outside 0–1.
    #[error("errorRate must be between 0 and 1")]
    BadRate,
    /// An unparsable endpoint pattern.
    #[error("endpoint pattern `{0}` is not `[METHOD ]/path`")]
    BadPattern(String),
}

impl From<RuleError> for ApiError {
    fn from(e: RuleError) -> Self {
        ApiError::invalid(e.to_string())
    }
}

#[derive(Debug, Default)]
struct FaultState {
    rules: Vec<Rule>,
    next_id: u64,
    webhook: WebhookFaults,
}

/// All fault settings.
#[derive(Debug, Default)]
pub struct Faults {
    state: Mutex<FaultState>,
}

/// What the fault rules decided for one request.
#[derive(Debug, Default)]
pub struct Decision {
    /// Delay before answering.
    pub latency: Duration,
    /// An injected failure, if any.
    pub failure: Option<ApiError>,
}

fn status(code: u16) -> Result<StatusCode, RuleError> {
    StatusCode::from_u16(code)
        .ok()
        .filter(|_| (100..=599).contains(&code))
        .ok_or(RuleError::BadStatus(code))
}

impl Faults {
    /// Adds a rule; returns its view.
    pub fn add(&self, spec: RuleSpec) -> Result<RuleView, RuleError> {
        let pattern = Pattern::parse(&spec.endpoint)?;
        let statuses = spec
            .statuses
            .iter()
            .map(|s| status(*s))
            .collect::<Result<VecDeque<_>, _>>()?;
        if !(0.0..=1.0).contains(&spec.error_rate) {
            return Err(RuleError::BadRate);
        }
        let error_status = status(spec.error_status.unwrap_or(500))?;
        let mut state = self.state.lock();
        state.next_id += 1;
        let rule = Rule {
            id: format!("fault-{}", state.next_id),
            pattern,
            latency: Duration::from_millis(spec.latency_ms),
            statuses,
            error_rate: spec.error_rate,
            error_status,
            retry_after: spec.retry_after,
            rng: spec
                .seed
                .map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
            matched: 0,
        };
        let view = rule.view();
        state.rules.push(rule);
        Ok(view)
    }

    /// Every rule.
    pub fn rules(&self) -> Vec<RuleView> {
        self.state.lock().rules.iter().map(Rule::view).collect()
    }

    /// Deletes one rule; `false` if there was none with that id.
    pub fn remove(&self, id: &str) -> bool {
        let mut state = self.state.lock();
        let before = state.rules.len();
        state.rules.retain(|r| r.id != id);
        state.rules.len() != before
    }

    /// Deletes every request rule.
    pub fn clear_rules(&self) {
        self.state.lock().rules.clear();
    }

    /// Deletes everything, webhook faults included.
    pub fn clear(&self) {
        *self.state.lock() = FaultState::default();
    }

    /// The webhook faults.
    pub fn webhook(&self) -> WebhookFaults {
        self.state.lock().webhook.clone()
    }

    /// Replaces the webhook faults.
    pub fn set_webhook(&self, faults: WebhookFaults) {
        self.state.lock().webhook = faults;
    }

    /// Applies the rules to one request: latency adds up over matching rules; the first
    /// matching rule with a failure to give decides the status.
    pub fn decide(&self, method: &Method, path: &str) -> Decision {
        let mut decision = Decision::default();
        let mut state = self.state.lock();
        for rule in state
            .rules
            .iter_mut()
            .filter(|r| r.pattern.matches(method, path))
        {
            rule.matched += 1;
            decision.latency += rule.latency;
            let failure = match rule.statuses.pop_front() {
                Some(code) if code.is_success() => None,
                Some(code) => Some(code),
                None if rule.error_rate > 0.0 && rule.rng.f64() < rule.error_rate => {
                    Some(rule.error_status)
                }
                None => None,
            };
            if let (None, Some(status)) = (&decision.failure, failure) {
                let retry_after = rule
                    .retry_after
                    .or((status == StatusCode::TOO_MANY_REQUESTS)
                        .then_some(DEFAULT_RETRY_AFTER_SECS));
                decision.failure = Some(ApiError::Injected {
                    status,
                    retry_after,
                });
            }
        }
        decision
    }
}

impl Rule {
    fn view(&self) -> RuleView {
        RuleView {
            id: self.id.clone(),
            endpoint: self.pattern.source.clone(),
            latency_ms: u64::try_from(self.latency.as_millis()).unwrap_or(u64::MAX),
            remaining_statuses: self.statuses.iter().map(StatusCode::as_u16).collect(),
            error_rate: self.error_rate,
            error_status: self.error_status.as_u16(),
            retry_after: self.retry_after,
            matched: self.matched,
        }
    }
}

/// An endpoint pattern: an optional method and path segments.
#[derive(Debug)]
struct Pattern {
    source: String,
    method: Option<Method>,
    segments: Vec<String>,
    everything: bool,
}

impl Pattern {
    fn parse(source: &str) -> Result<Self, RuleError> {
        let trimmed = source.trim();
        let bad = || RuleError::BadPattern(source.to_owned());
        if trimmed.is_empty() || trimmed == "*" {
            return Ok(Pattern {
                source: "*".to_owned(),
                method: None,
                segments: Vec::new(),
                everything: true,
            });
        }
        let (method, path) = match trimmed.split_once(char::is_whitespace) {
            Some(("*", p)) => (None, p.trim()),
            Some((m, p)) => (
                Some(Method::from_bytes(m.to_ascii_uppercase().as_bytes()).map_err(|_| bad())?),
                p.trim(),
            ),
            None => (None, trimmed),
        };
        if !path.starts_with('/') {
            return Err(bad());
        }
        Ok(Pattern {
            source: trimmed.to_owned(),
            method,
            segments: split(path).map(str::to_owned).collect(),
            everything: false,
        })
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        if self.everything {
            return true;
        }
        if self.method.as_ref().is_some_and(|m| m != method) {
            return false;
        }
        let mut actual = split(path);
        for (i, want) in self.segments.iter().enumerate() {
            if want == "**" && i + 1 == self.segments.len() {
                return true;
            }
            let Some(have) = actual.next() else {
                return false;
            };
            let wildcard = want == "*" || (want.starts_with('{') && want.ends_with('}'));
            if !wildcard && want != have {
                return false;
            }
        }
        actual.next().is_none()
    }
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(endpoint: &str) -> RuleSpec {
        RuleSpec {
            endpoint: endpoint.to_owned(),
            ..RuleSpec::default()
        }
    }

    #[test]
    fn patterns_match_methods_and_segments() {
        let p = Pattern::parse("GET /v1/accounts/{id}").unwrap();
        assert!(p.matches(&Method::GET, "/v1/accounts/a-1"));
        assert!(!p.matches(&Method::DELETE, "/v1/accounts/a-1"));
        assert!(!p.matches(&Method::GET, "/v1/accounts"));
        assert!(!p.matches(&Method::GET, "/v1/accounts/a-1/payload"));
        let any = Pattern::parse("/v1/**").unwrap();
        assert!(any.matches(&Method::POST, "/v1/users"));
        assert!(!any.matches(&Method::POST, "/link/v1/accounts"));
        assert!(Pattern::parse("*").unwrap().matches(&Method::PUT, "/x"));
        assert!(Pattern::parse("GET v1").is_err());
    }

    #[test]
    fn scripted_statuses_are_used_in_order_then_pass() {
        let faults = Faults::default();
        let mut spec = rule("GET /v1/providers");
        spec.statuses = vec![503, 200, 429];
        faults.add(spec).unwrap();
        let status = |f: &Faults| match f.decide(&Method::GET, "/v1/providers").failure {
            Some(ApiError::Injected {
                status,
                retry_after,
            }) => Some((status.as_u16(), retry_after)),
            _ => None,
        };
        assert_eq!(status(&faults), Some((503, None)));
        assert_eq!(status(&faults), None);
        assert_eq!(status(&faults), Some((429, Some(1))));
        assert_eq!(status(&faults), None);
        assert!(faults.decide(&Method::GET, "/v1/users").failure.is_none());
    }

    #[test]
    fn seeded_error_rates_are_reproducible_and_bounded() {
        let run = || {
            let faults = Faults::default();
            let mut spec = rule("*");
            spec.error_rate = 0.5;
            spec.seed = Some(7);
            faults.add(spec).unwrap();
            (0..200)
                .map(|_| faults.decide(&Method::GET, "/v1/users").failure.is_some())
                .collect::<Vec<_>>()
        };
        let first = run();
        assert_eq!(first, run());
        let failures = first.iter().filter(|f| **f).count();
        assert!((60..140).contains(&failures), "{failures}");
    }

    #[test]
    fn bad_rules_are_refused() {
        let faults = Faults::default();
        let mut spec = rule("*");
        spec.statuses = vec![42];
        assert!(faults.add(spec).is_err());
        let mut spec = rule("*");
        spec.error_rate = 1.5;
        assert!(faults.add(spec).is_err());
        assert!(faults.rules().is_empty());
    }
}
