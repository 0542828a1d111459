//! Parse less: a file that contains none of the enabled rules' literals is not parsed at all, and
//! of the rest only the top-level items that contain a literal are. Parsing is nearly all of
//! ferret's cost, so this is where the speed comes from.
//!
//! Items are found by a cheap tokenizer that tracks bracket depth while stepping over comments,
//! strings and char literals. The text handed to the parser keeps every line in place (unselected
//! lines are emptied, not removed), so spans, lines and columns are those of the real file.

use std::borrow::Cow;
use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::lex::{skip_block_comment, skip_quoted};
use crate::rules::{LiteralScope, RuleMeta};

mod named;
use named::NamedLiterals;

/// Literals and patterns that say "a finding may be here".
#[derive(Default)]
struct Matcher {
    literals: Option<AhoCorasick>,
    patterns: Vec<Regex>,
    /// A listing matcher's `enum Name` and `name!` literals, found apart (`named`).
    named: NamedLiterals,
    /// The id of `enum ` in `literals`, when it stands for `named`'s enum names.
    enum_prefix: Option<aho_corasick::PatternID>,
}

impl Matcher {
    fn build(literals: &[&str], patterns: &[&str]) -> Result<Matcher, String> {
        Matcher::build_with(literals, patterns, literal_automaton)
    }

    /// A matcher whose literals' occurrences are listed ([`Matcher::literal_occurrences`]).
    /// Ranges tested against the list are whole lines, so while no literal spans a line break
    /// a leftmost-first search finds a match in every range that holds one (a match that hides
    /// an overlapping one lies on the same line), with SIMD pre-search; otherwise every
    /// overlapping occurrence is listed.
    fn build_listing(literals: &[&str], patterns: &[&str]) -> Result<Matcher, String> {
        if literals.iter().any(|l| l.contains('\n')) {
            return Matcher::build_with(literals, patterns, occurrence_automaton);
        }
        let (named, mut rest) = NamedLiterals::split(literals);
        let enum_prefix = named.has_enums().then(|| {
            rest.push(named::ENUM_PREFIX);
            aho_corasick::PatternID::must(rest.len() - 1)
        });
        Ok(Matcher {
            named,
            enum_prefix,
            ..Matcher::build(&rest, patterns)?
        })
    }

    fn build_with(
        literals: &[&str],
        patterns: &[&str],
        automaton: fn(&[&str]) -> Result<AhoCorasick, aho_corasick::BuildError>,
    ) -> Result<Matcher, String> {
        let literals = if literals.is_empty() {
            None
        } else {
            Some(automaton(literals).map_err(|e| e.to_string())?)
        };
        // Rules that share a prefilter (the taint rules' sources) list the same pattern each.
        let mut distinct: Vec<&str> = Vec::with_capacity(patterns.len());
        for p in patterns {
            if !distinct.contains(p) {
                distinct.push(p);
            }
        }
        let patterns = distinct
            .iter()
            .map(|p| Regex::new(p).map_err(|e| format!("bad prefilter pattern `{p}`: {e}")))
            .collect::<Result<_, _>>()?;
        Ok(Matcher {
            literals,
            patterns,
            named: NamedLiterals::default(),
            enum_prefix: None,
        })
    }

    fn is_empty(&self) -> bool {
        self.literals.is_none() && self.patterns.is_empty() && self.named.is_empty()
    }

    fn is_match(&self, text: &str) -> bool {
        if !self.named.is_empty() {
            return !self.literal_occurrences(text).is_empty()
                || self.patterns.iter().any(|re| re.is_match(text));
        }
        self.literals.as_ref().is_some_and(|ac| ac.is_match(text))
            || self.patterns.iter().any(|re| re.is_match(text))
    }

    /// Occurrences of the literals in `text` as byte ranges sorted by start: a range of whole
    /// lines holds a literal exactly when one of these lies inside it. Only for a matcher made
    /// by [`Matcher::build_listing`].
    fn literal_occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(ac) = &self.literals else {
            return self.named.macro_calls(text);
        };
        if ac.match_kind() != aho_corasick::MatchKind::Standard {
            let mut found = self.leftmost_occurrences(ac, text);
            let calls = self.named.macro_calls(text);
            if !calls.is_empty() {
                found.extend(calls);
                found.sort_unstable();
            }
            return found;
        }
        let mut found: Vec<(usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        found.sort_unstable();
        found
    }

    /// The leftmost-first matches of `ac` in `text`; `enum ` counts only where one of `named`'s
    /// enum names follows it, and the search goes on inside it where none does (a literal it
    /// hid may start there).
    fn leftmost_occurrences(&self, ac: &AhoCorasick, text: &str) -> Vec<(usize, usize)> {
        let Some(prefix) = self.enum_prefix else {
            return ac.find_iter(text).map(|m| (m.start(), m.end())).collect();
        };
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = ac.find(aho_corasick::Input::new(text).range(at..)) {
            if m.pattern() != prefix {
                found.push((m.start(), m.end()));
                at = m.end();
            } else if let Some(end) = self.named.enum_end(text, m.end()) {
                found.push((m.start(), end));
                at = m.end();
            } else {
                at = m.start() + 1;
            }
        }
        found
    }
}

/// An automaton that tells whether any of `literals` occurs: leftmost-first matching, which
/// lets aho-corasick use its SIMD pre-search (standard matching turns it off), as a DFA (above
/// 100 literals the crate's automatic choice is a slower NFA).
pub fn literal_automaton(literals: &[&str]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(literals)
}

/// An automaton that finds every occurrence of `literals`, overlapping ones too (standard
/// matching), as a DFA: the item literals (about 180) are searched in every byte of most files.
fn occurrence_automaton(literals: &[&str]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(literals)
}

/// Whether one of `occurrences` (sorted by start) lies inside `start..end`.
fn occurs_within(occurrences: &[(usize, usize)], start: usize, end: usize) -> bool {
    let first = occurrences.partition_point(|&(s, _)| s < start);
    occurrences[first..]
        .iter()
        .take_while(|&&(s, _)| s < end)
        .any(|&(_, e)| e <= end)
}

/// The literals of the enabled rules, split by how far a rule's evidence can reach.
pub struct Prefilter {
    /// A finding in an item implies a match of these in that same item.
    item: Matcher,
    /// `LiteralScope::Member` rules: a finding in a member of a block item implies a match of
    /// these in that member (or in the block's header).
    member: Matcher,
    /// Rules whose findings may depend on other items (through `use`, or file-wide state): a
    /// match anywhere means the whole file is parsed.
    file: Matcher,
    /// `LiteralScope::FileStrings` rules: a match inside one string literal means the whole
    /// file is parsed.
    in_strings: Matcher,
    /// What every match of `in_strings` inside a string literal implies of the whole text: its
    /// rules' `FileStrings` regexes, or their own literals and pattern.
    in_strings_implied: Matcher,
    /// `LiteralScope::FileWhere` rules: a match of the matcher in a file that matches every one
    /// of the regexes means the whole file is parsed.
    gated: Vec<(Matcher, Vec<Regex>)>,
    /// `LiteralScope::ItemOrFileUsing` and `ItemOrFileWhere` gates, tested only in a file where
    /// an item literal matched (their literals are item literals too): a file that holds one of
    /// the literals and matches the regex (for `ItemOrFileUsing`, names one of the crates in a
    /// `use` declaration) is parsed whole.
    using: Vec<(Matcher, Regex)>,
    /// Some enabled rule declared neither literal nor pattern: every file is parsed whole.
    disabled: bool,
    /// (gate, literal): item literals that count only in files containing their gate (a call of
    /// a workspace fn, `new(`, that can name that fn only where its type's name is written).
    gated_literals: Vec<(String, String)>,
    /// Crate (as paths write it) -> item literals that count only in that crate's files (calls
    /// of a macro that is not exported).
    crate_literals: HashMap<String, Vec<String>>,
    /// `LiteralScope::ItemGated` pairs: item literals that count only in files holding one of
    /// their gates (searched in one pass: a `contains` per gate read most files 19 times).
    rule_gated: Vec<(&'static str, Matcher)>,
    /// `LiteralScope::ItemWith` rules: their literals, and the words one of which must be in the
    /// same item (plus calls of workspace macros whose body holds one, added by
    /// [`Prefilter::with_companion_macros`]).
    companioned: Vec<(Matcher, Vec<String>)>,
    /// `LiteralScope::ItemsAlong` rules: their literals and pattern, their gates, and the items
    /// that come along with an item they select.
    along: Vec<Along>,
}

/// An `ItemsAlong` rule's selection.
struct Along {
    own: Matcher,
    gates: Vec<Regex>,
    along: Regex,
}

impl Along {
    fn build(meta: &RuleMeta, gates: &[&str], along: &str) -> Result<Along, String> {
        let regex = |p: &str| Regex::new(p).map_err(|e| format!("bad prefilter gate `{p}`: {e}"));
        Ok(Along {
            own: Matcher::build(meta.literals, meta.pattern.as_slice())?,
            gates: gates.iter().map(|g| regex(g)).collect::<Result<_, _>>()?,
            along: regex(along)?,
        })
    }

    /// Whether an item of `text` may be selected (the gates first, in the rule's order).
    fn selects_in(&self, text: &str) -> bool {
        self.gates.iter().all(|g| g.is_match(text)) && self.own.is_match(text)
    }
}

/// What of a file needs parsing.
pub enum Selection<'t> {
    /// Nothing in the file can produce a finding.
    Nothing,
    /// This text: the file itself, or the file with the lines of irrelevant items emptied.
    Parse(Cow<'t, str>),
}

impl Prefilter {
    /// From the rules that run, plus `extra_item_literals` (evidence the reports count).
    pub fn new(rules: &[&RuleMeta], extra_item_literals: &[&str]) -> Prefilter {
        Prefilter::with_file_literals(rules, extra_item_literals, &[])
    }

    /// As [`Prefilter::new`], plus literals that select a whole file (a call of a workspace fn
    /// whose findings may stand in another item of the caller's file).
    pub fn with_file_literals(
        rules: &[&RuleMeta],
        extra_item_literals: &[&str],
        extra_file_literals: &[&str],
    ) -> Prefilter {
        let mut item = (extra_item_literals.to_vec(), Vec::new());
        let mut member = (Vec::new(), Vec::new());
        let mut file = (extra_file_literals.to_vec(), Vec::new());
        let mut in_strings = (Vec::new(), Vec::new());
        let mut in_strings_implied = (Vec::new(), Vec::new());
        let mut gated = Vec::new();
        let mut using = Vec::new();
        let mut disabled = false;
        let mut rule_gated = Vec::new();
        let mut companioned = Vec::new();
        let mut along = Vec::new();
        for meta in rules {
            if matches!(
                meta.literal_scope,
                LiteralScope::Comments | LiteralScope::Workspace
            ) {
                continue;
            }
            if meta.literals.is_empty() && meta.pattern.is_none() {
                disabled = true;
            }
            let target = match meta.literal_scope {
                LiteralScope::Comments | LiteralScope::Workspace => continue,
                LiteralScope::Item => &mut item,
                LiteralScope::Member => &mut member,
                LiteralScope::ItemGated(pairs) => {
                    rule_gated.extend(
                        pairs
                            .iter()
                            .map(|&(literal, gates)| Ok((literal, Matcher::build(gates, &[])?))),
                    );
                    &mut item
                }
                LiteralScope::ItemOrFileUsing(crates) => {
                    using.push(using_gate(crates));
                    item.0.extend_from_slice(crates);
                    &mut item
                }
                LiteralScope::ItemOrFileWhere(gate) => {
                    using.push(
                        Regex::new(gate)
                            .map_err(|e| format!("bad prefilter gate `{gate}`: {e}"))
                            .and_then(|g| Ok((Matcher::build(meta.literals, &[])?, g))),
                    );
                    &mut item
                }
                LiteralScope::ItemWith(words) => {
                    companioned.push(
                        Matcher::build(meta.literals, meta.pattern.as_slice())
                            .map(|m| (m, words.iter().map(|w| w.to_string()).collect())),
                    );
                    continue;
                }
                LiteralScope::ItemsAlong { gates, along: with } => {
                    along.push(Along::build(meta, gates, with));
                    continue;
                }
                LiteralScope::File => &mut file,
                LiteralScope::FileStrings(implied) => {
                    if implied.is_empty() {
                        in_strings_implied.0.extend_from_slice(meta.literals);
                        in_strings_implied.1.extend(meta.pattern);
                    } else {
                        in_strings_implied.1.extend_from_slice(implied);
                    }
                    &mut in_strings
                }
                LiteralScope::FileWhere(gates) => {
                    let gates = gates
                        .iter()
                        .map(|g| {
                            Regex::new(g).map_err(|e| format!("bad prefilter gate `{g}`: {e}"))
                        })
                        .collect::<Result<Vec<_>, _>>();
                    gated.push(
                        Matcher::build(meta.literals, meta.pattern.as_slice())
                            .and_then(|m| Ok((m, gates?))),
                    );
                    continue;
                }
            };
            target.0.extend_from_slice(meta.literals);
            target.1.extend(meta.pattern);
        }
        match (
            Matcher::build_listing(&item.0, &item.1),
            Matcher::build(&member.0, &member.1),
            Matcher::build(&file.0, &file.1),
            Matcher::build(&in_strings.0, &in_strings.1),
            Matcher::build(&in_strings_implied.0, &in_strings_implied.1),
            gated.into_iter().collect::<Result<Vec<_>, _>>(),
            using.into_iter().collect::<Result<Vec<_>, _>>(),
            companioned.into_iter().collect::<Result<Vec<_>, _>>(),
            rule_gated.into_iter().collect::<Result<Vec<_>, String>>(),
            along.into_iter().collect::<Result<Vec<_>, String>>(),
        ) {
            (
                Ok(item),
                Ok(member),
                Ok(file),
                Ok(in_strings),
                Ok(in_strings_implied),
                Ok(gated),
                Ok(using),
                Ok(companioned),
                Ok(rule_gated),
                Ok(along),
            ) => Prefilter {
                item,
                member,
                file,
                in_strings,
                in_strings_implied,
                gated,
                using,
                disabled,
                gated_literals: Vec::new(),
                crate_literals: HashMap::new(),
                rule_gated,
                companioned,
                along,
            },
            // A rule's pattern that does not compile is a bug caught by the tests; never let it
            // make a scan miss findings.
            _ => Prefilter::off(),
        }
    }

    /// A prefilter that selects every file whole (`--full-parse`).
    pub fn off() -> Prefilter {
        Prefilter {
            item: Matcher::default(),
            member: Matcher::default(),
            file: Matcher::default(),
            in_strings: Matcher::default(),
            in_strings_implied: Matcher::default(),
            gated: Vec::new(),
            using: Vec::new(),
            disabled: true,
            gated_literals: Vec::new(),
            crate_literals: HashMap::new(),
            rule_gated: Vec::new(),
            companioned: Vec::new(),
            along: Vec::new(),
        }
    }

    /// Adds item literals that count only in files that contain their gate: (gate, literal).
    pub fn with_gated_literals(mut self, gated: Vec<(String, String)>) -> Prefilter {
        self.gated_literals = gated;
        self
    }

    /// Adds item literals that count only in the files of one crate: (crate as paths write it,
    /// literal).
    pub fn with_crate_literals(mut self, scoped: &[(String, String)]) -> Prefilter {
        for (krate, literal) in scoped {
            self.crate_literals
                .entry(krate.clone())
                .or_default()
                .push(literal.clone());
        }
        self
    }

    /// Adds to every `LiteralScope::ItemWith` rule's words the calls (`name!`) that `macros`
    /// lists: those of the workspace macros whose body passes the test it is given (the body
    /// holds one of the rule's words).
    pub fn with_companion_macros(
        mut self,
        macros: impl Fn(&dyn Fn(&str) -> bool) -> Vec<String>,
    ) -> Prefilter {
        for (_, words) in &mut self.companioned {
            let own = words.clone();
            words.extend(macros(&|body: &str| {
                own.iter().any(|w| body.contains(w.as_str()))
            }));
        }
        self
    }

    /// Whether `chunk` holds a literal of an `ItemWith` rule and one of its words.
    fn companioned_in(&self, chunk: &str) -> bool {
        self.companioned.iter().any(|(literals, words)| {
            literals.is_match(chunk) && words.iter().any(|w| chunk.contains(w.as_str()))
        })
    }

    /// The gated literals whose gate `text` contains.
    fn gated_in<'p>(&'p self, text: &str) -> Vec<&'p str> {
        let rule_gated = self
            .rule_gated
            .iter()
            .filter(|(_, gates)| gates.is_match(text))
            .map(|(literal, _)| *literal);
        self.gated_literals
            .iter()
            .filter(|(gate, _)| text.contains(gate.as_str()))
            .map(|(_, literal)| literal.as_str())
            .chain(rule_gated)
            .collect()
    }

    /// Whether `text` holds any literal or pattern of the rules (a cheap "could matter" test,
    /// also of a macro's body, where a rule's gated literal counts without its gate).
    pub fn may_select(&self, text: &str) -> bool {
        self.disabled
            || self.whole_file(text)
            || self.item.is_match(text)
            || self.member.is_match(text)
            || self.gated_in(text).iter().any(|l| text.contains(l))
            || self.rule_gated.iter().any(|(l, _)| text.contains(l))
            || self
                .companioned
                .iter()
                .any(|(literals, _)| literals.is_match(text))
            || self.along.iter().any(|a| a.own.is_match(text))
    }

    /// Whether some rule's evidence in `text` needs the whole file parsed.
    fn whole_file(&self, text: &str) -> bool {
        self.file.is_match(text)
            || self.in_a_string_literal(text)
            || self.gated.iter().any(|(matcher, gates)| {
                // The gates first, in the order the rule lists them (it orders them by cost and
                // by how many files each rules out).
                gates.iter().all(|g| g.is_match(text)) && matcher.is_match(text)
            })
    }

    /// Whether a `FileStrings` matcher matches inside one of the text's string literals (what
    /// that implies of the whole text first: most files have no match at all).
    fn in_a_string_literal(&self, text: &str) -> bool {
        let m = &self.in_strings;
        !m.is_empty()
            && self.in_strings_implied.is_match(text)
            && crate::lex::string_literals(text.as_bytes()).any(|(s, e)| m.is_match(&text[s..e]))
    }

    /// What of `text`, a file of crate `krate`, needs parsing.
    pub fn select<'t>(&self, text: &'t str, krate: &str) -> Selection<'t> {
        if self.disabled || self.whole_file(text) {
            return Selection::Parse(Cow::Borrowed(text));
        }
        let item = &self.item;
        let mut gated = self.gated_in(text);
        if !self.crate_literals.is_empty()
            && let Some(own) = self.crate_literals.get(&crate::model::crate_ident(krate))
        {
            gated.extend(own.iter().map(String::as_str).filter(|l| text.contains(l)));
        }
        // One pass finds every item literal; a chunk is then tested by the positions found
        // (testing each chunk with the automaton read most files twice).
        let occurrences = item.literal_occurrences(text);
        let companions = !self.companioned.is_empty() && self.companioned_in(text);
        let along: Vec<&Along> = self.along.iter().filter(|a| a.selects_in(text)).collect();
        let matches = |start: usize, end: usize| {
            let chunk = &text[start..end];
            occurs_within(&occurrences, start, end)
                || item.patterns.iter().any(|re| re.is_match(chunk))
                || gated.iter().any(|l| chunk.contains(l))
                || (companions && self.companioned_in(chunk))
                || along.iter().any(|a| a.own.is_match(chunk))
        };
        let member = &self.member;
        if !(matches(0, text.len()) || member.is_match(text)) {
            return Selection::Nothing;
        }
        if self
            .using
            .iter()
            .any(|(names, gate)| names.is_match(text) && gate.is_match(text))
        {
            return Selection::Parse(Cow::Borrowed(text));
        }
        let Some(items) = top_level_items(text.as_bytes()) else {
            // The tokenizer lost its way (unbalanced brackets): let the parser judge the file.
            return Selection::Parse(Cow::Borrowed(text));
        };
        let chunks = line_chunks(text, &items);
        let mut keep = vec![Keep::No; chunks.len()];
        let mut any = false;
        for (k, &(start, end)) in chunks.iter().enumerate() {
            let chunk = &text[start..end];
            if matches(start, end) {
                keep[k] = Keep::Whole;
                any = true;
            } else if along.iter().any(|a| a.along.is_match(chunk)) {
                // Selected only with another item (`any` stays as it is).
                keep[k] = Keep::Whole;
            } else if !member.is_empty() && member.is_match(chunk) {
                keep[k] = match unmatched_members(chunk, member) {
                    Some(blank) => Keep::Blanking(blank),
                    None => Keep::Whole,
                };
                any = true;
            } else if is_use_or_inner_attribute(chunk) {
                keep[k] = Keep::Whole;
            }
        }
        if !any {
            return Selection::Nothing;
        }
        if keep.iter().all(|k| matches!(k, Keep::Whole)) {
            return Selection::Parse(Cow::Borrowed(text));
        }
        let mut sparse = String::with_capacity(text.len());
        let mut last = 0;
        for (k, &(start, end)) in chunks.iter().enumerate() {
            // Lines between chunks (none, by construction) and unselected chunks keep only
            // their newlines.
            push_newlines(&mut sparse, &text[last..start]);
            match &keep[k] {
                Keep::Whole => sparse.push_str(&text[start..end]),
                Keep::No => push_newlines(&mut sparse, &text[start..end]),
                Keep::Blanking(blank) => {
                    let mut at = start;
                    for &(from, to) in blank {
                        sparse.push_str(&text[at..start + from]);
                        push_blank(&mut sparse, &text[start + from..start + to]);
                        at = start + to;
                    }
                    sparse.push_str(&text[at..end]);
                }
            }
            last = end;
        }
        push_newlines(&mut sparse, &text[last..]);
        Selection::Parse(Cow::Owned(sparse))
    }
}

/// What of a chunk is parsed.
#[derive(Clone)]
enum Keep {
    No,
    Whole,
    /// All but these ranges (offsets in the chunk): the members of a block item that no
    /// `LiteralScope::Member` evidence is in.
    Blanking(Vec<(usize, usize)>),
}

/// For a chunk that holds one block item (`impl`, `trait`, inline `mod`, `extern` block) whose
/// header `member` does not match: the ranges (offsets in the chunk) of its members that
/// `member` does not match either, which need no parsing. `use` declarations and inner
/// attributes stay. `None`: the whole chunk is parsed (not such a block, or a match the members
/// do not explain).
fn unmatched_members(chunk: &str, member: &Matcher) -> Option<Vec<(usize, usize)>> {
    let bytes = chunk.as_bytes();
    let &[(start, end)] = top_level_items(bytes)?.as_slice() else {
        return None;
    };
    let open = start + block_item_open(&chunk[start..end])?;
    let close = end - 1;
    if bytes[close] != b'}' || member.is_match(&chunk[..=open]) {
        return None;
    }
    let members = top_level_items(&bytes[open + 1..close])?;
    let mut blank = Vec::new();
    let mut matched = false;
    let mut from = open + 1;
    for (_, member_end) in members {
        // With what precedes it since the last member: its comments and attributes.
        let to = open + 1 + member_end;
        let text = &chunk[from..to];
        if member.is_match(text) {
            matched = true;
        } else if !is_use_or_inner_attribute(text) {
            blank.push((from, to));
        }
        from = to;
    }
    matched.then_some(blank)
}

/// The offset of the `{` that opens the body of a block item (`impl`, `trait`, `mod`, `extern`
/// block; after attributes and `pub`, `unsafe`, `default`, `auto`): the first `{` outside
/// brackets. `None` for any other item (an `extern "C" fn` too), or a block item without a body
/// (`mod name;`).
fn block_item_open(item: &str) -> Option<usize> {
    use crate::model::tokens::{Kind, Tokens};
    const QUALIFIERS: &[&str] = &["pub", "unsafe", "default", "auto"];
    const BLOCKS: &[&str] = &["impl", "trait", "mod", "extern"];
    let t = Tokens::new(item)?;
    let mut keyword_seen = false;
    let mut k = 0;
    while let Some(tok) = t.toks.get(k) {
        match tok.kind {
            Kind::Open if t.is(k, "{") => return keyword_seen.then_some(tok.start()),
            // Attributes, `pub(crate)`, a trait's generic arguments in brackets.
            Kind::Open => k = tok.pair(),
            // `extern "C" fn f() {`: a fn, whose body holds statements.
            Kind::Ident if t.is(k, "fn") => return None,
            Kind::Ident if !keyword_seen => {
                if BLOCKS.contains(&t.text_of(k)) {
                    keyword_seen = true;
                } else if !QUALIFIERS.contains(&t.text_of(k)) {
                    return None;
                }
            }
            Kind::Punct if t.is(k, ";") => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

/// Replaces `text` by as many spaces as it has characters, line breaks kept: the text after it
/// on the same line keeps its line and column.
fn push_blank(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
}

/// The gate of `LiteralScope::ItemOrFileUsing`: a file that names one of `crates` (cheap test
/// first) in a `use` declaration. The regex may also take a `use` in a comment or a string: that
/// costs a parse, never a finding.
fn using_gate(crates: &[&str]) -> Result<(Matcher, Regex), String> {
    let names = crates
        .iter()
        .map(|c| regex::escape(c))
        .collect::<Vec<_>>()
        .join("|");
    let gate = format!(r"\buse\s[^;]*\b(?:{names})\b");
    let gate = Regex::new(&gate).map_err(|e| format!("bad `use` gate `{gate}`: {e}"))?;
    Ok((Matcher::build(crates, &[])?, gate))
}

fn push_newlines(out: &mut String, text: &str) {
    for _ in text.bytes().filter(|&b| b == b'\n') {
        out.push('\n');
    }
}

/// `use` declarations feed the per-file `use` map, and inner attributes (`#![cfg(test)]`) change
/// how the whole file is read: both are always parsed.
fn is_use_or_inner_attribute(chunk: &str) -> bool {
    let mut rest = chunk.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r
                .split_once('\n')
                .map_or("", |(_, after)| after)
                .trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r
                .split_once("*/")
                .map_or("", |(_, after)| after)
                .trim_start();
        } else if rest.starts_with("#!") {
            return true;
        } else if rest.starts_with("#[") {
            // An outer attribute: skip to its end on this line (good enough for `#[cfg(..)]`).
            rest = rest
                .split_once(']')
                .map_or("", |(_, after)| after)
                .trim_start();
        } else {
            break;
        }
    }
    if let Some(r) = rest.strip_prefix("pub") {
        rest = r.trim_start();
        if rest.starts_with('(') {
            rest = rest
                .split_once(')')
                .map_or("", |(_, after)| after)
                .trim_start();
        }
    }
    rest.starts_with("use ") || rest.starts_with("use\n") || rest.starts_with("use{")
}

/// Groups items into chunks of whole lines: a chunk runs from the line after the previous chunk
/// to the line where its last item ends, so leading comments and attributes go with their item.
/// Returns byte ranges that tile `text` up to the end of the last item's line.
fn line_chunks(text: &str, items: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let line_end_after = |pos: usize| {
        bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| pos + p + 1)
    };
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut chunk_start = 0;
    for &(item_start, item_end) in items {
        let end = line_end_after(item_end.saturating_sub(1));
        match chunks.last_mut() {
            // The item starts on a line the previous chunk already holds: extend that chunk.
            Some(last) if item_start < last.1 => last.1 = last.1.max(end),
            _ => {
                chunks.push((chunk_start, end));
            }
        }
        chunk_start = chunks.last().map_or(0, |c| c.1);
    }
    chunks
}

/// Byte ranges of the top-level items (and inner attributes), or `None` if brackets do not balance.
fn top_level_items(bytes: &[u8]) -> Option<Vec<(usize, usize)>> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut item_start: Option<usize> = None;
    let mut inner_attribute = false;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
                continue;
            }
            _ if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if item_start.is_none() {
            item_start = Some(i);
            inner_attribute = b == b'#' && bytes.get(i + 1) == Some(&b'!');
        }
        if let Some(next) = skip_quoted(bytes, i) {
            i = next;
            continue;
        }
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                let ends_item = depth == 0
                    && ((b == b'}' && next_significant(bytes, i) != Some(b';'))
                        || (b == b']' && inner_attribute));
                if ends_item {
                    items.push((item_start.take().unwrap_or(i), i));
                }
            }
            b';' if depth == 0 => {
                i += 1;
                items.push((item_start.take().unwrap_or(i), i));
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    if depth != 0 {
        return None;
    }
    if let Some(start) = item_start {
        items.push((start, bytes.len()));
    }
    Some(items)
}

fn next_significant(bytes: &[u8], mut i: usize) -> Option<u8> {
    loop {
        match bytes.get(i)? {
            b if b.is_ascii_whitespace() => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |p| i + p);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            &b => return Some(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<&str> {
        top_level_items(text.as_bytes())
            .expect("balanced")
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    /// A gated literal selects the items holding it, only in files that hold its gate.
    #[test]
    fn gated_literals_count_only_where_their_gate_is_written() {
        let prefilter = Prefilter::with_file_literals(&[], &[], &[])
            .with_gated_literals(vec![("Connector".to_string(), "new(".to_string())]);
        let gated = "use tls::Connector as C;\nfn a() { C::new(true) }\nfn b() { other() }\n";
        match prefilter.select(gated, "c") {
            Selection::Parse(text) => {
                assert_eq!(
                    text,
                    "use tls::Connector as C;\nfn a() { C::new(true) }\n\n"
                );
            }
            Selection::Nothing => panic!("the gate is in the file: `new(` selects its item"),
        }
        assert!(prefilter.may_select(gated));
        let ungated = "fn a() { Pool::new(true) }\n";
        assert!(matches!(prefilter.select(ungated, "c"), Selection::Nothing));
        assert!(!prefilter.may_select(ungated));
    }

    #[test]
    fn item_or_file_where_parses_whole_only_files_matching_the_gate() {
        let rule = meta(
            &["block_on"],
            LiteralScope::ItemOrFileWhere(r#"extern\s*"C"\s*fn"#),
        );
        let filter = Prefilter::new(&[&rule], &[]);
        let items = "fn a() { block_on(f()) }\nfn b() {}\n";
        assert!(!parsed_whole(&filter, items));
        let with_gate = "fn a() { block_on(f()) }\nextern \"C\" fn b() { a() }\n";
        assert!(parsed_whole(&filter, with_gate));
        // The gate alone selects nothing.
        assert!(matches!(
            filter.select("extern \"C\" fn b() {}\n", "c"),
            Selection::Nothing
        ));
    }

    #[test]
    fn item_with_literals_count_only_in_items_holding_a_word() {
        let rule = meta(&["stop"], LiteralScope::ItemWith(&["await"]));
        let filter = Prefilter::new(&[&rule], &[]);
        let text =
            "fn a() { x.stop() }\nasync fn b() { y.stop().await }\nasync fn c() { z.await }\n";
        match filter.select(text, "c") {
            Selection::Parse(kept) => {
                assert_eq!(kept, "\nasync fn b() { y.stop().await }\n\n")
            }
            Selection::Nothing => panic!("the item with both was not selected"),
        }
        assert!(matches!(
            filter.select("fn a() { x.stop() }\n", "c"),
            Selection::Nothing
        ));
        // A call of a workspace macro whose body holds the word counts as the word.
        let with_macros = Prefilter::new(&[&rule], &[]).with_companion_macros(|holds| {
            ["wait!", "other!"]
                .into_iter()
                .zip(["$e.await", "$e"])
                .filter(|(_, body)| holds(body))
                .map(|(call, _)| call.to_string())
                .collect()
        });
        let through = "fn a() { wait!(x.stop()) }\nfn b() { other!(x.stop()) }\n";
        match with_macros.select(through, "c") {
            Selection::Parse(kept) => assert_eq!(kept, "fn a() { wait!(x.stop()) }\n\n"),
            Selection::Nothing => panic!("the macro call was not counted"),
        }
        // A macro's body: the word may be at the call site.
        assert!(filter.may_select("$e.stop()"));
    }

    #[test]
    fn rule_gated_literals_count_only_in_files_holding_a_gate() {
        let rule = meta(
            &["Status"],
            LiteralScope::ItemGated(&[("From", &["sqlx", "io::Error"])]),
        );
        let filter = Prefilter::new(&[&rule], &[]);
        let text = "use sqlx::Error;\nimpl From<Error> for E {}\nfn b() {}\n";
        match filter.select(text, "c") {
            Selection::Parse(kept) => {
                assert_eq!(kept, "use sqlx::Error;\nimpl From<Error> for E {}\n\n")
            }
            Selection::Nothing => panic!("the gated literal was not counted"),
        }
        let ungated = "use other::Error;\nimpl From<Error> for E {}\n";
        assert!(matches!(filter.select(ungated, "c"), Selection::Nothing));
        // A macro's body: the gate may be at the call site.
        assert!(filter.may_select("impl From<$t> for E {}"));
    }

    #[test]
    fn splits_top_level_items() {
        let text = "#![allow(x)]\nuse a::b;\n/// doc\n#[derive(D)]\nstruct S { a: u8 }\nstatic X: T = T { a: '}' };\nfn f() { let s = \"}\"; }\nimpl A for B {}\nconst C: [u8; 2] = [1, 2];\nmacro_rules! m { () => {} }\nm!(x);\n";
        assert_eq!(
            items(text),
            [
                "#![allow(x)]",
                "use a::b;",
                "#[derive(D)]\nstruct S { a: u8 }",
                "static X: T = T { a: '}' };",
                "fn f() { let s = \"}\"; }",
                "impl A for B {}",
                "const C: [u8; 2] = [1, 2];",
                "macro_rules! m { () => {} }",
                "m!(x);",
            ]
        );
    }

    #[test]
    fn lifetimes_raw_strings_and_comments() {
        let text = "fn f<'a>(x: &'a str) -> &'a str { r#\"{\"# ; x } // }\n/* { */ fn g() {}\n";
        assert_eq!(items(text).len(), 2);
    }

    #[test]
    fn unbalanced_text_is_left_to_the_parser() {
        assert!(top_level_items(b"fn f() {").is_none());
        assert!(top_level_items(b"fn f() }").is_none());
    }

    /// Whether `filter` selects `text` whole (borrowed, unchanged).
    fn parsed_whole(filter: &Prefilter, text: &str) -> bool {
        matches!(filter.select(text, "c"), Selection::Parse(Cow::Borrowed(t)) if t == text)
    }

    fn meta(literals: &'static [&'static str], scope: LiteralScope) -> RuleMeta {
        RuleMeta {
            literals,
            literal_scope: scope,
            pattern: None,
            ..crate::rules::allow_attribute::META
        }
    }

    fn select(text: &str, literals: &'static [&'static str]) -> Option<String> {
        let rule = meta(literals, LiteralScope::Item);
        let filter = Prefilter::new(&[&rule], &[]);
        match filter.select(text, "c") {
            Selection::Nothing => None,
            Selection::Parse(t) => Some(t.into_owned()),
        }
    }

    /// `allow-attribute`'s selection (`LiteralScope::Member`), with an item rule on `map_err`.
    fn select_members(text: &str) -> Option<String> {
        let member = &crate::rules::allow_attribute::META;
        let item = meta(&["map_err"], LiteralScope::Item);
        match Prefilter::new(&[member, &item], &[]).select(text, "c") {
            Selection::Nothing => None,
            Selection::Parse(t) => Some(t.into_owned()),
        }
    }

    #[test]
    fn member_evidence_keeps_the_block_header_and_the_member() {
        let text = "#[cfg(test)]\nmod tests {\n    use super::*;\n    fn a() { 1 }\n    \
                    #[allow(dead_code)] fn b() {}\n    /// doc\n    fn c() {\n        2\n    }\n}\n";
        let sparse = select_members(text).expect("selected");
        assert_eq!(
            sparse,
            "#[cfg(test)]\nmod tests {\n    use super::*;\n                \n    \
             #[allow(dead_code)] fn b() {}\n           \n            \n         \n     \n}\n"
        );
        // Every kept character is where it was: lines and columns hold.
        for (kept, original) in sparse.chars().zip(text.chars()) {
            assert!(kept == original || kept == ' ', "{kept:?} for {original:?}");
        }
        assert_eq!(sparse.chars().count(), text.chars().count());
        // Two members on one line: the other one is blanked around it.
        let text = "impl A { fn a() {} #[expect(x)] fn b() {} fn c() {} }\n";
        assert_eq!(
            select_members(text).expect("selected"),
            "impl A {           #[expect(x)] fn b() {}           }\n"
        );
    }

    #[test]
    fn member_evidence_keeps_whole_what_is_not_a_block_of_items() {
        // In the header: the whole block.
        let text = "#[allow(x)]\nimpl A {\n    fn a() {}\n}\n";
        assert_eq!(select_members(text).as_deref(), Some(text));
        // A fn (`extern "C"` too) holds statements; a struct, fields; a macro, arms.
        for text in [
            "extern \"C\" fn f() {\n    #[allow(x)] let a = 1;\n    let b = 2;\n}\n",
            "pub struct S {\n    #[allow(x)] a: u8,\n    b: u8,\n}\n",
            "macro_rules! m {\n    () => { #[allow(x)] fn f() {} };\n    (a) => {};\n}\n",
        ] {
            assert_eq!(select_members(text).as_deref(), Some(text));
        }
        // An item rule's literal in the block: the whole block, the member rule's member with it.
        let text = "impl A {\n    #[allow(x)] fn a() {}\n    fn b() { m.map_err(|_| 1) }\n}\n";
        assert_eq!(select_members(text).as_deref(), Some(text));
        // No member explains the match (it spans comments around one): the whole block.
        let text = "impl A {\n    // cfg_attr(unix,\n    fn b() {}\n    // allow)\n}\n";
        assert_eq!(select_members(text).as_deref(), Some(text));
    }

    #[test]
    fn keeps_lines_of_matching_items_and_uses() {
        let text = "use x::y;\nfn a() {\n    1\n}\nfn b() {\n    m.map_err(|_| 1)\n}\n";
        let sparse = select(text, &["map_err"]).expect("selected");
        assert_eq!(
            sparse,
            "use x::y;\n\n\n\nfn b() {\n    m.map_err(|_| 1)\n}\n"
        );
        assert_eq!(sparse.lines().count(), text.lines().count());
    }

    #[test]
    fn files_without_literals_are_not_parsed() {
        assert!(select("fn a() {}\n", &["map_err"]).is_none());
    }

    #[test]
    fn file_scoped_literals_select_the_whole_file() {
        let (a, b) = (
            meta(&["map_err"], LiteralScope::Item),
            meta(&["unbounded"], LiteralScope::File),
        );
        let filter = Prefilter::new(&[&a, &b], &[]);
        let text = "use c::unbounded as u;\nfn a() { u() }\nfn b() {}\n";
        match filter.select(text, "c") {
            Selection::Parse(Cow::Borrowed(t)) => assert_eq!(t, text),
            _ => panic!("whole file expected"),
        }
    }

    #[test]
    fn gated_rules_select_only_files_that_pass_every_gate() {
        let rule = meta(
            &["http://"],
            LiteralScope::FileWhere(&["token", "fn default"]),
        );
        let filter = Prefilter::new(&[&rule], &[]);
        let whole = "struct C { token: String }\nfn default() -> &'static str { \"http://x\" }\n";
        assert!(parsed_whole(&filter, whole));
        for missing_a_gate in [
            "struct C { key: String }\nfn default() -> &'static str { \"http://x\" }\n",
            "struct C { token: String }\nfn new() -> &'static str { \"http://x\" }\n",
        ] {
            assert!(matches!(
                filter.select(missing_a_gate, "c"),
                Selection::Nothing
            ));
            assert!(!filter.may_select(missing_a_gate));
        }
    }

    #[test]
    fn string_scoped_patterns_count_only_inside_one_string_literal() {
        let rule = meta(&[], LiteralScope::FileStrings(&[]));
        let rule = RuleMeta {
            pattern: Some(r#""(?:\s|--[^\n"]*\n)*SELECT\b|"[^"]*\bWITH\b"#),
            ..rule
        };
        let filter = Prefilter::new(&[&rule], &[]);
        for whole in [
            "fn a(t: &str) -> String { format!(\"SELECT * FROM {t}\") }\n",
            "fn a(t: &str) -> String { format!(\"-- c\n SELECT * FROM {t}\") }\n",
            "fn a() -> &'static str { r#\"x \"quoted\" WITH y\"# }\n",
        ] {
            assert!(parsed_whole(&filter, whole), "{whole}");
        }
        for nothing in [
            // The words in a comment, or across two literals: no one literal holds them.
            "// THE SOFTWARE IS PROVIDED \"AS IS\", IN CONNECTION WITH THE SOFTWARE\nfn a() {}\n",
            "fn a() -> (&'static str, u8) { (\"a\", WITH) }\nconst B: &str = \"b\";\n",
            "/* \"SELECT */ fn a() -> char { '\"' }\n",
            "fn a() -> &'static str { \"--version\" }\n",
        ] {
            assert!(
                matches!(filter.select(nothing, "c"), Selection::Nothing),
                "{nothing}"
            );
            assert!(!filter.may_select(nothing), "{nothing}");
        }
    }

    #[test]
    fn crate_literals_count_only_in_their_crate() {
        let rule = meta(&["spawn"], LiteralScope::Item);
        let filter = Prefilter::new(&[&rule], &[])
            .with_crate_literals(&[("actors_lib".to_string(), "launch!".to_string())]);
        let text = "fn a() { launch!(beat()); }\nfn b() {}\n";
        match filter.select(text, "actors-lib") {
            Selection::Parse(t) => assert_eq!(t, "fn a() { launch!(beat()); }\n\n"),
            Selection::Nothing => panic!("the crate's own call is selected"),
        }
        assert!(matches!(filter.select(text, "app"), Selection::Nothing));
    }

    #[test]
    fn files_using_a_crate_are_parsed_whole() {
        let rule = meta(
            &["deadpool_postgres", "timeout("],
            LiteralScope::ItemOrFileUsing(&["deadpool_postgres", "r2d2"]),
        );
        let filter = Prefilter::new(&[&rule], &[]);
        for whole in [
            "use deadpool_postgres::{Manager, Pool};\nfn a(m: Manager) -> Pool { Pool::builder(m) }\n",
            "use diesel::{r2d2::{ConnectionManager, Pool}, PgConnection};\nfn a() { Pool::builder() }\n",
            "pub(crate) use r2d2::Pool as P;\nfn a() { P::new() }\n",
        ] {
            assert!(parsed_whole(&filter, whole), "{whole}");
            assert!(filter.may_select(whole));
        }
        // Named outside a `use` (a path written in full), the crate selects only its item.
        let text = "fn a() { deadpool_postgres::Pool::builder() }\nfn b() {}\n";
        match filter.select(text, "c") {
            Selection::Parse(t) => {
                assert_eq!(t, "fn a() { deadpool_postgres::Pool::builder() }\n\n")
            }
            Selection::Nothing => panic!("the item names the crate"),
        }
        // A segment that merely contains the name is another crate: only the item that holds
        // the literal is read.
        match filter.select("use my_r2d2x::Pool;\nfn a() { Pool::new() }\n", "c") {
            Selection::Parse(t) => assert_eq!(t, "use my_r2d2x::Pool;\n\n"),
            Selection::Nothing => panic!("the `use` holds a literal"),
        }
    }

    #[test]
    fn a_rule_without_literals_turns_the_prefilter_off() {
        let (a, b) = (
            meta(&["x"], LiteralScope::Item),
            meta(&[], LiteralScope::Item),
        );
        let filter = Prefilter::new(&[&a, &b], &[]);
        assert!(matches!(
            filter.select("fn a() {}", "c"),
            Selection::Parse(_)
        ));
    }

    #[test]
    fn items_come_along_with_a_selected_item_in_a_file_passing_the_gates() {
        let rule = meta(
            &["to_string"],
            LiteralScope::ItemsAlong {
                gates: &["Err"],
                along: r"(?-u:\b)enum\s",
            },
        );
        let filter = Prefilter::new(&[&rule], &[]);
        let text = "enum AppError { Io(String) }\n\
                    fn other() -> u8 { 1 }\n\
                    fn f(e: E) -> AppError { AppError::Io(e.to_string()) }\n";
        let Selection::Parse(selected) = filter.select(text, "c") else {
            panic!("selected");
        };
        assert!(selected.contains("enum AppError"), "{selected}");
        assert!(selected.contains("fn f("), "{selected}");
        assert!(!selected.contains("fn other"), "{selected}");
        // The enum alone selects nothing; a file failing a gate, nothing either.
        let alone = "enum AppError { Io(String) }\nfn other() -> u8 { 1 }\n";
        assert!(matches!(filter.select(alone, "c"), Selection::Nothing));
        let ungated = "enum App { Io(String) }\nfn f(e: E) -> App { App::Io(e.to_string()) }\n";
        assert!(matches!(filter.select(ungated, "c"), Selection::Nothing));
        // In a macro's body the literal counts without its gates.
        assert!(filter.may_select("x.to_string()"));
    }

    #[test]
    fn every_rule_pattern_compiles() {
        // A pattern that does not compile turns the prefilter off (slow but never wrong); this
        // keeps that from happening unnoticed.
        for entry in crate::rules::registry() {
            if let Some(p) = entry.meta.pattern {
                assert!(Regex::new(p).is_ok(), "{}: bad pattern {p}", entry.meta.id);
            }
            let gates = match entry.meta.literal_scope {
                LiteralScope::FileWhere(gates) => gates.to_vec(),
                LiteralScope::ItemsAlong { gates, along } => [gates, &[along]].concat(),
                _ => Vec::new(),
            };
            for g in gates {
                assert!(Regex::new(g).is_ok(), "{}: bad gate {g}", entry.meta.id);
            }
        }
        let metas: Vec<&RuleMeta> = crate::rules::registry().iter().map(|r| r.meta).collect();
        assert!(!Prefilter::new(&metas, &[]).disabled);
    }

    #[test]
    fn patterns_select_like_literals() {
        let rule = &crate::rules::allow_attribute::META;
        let filter = Prefilter::new(&[rule], &[]);
        let text = "fn a() { x.expect(\"no\") }\n#[expect(dead_code)]\nfn b() {}\n";
        match filter.select(text, "c") {
            Selection::Parse(t) => assert_eq!(t, "\n#[expect(dead_code)]\nfn b() {}\n"),
            Selection::Nothing => panic!("the attribute must be selected"),
        }
        assert!(matches!(
            filter.select("fn a() { x.expect(\"no\") }\n", "c"),
            Selection::Nothing
        ));
    }

    #[test]
    fn items_sharing_a_line_share_a_chunk() {
        let text = "struct A; fn b() { map_err }\nfn c() {}\n";
        let sparse = select(text, &["map_err"]).expect("selected");
        assert_eq!(sparse, "struct A; fn b() { map_err }\n\n");
    }
}
