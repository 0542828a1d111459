//! `--max-findings N`: which findings a text report lists when it may list only N. The most
//! severe are kept (so a high finding is never cut for a low one), shown in the usual path order.

use crate::finding::Finding;
use crate::scan::ScanResult;

pub struct Listing<'r> {
    /// In path order.
    pub shown: Vec<&'r Finding>,
    /// Active findings left out.
    pub hidden: usize,
    pub max: Option<usize>,
}

impl Listing<'_> {
    /// The line that says findings were left out, if any were.
    pub fn hidden_line(&self) -> Option<String> {
        let max = self.max?;
        (self.hidden > 0).then(|| {
            format!(
                "ferret: {} more finding{} not shown (--max-findings {max} lists the most severe first)",
                self.hidden,
                if self.hidden == 1 { "" } else { "s" }
            )
        })
    }
}

/// The active findings to list: all of them, or the `max` most severe.
pub fn listing(result: &ScanResult, max: Option<usize>) -> Listing<'_> {
    let active: Vec<&Finding> = result.active_findings().collect();
    let Some(limit) = max.filter(|&m| m < active.len()) else {
        return Listing {
            shown: active,
            hidden: 0,
            max,
        };
    };
    let mut order: Vec<usize> = (0..active.len()).collect();
    // Stable: equal severities keep their path order.
    order.sort_by_key(|&i| std::cmp::Reverse(active[i].severity));
    let mut kept: Vec<usize> = order.into_iter().take(limit).collect();
    kept.sort_unstable();
    Listing {
        hidden: active.len() - kept.len(),
        shown: kept.into_iter().map(|i| active[i]).collect(),
        max,
    }
}
