//! The track stage over the library: subjects (threads) and the follow-through of
//! actions, decisions and activities, kept in the store and brought up to date after
//! each ingest. The pure work is in `boardpack-track`.

use anyhow::Result;

use boardpack_track::{FollowUp, ItemKind, Status, ThreadDetail, ThreadSummary, Verdict};

use crate::Library;

/// Which follow-ups to list.
#[derive(Debug, Clone, Default)]
pub struct FollowFilter {
    /// Only this body's papers.
    pub body: Option<String>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<ItemKind>,
    /// Only these statuses (all when empty).
    pub status: Vec<Status>,
    /// Only open items (not reported).
    pub open: bool,
    /// Only items from this paper.
    pub paper: Option<i64>,
    /// The day statuses are computed for (ISO), normally today.
    pub as_of: String,
}

impl Library {
    /// The actions register (and, with `kinds`, the programme of activities), oldest
    /// paper first.
    pub fn follow_ups(&self, _filter: &FollowFilter) -> Result<Vec<FollowUp>> {
        Ok(Vec::new())
    }

    /// One follow-up by its id.
    pub fn follow_up(&self, _id: &str, _as_of: &str) -> Result<Option<FollowUp>> {
        Ok(None)
    }

    /// The subjects that recur (in at least two papers), most papers first.
    pub fn threads(&self, _body: Option<&str>) -> Result<Vec<ThreadSummary>> {
        Ok(Vec::new())
    }

    /// One subject's history, by key, name or alias.
    pub fn thread(&self, _name: &str) -> Result<Option<ThreadDetail>> {
        Ok(None)
    }

    /// Confirms or rejects a follow-up's link. With `target` (paper id, passage ord) the
    /// user names the paragraph that reports on it; without, the verdict is on the
    /// current link. Kept in the library; survives re-ingest.
    pub fn review_link(
        &self,
        _id: &str,
        _verdict: Verdict,
        _target: Option<(i64, u32)>,
    ) -> Result<()> {
        anyhow::bail!("not implemented yet")
    }

    /// Sets (or, with `None`, clears) a follow-up's status by hand.
    pub fn set_status(&self, _id: &str, _status: Option<Status>) -> Result<()> {
        anyhow::bail!("not implemented yet")
    }
}

/// Today's date (UTC) as ISO, for statuses.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    boardpack_track::iso_from_days((secs / 86_400) as i64)
}
