//! A crate's strengths, each stated only from evidence counted in its production code (see
//! `Ctx::observe` and `crate::evidence`), with its count and where it can be seen, and never when
//! a finding in the same crate says otherwise.

use std::collections::BTreeSet;

use super::group::Issue;
use super::text::{code, plural};
use crate::analyze::UNSAFE_OBSERVATION;
use crate::finding::Finding;
use crate::knowledge::evidence as ev;
use crate::scan::CrateSummary;

/// Evidence keys recorded by rules (`Ctx::observe`).
const EXPECT_WITH_REASON: &str = "allow-attribute/expect-with-reason";
const ALLOW_SEEN: &str = "allow-attribute/allow";
const BOUNDED_CHANNEL: &str = "unbounded-channel/bounded";
const CHECKED_SQL_MACRO: &str = "sql-interpolation/checked-macro";
const POINTER_EXPORT: &str = "ffi-unchecked-pointer/pointer-export";

/// What the strengths of one crate are computed from.
pub struct Evidence<'a> {
    pub summary: &'a CrateSummary,
    /// Rules that ran in this scan.
    pub ran: &'a BTreeSet<&'static str>,
    /// This crate's production findings.
    pub issues: Vec<&'a Issue<'a>>,
    /// Its findings in fns nothing calls: not production, but the code is there, so they refute
    /// a strength as a production finding does ("all channels bounded" with one in a dead fn).
    pub unreachable: Vec<&'a Finding>,
}

impl Evidence<'_> {
    fn count(&self, key: &str) -> u64 {
        self.summary.observations.get(key).copied().unwrap_or(0)
    }

    /// ``(e.g. `src/queue.rs`)`` for the first file a counter was recorded in.
    fn seen_in(&self, keys: &[&str]) -> String {
        let mut files: Vec<&String> = keys
            .iter()
            .filter_map(|k| self.summary.observed_in.get(*k))
            .flatten()
            .collect();
        files.sort();
        files.dedup();
        match files.as_slice() {
            [] => String::new(),
            [one] => format!("; in {}", code(one)),
            [first, ..] => format!("; e.g. {}", code(first)),
        }
    }

    /// The rule ran and found nothing in this crate's production code (as a finding or as a
    /// facet of another rule's).
    fn clean(&self, rule: &str) -> bool {
        let found = self.issues.iter().any(|i| {
            i.rule == rule
                || i.instances
                    .iter()
                    .any(|inst| inst.facets.iter().any(|f| f.rule == rule))
        }) || self.unreachable.iter().any(|f| f.rule == rule);
        self.ran.contains(rule) && !found
    }

    /// No finding of the rule in this crate's production code, whether or not it ran (for rules
    /// that contradict a strength measured by other evidence).
    fn unrefuted_by(&self, rule: &str) -> bool {
        !self.ran.contains(rule) || self.clean(rule)
    }
}

pub fn strengths(e: &Evidence<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let files = e.summary.files - e.summary.test_files;
    // Skipped generated files (bindings, usually) may hold the `unsafe` the count did not see.
    if e.count(UNSAFE_OBSERVATION) == 0 && e.summary.generated_files == 0 {
        let forbid = e.count(ev::FORBID_UNSAFE);
        let enforced = if forbid > 0 {
            format!(
                ", enforced by `#![forbid(unsafe_code)]`{}",
                e.seen_in(&[ev::FORBID_UNSAFE])
            )
        } else {
            String::new()
        };
        out.push(format!(
            "**Zero `unsafe` code**: no `unsafe` block, fn, impl, trait or `extern` block in {files} production {}{enforced}",
            plural(files, "file", "files")
        ));
    }
    let bounded = e.count(BOUNDED_CHANNEL);
    if bounded > 0 && e.clean("unbounded-channel") {
        out.push(format!(
            "**All channels bounded**: {bounded} bounded {}, 0 unbounded{}",
            plural(bounded as usize, "channel", "channels"),
            e.seen_in(&[BOUNDED_CHANNEL])
        ));
    }
    let macros = e.count(CHECKED_SQL_MACRO);
    let literal = e.count(ev::SQL_LITERAL_QUERY);
    if macros + literal > 0 && e.clean("sql-interpolation") && e.unrefuted_by("sql-injection") {
        let mut parts = Vec::new();
        if macros > 0 {
            parts.push(format!(
                "{macros} compile-time checked `sqlx::query!`-family {}",
                plural(macros as usize, "macro", "macros")
            ));
        }
        if literal > 0 {
            parts.push(format!(
                "{literal} `sqlx::query(..)` {} with literal SQL text (not compile-time checked)",
                plural(literal as usize, "call", "calls")
            ));
        }
        out.push(format!(
            "**No runtime-built SQL**: {}, 0 interpolated{}",
            parts.join(" and "),
            e.seen_in(&[CHECKED_SQL_MACRO, ev::SQL_LITERAL_QUERY])
        ));
    }
    let contained = e.count(ev::CATCH_UNWIND);
    if contained > 0 {
        out.push(format!(
            "**Panics contained**: {contained} `catch_unwind` {}{}",
            plural(contained as usize, "call", "calls"),
            e.seen_in(&[ev::CATCH_UNWIND])
        ));
    }
    let request = e.count(ev::REQUEST_TIMEOUT);
    if request > 0 {
        out.push(format!(
            "**Request timeouts**: {request} `TimeoutLayer`{}",
            e.seen_in(&[ev::REQUEST_TIMEOUT])
        ));
    }
    let http = e.count(ev::HTTP_CLIENT_TIMEOUT);
    let grpc = e.count(ev::GRPC_CLIENT_TIMEOUT);
    if http + grpc > 0 && e.unrefuted_by("http-client-without-timeout") {
        let mut parts = Vec::new();
        if http > 0 {
            parts.push(format!(
                "HTTP (`reqwest`) client builders ({http} {})",
                plural(http as usize, "call", "calls")
            ));
        }
        if grpc > 0 {
            parts.push(format!(
                "gRPC (`tonic`) endpoints ({grpc} {})",
                plural(grpc as usize, "call", "calls")
            ));
        }
        out.push(format!(
            "**Client timeouts set**: `timeout`/`connect_timeout` on {}{}",
            parts.join(" and "),
            e.seen_in(&[ev::HTTP_CLIENT_TIMEOUT, ev::GRPC_CLIENT_TIMEOUT])
        ));
    }
    let constant_time = e.count(ev::CONSTANT_TIME_EQ);
    if constant_time > 0 {
        out.push(format!(
            "**Constant-time comparison**: {constant_time} {} (`subtle`, `constant_time_eq`, `ring`, `openssl::memcmp`){}",
            plural(constant_time as usize, "call", "calls"),
            e.seen_in(&[ev::CONSTANT_TIME_EQ])
        ));
    }
    let exports = e.count(POINTER_EXPORT);
    if exports > 0 && e.clean("ffi-unchecked-pointer") {
        out.push(format!(
            "**C exports check pointers before use**: {exports} exported `extern` {} taking \
             pointers, 0 dereferenced (`&*p`, `from_raw_parts`, `CStr::from_ptr`, `Box::from_raw`) \
             before a null check{}",
            plural(exports as usize, "fn", "fns"),
            e.seen_in(&[POINTER_EXPORT])
        ));
    }
    let strong = e.count(ev::RSA_KEY_STRONG);
    if strong > 0 && e.count(ev::RSA_KEY_UNPROVEN) == 0 {
        out.push(format!(
            "**RSA keys of at least {} bits**: {strong} key {}, each with a literal size{}",
            ev::MIN_RSA_BITS,
            plural(strong as usize, "generation", "generations"),
            e.seen_in(&[ev::RSA_KEY_STRONG])
        ));
    }
    let expects = e.count(EXPECT_WITH_REASON);
    if expects > 0 && e.count(ALLOW_SEEN) == 0 && e.clean("allow-attribute") {
        out.push(format!(
            "**Lint policy compliant**: {expects} `#[expect]` {} with reasons, 0 `#[allow]`{}",
            plural(expects as usize, "attribute", "attributes"),
            e.seen_in(&[EXPECT_WITH_REASON])
        ));
    }
    out
}
