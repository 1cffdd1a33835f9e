//! Which aggregator partition owns a story, so that several aggregators share the writing of stories.
//!
//! Stories form across kinds, outlets and actors as reports arrive, so no subject known at extraction time
//! splits the events without splitting stories. What can be split is the work after routing: every partition
//! runs the whole desk over the whole events stream (the desk is deterministic, so all of them route every
//! report to the same story), and each encodes, stores and announces only the stories it owns. A story's
//! owner follows from its id alone, so ownership never moves and no partition needs to ask another.

use dateline_shared::ids::hash_parts;

/// One of `count` aggregator partitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    index: u32,
    count: u32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PartitionError {
    #[error("--partitions must be at least 1")]
    NoPartitions,
    #[error("--partition {index} is out of range: partitions are numbered 0 to {last}")]
    OutOfRange { index: u32, last: u32 },
}

impl Partition {
    pub fn new(index: u32, count: u32) -> Result<Self, PartitionError> {
        if count == 0 {
            return Err(PartitionError::NoPartitions);
        }
        if index >= count {
            return Err(PartitionError::OutOfRange {
                index,
                last: count - 1,
            });
        }
        Ok(Self { index, count })
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    pub fn count(&self) -> u32 {
        self.count
    }

    /// Whether this partition encodes, stores and announces the story.
    pub fn owns(&self, story_id: &str) -> bool {
        owner(story_id, self.count) == self.index
    }

    /// The key of this partition's lease and checkpoint: instances naming the same partition share them (one
    /// works, the others stand by).
    pub fn key(&self) -> String {
        dateline_shared::checkpoint::key(self.index, self.count)
    }
}

/// The partition, of `count`, that owns a story: a hash of its id, so stories spread evenly whatever their ids
/// look like, and the same on every machine and release (not `std`'s hasher, whose output may change).
pub fn owner(story_id: &str, count: u32) -> u32 {
    let hash = hash_parts(&[story_id]);
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    (u64::from_le_bytes(first) % u64::from(count.max(1))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_story_has_exactly_one_owner() {
        let partitions: Vec<Partition> = (0..3).filter_map(|i| Partition::new(i, 3).ok()).collect();
        for n in 0..500 {
            let id = format!("st-{n:016x}");
            let owners = partitions.iter().filter(|p| p.owns(&id)).count();
            assert_eq!(owners, 1, "{id} has {owners} owners");
        }
    }

    #[test]
    fn stories_spread_evenly_over_partitions() {
        let mut counts = [0usize; 4];
        for n in 0..4000 {
            let id = dateline_shared::ids::stable_id("st-", &[&n.to_string()]);
            counts[owner(&id, 4) as usize] += 1;
        }
        // 1,000 expected each; a fair hash stays within a few standard deviations (about 27).
        for (partition, count) in counts.iter().enumerate() {
            assert!(
                (850..=1150).contains(count),
                "partition {partition} owns {count} of 4000: {counts:?}"
            );
        }
    }

    #[test]
    fn one_partition_owns_everything() {
        let only = Partition::new(0, 1).expect("valid");
        assert!(only.owns("st-anything"));
        assert!(only.owns(""));
    }

    #[test]
    fn partition_numbers_are_checked() {
        assert_eq!(Partition::new(0, 0), Err(PartitionError::NoPartitions));
        assert_eq!(
            Partition::new(3, 3),
            Err(PartitionError::OutOfRange { index: 3, last: 2 })
        );
        assert_eq!(
            Partition::new(1, 3).map(|p| p.key()).as_deref(),
            Ok("aggregator-p1-of-3")
        );
    }
}
