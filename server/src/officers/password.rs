//! Officer passwords: Argon2id (the crate's defaults follow OWASP's minimums), hashed and
//! checked on the blocking pool so a login never stalls the async workers.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least {MIN_CHARS} characters")]
    TooShort,
    #[error("could not hash the password: {0}")]
    Hash(String),
}

pub const MIN_CHARS: usize = 12;

pub fn hash(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

pub async fn hash_blocking(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| PasswordError::Hash(e.to_string()))?
}

/// Argon2 verifications are capped per process: each takes 19 MiB and a core, so a flood of
/// sign-ins would otherwise fill the blocking pool (512 threads) and the memory with them.
/// Each check runs in working memory taken from a pool (one per permit at most) and given
/// back: the allocator would otherwise keep every thread's freed 19 MiB, and a flood's peak
/// grew to ~1 GiB with only four checks ever running at once.
pub struct Verifier {
    permits: Arc<Semaphore>,
    wait: std::time::Duration,
    counts: Arc<Counts>,
    memory: Arc<std::sync::Mutex<Vec<Vec<argon2::Block>>>>,
}

#[derive(Default)]
struct Counts {
    in_flight: AtomicUsize,
    peak: AtomicUsize,
}

/// Every permit stayed taken for as long as a sign-in may wait.
#[derive(Debug, thiserror::Error)]
#[error("every password check is busy")]
pub struct Busy;

impl Verifier {
    pub fn new(permits: usize, wait: std::time::Duration) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            wait,
            counts: Arc::default(),
            memory: Arc::default(),
        }
    }

    /// The process's verifier: two checks per core, a sign-in waits up to 2 s for one.
    pub fn global() -> &'static Verifier {
        static GLOBAL: OnceLock<Verifier> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            Verifier::new(2 * cores, std::time::Duration::from_secs(2))
        })
    }

    /// The most verifications this verifier ever ran at once.
    pub fn peak(&self) -> usize {
        self.counts.peak.load(Ordering::Relaxed)
    }

    /// Whether `password` matches `stored`; `stored = None` (no such officer) still spends
    /// the same time on a hash, so response times do not tell which emails exist.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, Busy> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        let counts = self.counts.clone();
        let pool = self.memory.clone();
        // The permit lives in the blocking task: a sign-in whose client went away still
        // holds it until its Argon2 is done, so the cap holds for the work, not the request.
        tokio::task::spawn_blocking(move || {
            let now = counts.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
            counts.peak.fetch_max(now, Ordering::Relaxed);
            let mut memory = pool
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop()
                .unwrap_or_default();
            let valid = check_in(&password, stored, &mut memory);
            pool.lock().unwrap_or_else(|e| e.into_inner()).push(memory);
            counts.in_flight.fetch_sub(1, Ordering::Relaxed);
            drop(permit);
            valid
        })
        .await
        .map_err(|_| Busy)
    }
}

/// Whether `password` matches `stored` (see [`Verifier::verify`], which callers go through).
pub async fn verify_blocking(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || check(&password, stored))
        .await
        .unwrap_or(false)
}

fn check(password: &str, stored: Option<String>) -> bool {
    let stored = stored.unwrap_or_else(|| DUMMY.clone());
    PasswordHash::new(&stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// [`check`] in caller-provided working memory (grown to the hash's size and kept).
fn check_in(password: &str, stored: Option<String>, memory: &mut Vec<argon2::Block>) -> bool {
    let stored = stored.unwrap_or_else(|| DUMMY.clone());
    let Ok(parsed) = PasswordHash::new(&stored) else {
        return false;
    };
    let (Ok(params), Ok(algorithm), Some(salt), Some(expected)) = (
        argon2::Params::try_from(&parsed),
        argon2::Algorithm::try_from(parsed.algorithm),
        parsed.salt,
        parsed.hash,
    ) else {
        return false;
    };
    let version = match parsed.version.map(argon2::Version::try_from) {
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
        None => argon2::Version::default(),
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), argon2::Block::default());
    }
    let expected = expected.as_bytes();
    let mut out = vec![0u8; expected.len()];
    let hashed = Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..])
        .is_ok();
    // Constant time: every byte compared.
    hashed
        && out.len() == expected.len()
        && out
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Hashed once per process (not per blocking thread: each would spend an Argon2 on it).
static DUMMY: LazyLock<String> =
    LazyLock::new(|| hash("not-a-password-of-anyone").unwrap_or_default());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_checked() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(matches!(hash("short"), Err(PasswordError::TooShort)));
    }

    #[tokio::test]
    async fn verification() {
        let stored = hash("correct horse battery").unwrap();
        assert!(verify_blocking("correct horse battery".into(), Some(stored.clone())).await);
        assert!(!verify_blocking("wrong horse battery".into(), Some(stored)).await);
        assert!(!verify_blocking("anything at all".into(), None).await);
    }

    #[test]
    fn checking_in_reused_memory_agrees_with_the_crate() {
        let stored = hash("correct horse battery").unwrap();
        let mut memory = Vec::new();
        for _ in 0..2 {
            assert!(check_in(
                "correct horse battery",
                Some(stored.clone()),
                &mut memory
            ));
            assert!(!check_in(
                "wrong horse battery",
                Some(stored.clone()),
                &mut memory
            ));
        }
        assert!(!check_in("anything at all", None, &mut memory));
        assert!(!check_in(
            "x",
            Some("$argon2id$garbage".into()),
            &mut memory
        ));
        assert_eq!(memory.len(), argon2::Params::default().block_count());
    }

    #[tokio::test]
    async fn a_full_verifier_answers_busy_after_its_wait() {
        let verifier = Verifier::new(1, std::time::Duration::from_millis(50));
        let held = verifier.permits.clone().acquire_owned().await.unwrap();
        assert!(verifier.verify("whatever".into(), None).await.is_err());
        drop(held);
        assert_eq!(
            verifier.verify("whatever".into(), None).await.ok(),
            Some(false)
        );
        assert_eq!(verifier.peak(), 1);
    }
}
