//! The checkpoints of partitioned aggregators (`dateline_aggregator::partitioned`): one key per partition in
//! the bucket [`Names::partitions_bucket`](crate::Names::partitions_bucket), `aggregator-p{i}-of-{n}`, whose
//! value is the last events-stream sequence that partition has stored through, in decimal.
//!
//! The format lives here, not in the aggregator, because whoever waits for the pipeline to catch up
//! ([`crate::stage::wait_caught_up`]) reads the same keys.

/// The key of partition `index` of `count`: its checkpoint's and its lease's.
pub fn key(index: u32, count: u32) -> String {
    format!("aggregator-p{index}-of-{count}")
}

/// How many partitions the key's partitioning has (`None` for a key of another shape).
pub fn count_of(key: &str) -> Option<u32> {
    key.strip_prefix("aggregator-p")?
        .rsplit_once("-of-")?
        .1
        .parse()
        .ok()
}

/// The stream sequence a checkpoint value holds.
pub fn parse(value: &[u8]) -> Option<u64> {
    std::str::from_utf8(value).ok()?.trim().parse().ok()
}

/// A checkpoint's value.
pub fn encode(through: u64) -> bytes::Bytes {
    bytes::Bytes::from(through.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_read_back() {
        assert_eq!(key(1, 3), "aggregator-p1-of-3");
        assert_eq!(count_of(&key(1, 3)), Some(3));
        assert_eq!(count_of("aggregator"), None);
        assert_eq!(parse(&encode(4217)), Some(4217));
        assert_eq!(parse(b"not a number"), None);
    }
}
