//! Data-sync tasks (`Task`, `task-…`): useful to reconcile missed webhooks.

use serde::{Deserialize, Serialize};

use crate::common::{Datapoint, DateTime, TaskType};
use crate::data::ItemMetadata;

wire_enum! {
    /// Task status. Mixed case on the wire, unlike the webhooks' `SUCCEEDED`/`FAILED`.
    pub enum TaskStatus {
        Started = "Started",
        Finished = "Finished",
    }
}

/// A data-sync task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// Task id.
    pub id: String,
    /// Kind of task.
    #[serde(rename = "type")]
    pub task_type: TaskType,
    /// Start time.
    pub started_at: DateTime,
    /// End time, once finished. Before that the spec leaves it out (it is not nullable)
    /// and its examples show `null`: both read as `None`.
    #[serde(default)]
    pub finished_at: Option<DateTime>,
    /// Status.
    pub status: TaskStatus,
    /// Data points saved; absent or `null` (a task not finished) reads as none.
    #[serde(
        default,
        alias = "dataPoints",
        deserialize_with = "crate::common::null_as_empty"
    )]
    pub datapoints: Vec<Datapoint>,
    /// Source of the task.
    pub metadata: ItemMetadata,
}
