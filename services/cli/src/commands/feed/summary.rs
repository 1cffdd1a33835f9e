//! What `dateline feed` says at the end of a run over thousands of files: the totals, then the rejections
//! grouped by reason — how many of each, with a few example inputs — instead of one line per rejection,
//! which nobody reads past the first screen.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dateline_ingest::formats::Rejection;
use dateline_ingest::publish::IngestReport;

/// Example inputs shown per reason.
pub const EXAMPLES: usize = 3;

/// Rejections of one reason.
#[derive(Debug, Default, PartialEq, Eq)]
struct Group {
    count: usize,
    /// The first few, in the order met.
    examples: Vec<String>,
}

/// The one-line totals, for stdout.
pub fn totals(report: &IngestReport, unreadable: usize) -> String {
    let mut line = format!(
        "accepted {}, duplicates {}, rejected {}, failed {}",
        report.accepted,
        report.duplicates,
        report.rejected.len(),
        report.failed.len()
    );
    if unreadable > 0 {
        let _ = write!(line, ", unreadable {unreadable}");
    }
    line
}

/// The details behind the totals, for stderr: rejections by reason (most frequent first), then inputs that
/// could not be read and articles NATS did not take, a few of each.
pub fn details(report: &IngestReport, unreadable: &[String]) -> String {
    let mut out = String::new();
    let groups = group(&report.rejected);
    if !groups.is_empty() {
        out.push_str("rejected, by reason:\n");
    }
    for (code, group) in groups {
        let _ = writeln!(out, "  {code}: {}", group.count);
        for example in &group.examples {
            let _ = writeln!(out, "    {example}");
        }
        more(&mut out, group.count, group.examples.len());
    }
    list(&mut out, "could not read", unreadable);
    let failed: Vec<String> = report.failed.iter().map(ToString::to_string).collect();
    list(&mut out, "not published (feed these again)", &failed);
    out
}

fn group(rejected: &[Rejection]) -> Vec<(&'static str, Group)> {
    let mut by_code: BTreeMap<&'static str, Group> = BTreeMap::new();
    for rejection in rejected {
        let group = by_code.entry(rejection.reason.code()).or_default();
        group.count += 1;
        if group.examples.len() < EXAMPLES {
            group.examples.push(rejection.to_string());
        }
    }
    let mut groups: Vec<_> = by_code.into_iter().collect();
    // Most frequent first; the code breaks ties so the order is stable.
    groups.sort_by(|(a_code, a), (b_code, b)| b.count.cmp(&a.count).then(a_code.cmp(b_code)));
    groups
}

fn list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}: {}", items.len());
    for item in items.iter().take(EXAMPLES) {
        let _ = writeln!(out, "  {item}");
    }
    more(out, items.len(), EXAMPLES.min(items.len()));
}

fn more(out: &mut String, count: usize, shown: usize) {
    if count > shown {
        let _ = writeln!(out, "    … and {} more", count - shown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_ingest::formats::RejectReason;

    fn rejection(input: &str, reason: RejectReason) -> Rejection {
        Rejection {
            input: input.to_owned(),
            reason,
        }
    }

    #[test]
    fn rejections_are_grouped_by_reason_most_frequent_first_with_examples() {
        let mut report = IngestReport {
            accepted: 1200,
            duplicates: 4,
            ..IngestReport::default()
        };
        for i in 1..=5 {
            report
                .rejected
                .push(rejection(&format!("wire/{i}.txt"), RejectReason::Empty));
        }
        report.rejected.push(rejection(
            "wire/feed.jsonl:17",
            RejectReason::MalformedJson("at line 1, column 12: expected `,` or `}`".into()),
        ));
        assert_eq!(
            totals(&report, 1),
            "accepted 1200, duplicates 4, rejected 6, failed 0, unreadable 1"
        );
        assert_eq!(
            details(&report, &["wire/locked.txt: permission denied".to_owned()]),
            "rejected, by reason:\n\
             \x20 empty: 5\n\
             \x20   wire/1.txt: empty body\n\
             \x20   wire/2.txt: empty body\n\
             \x20   wire/3.txt: empty body\n\
             \x20   … and 2 more\n\
             \x20 malformed_json: 1\n\
             \x20   wire/feed.jsonl:17: malformed JSON at line 1, column 12: expected `,` or `}`\n\
             could not read: 1\n\
             \x20 wire/locked.txt: permission denied\n"
        );
    }

    #[test]
    fn a_clean_run_has_no_details() {
        let report = IngestReport {
            accepted: 3,
            ..IngestReport::default()
        };
        assert_eq!(details(&report, &[]), "");
        assert_eq!(
            totals(&report, 0),
            "accepted 3, duplicates 0, rejected 0, failed 0"
        );
    }
}
