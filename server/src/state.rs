use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use wink_api::Mode;

use crate::Config;

/// What every handler can reach. Cheap to clone: everything is behind one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    mode: Mode,
    dist_dir: PathBuf,
    draining: AtomicBool,
}

impl AppState {
    pub fn new(config: &Config) -> Self {
        Self {
            inner: Arc::new(Inner {
                mode: config.smile_mode,
                dist_dir: config.dist_dir.clone(),
                draining: AtomicBool::new(false),
            }),
        }
    }

    pub fn mode(&self) -> Mode {
        self.inner.mode
    }

    pub fn dist_dir(&self) -> &Path {
        &self.inner.dist_dir
    }

    /// Marks the server as shutting down: `/readyz` turns 503 so a load balancer stops
    /// routing new requests here while in-flight ones finish.
    pub fn start_draining(&self) {
        self.inner.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.inner.draining.load(Ordering::SeqCst)
    }
}
