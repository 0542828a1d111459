//! Analysing one file in a process of its own. A stack overflow cannot be caught in Rust: it
//! aborts the process. Items too big to parse safely on a worker's stack (see
//! `check::MAX_ITEM_TOKENS`) are therefore parsed in a child process, so that whatever they do
//! to the stack, only the child dies, and the file is reported as a problem. The child is also
//! killed when it runs past `--file-timeout`, which covers a parser that never returns.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::check::{self, ActiveSetting};
use crate::finding::Severity;
use crate::scan::{FileOutcome, ProblemKind, guarded, problem};

/// The hidden first argument that makes `ferret` (or `cargo-ferret`) a child analysing one file.
pub const CHILD_ARG: &str = "__ferret-analyse-isolated";

/// Beyond the time limit, how long the parent waits for a child that checks the clock itself
/// before it kills it.
const GRACE: Duration = Duration::from_secs(1);

/// One file to analyse, sent to the child on its standard input.
#[derive(Serialize, Deserialize)]
pub(crate) struct Request {
    pub(crate) rel: String,
    pub(crate) crate_name: String,
    pub(crate) text: String,
    /// The prefilter's selection of `text`.
    pub(crate) parse_text: String,
    /// Ids and configured severities of the rules that run on this file.
    pub(crate) rules: Vec<(String, Option<Severity>)>,
    pub(crate) include_tests: bool,
    pub(crate) timeout: Option<Duration>,
    /// The files the parent's workspace model indexes: the child rebuilds the same model, so
    /// that rules consulting it answer as they do in the parent.
    pub(crate) model: Option<crate::scan::ModelInputs>,
}

/// Runs `exe` as a child on `request` and returns what it found, or the file as a problem when
/// the child crashed, overran the time limit or could not be run.
pub(crate) fn analyse_in_child(exe: &Path, request: &Request) -> FileOutcome {
    let rel = request.rel.as_str();
    let internal = |what: String| problem(rel, ProblemKind::InternalError, what);
    let body = match serde_json::to_vec(request) {
        Ok(body) => body,
        Err(e) => return internal(format!("cannot hand the file to a child process: {e}")),
    };
    let spawned = Command::new(exe)
        .arg(CHILD_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return internal(format!("cannot start a process to analyse it: {e}")),
    };
    // Pipes are drained on their own threads so that neither side blocks the other, and the
    // clock below keeps running.
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return internal("cannot talk to the analysing process".to_string());
    };
    let writer = std::thread::spawn(move || stdin.write_all(&body));
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        // Only read for a crash message: a child that writes no stderr leaves it empty.
        let _ = stderr.read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    // A child that rebuilds the model first gets the time limit twice: once for the model, once
    // for the file (it starts its own clock after the model).
    let rounds = if request.model.is_some() { 2 } else { 1 };
    let limit = request.timeout.map(|t| t * rounds + GRACE);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if limit.is_some_and(|l| started.elapsed() > l) => {
                // Killing a child that exits at this very moment fails harmlessly.
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                let _ = child.kill();
                return internal(format!("lost the analysing process: {e}"));
            }
        }
    };
    // A child that died early closes its stdin: the failed write says nothing more than the
    // status does.
    let _ = writer.join();
    let stdout = reader.join();
    let stderr = errors.join();
    let Some(status) = status else {
        return check::timed_out(rel, &request.text);
    };
    if status.success() {
        return match stdout {
            Ok(Ok(answer)) => serde_json::from_slice(&answer).unwrap_or_else(|e| {
                internal(format!("the analysing process answered nonsense: {e}"))
            }),
            Ok(Err(e)) => internal(format!("cannot read the analysing process's answer: {e}")),
            Err(_) => internal("cannot read the analysing process's answer".to_string()),
        };
    }
    let stderr = match &stderr {
        Ok(bytes) => String::from_utf8_lossy(bytes),
        Err(_) => "".into(),
    };
    if stderr.contains("has overflowed its stack") {
        return problem(
            rel,
            ProblemKind::TooDeep,
            "nests too deep to parse: the parser ran out of stack (in a process of its own, so \
             the scan went on)"
                .to_string(),
        );
    }
    match stderr.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(last) => internal(format!("the analysing process failed ({status}): {last}")),
        None => internal(format!("the analysing process failed ({status})")),
    }
}

/// The child's side: read a `Request` from standard input, analyse it on a thread with a
/// worker's stack, write the `FileOutcome` as JSON on standard output.
pub fn child_main() -> ExitCode {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("error: cannot read the request: {e}");
        return ExitCode::from(2);
    }
    let request: Request = match serde_json::from_slice(&input) {
        Ok(request) => request,
        Err(e) => {
            eprintln!("error: bad request: {e}");
            return ExitCode::from(2);
        }
    };
    let analysis = std::thread::Builder::new()
        .stack_size(check::WORKER_STACK)
        .spawn(move || analyse(&request));
    let outcome = match analysis.map(std::thread::JoinHandle::join) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(_)) | Err(_) => {
            eprintln!("error: the analysis thread failed");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    match serde_json::to_writer(&mut out, &outcome).map(|()| out.flush()) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        _ => ExitCode::from(2),
    }
}

fn analyse(request: &Request) -> FileOutcome {
    let active: Vec<ActiveSetting> = request
        .rules
        .iter()
        .filter_map(|(id, severity)| {
            crate::rules::find(id).map(|entry| ActiveSetting {
                entry,
                severity: *severity,
            })
        })
        .collect();
    // Rebuilt from the same files, the model is the parent's (the index is deterministic).
    let model = request
        .model
        .as_ref()
        .map_or_else(crate::model::Workspace::empty, |inputs| {
            let pool = rayon::ThreadPoolBuilder::new()
                .stack_size(check::WORKER_STACK)
                .build();
            match pool {
                Ok(pool) => pool.install(|| inputs.build()),
                Err(_) => inputs.build(),
            }
        });
    let deadline = request.timeout.map(|t| Instant::now() + t);
    guarded(&request.rel, || {
        check::analyse_selected(
            &request.rel,
            &request.crate_name,
            &request.text,
            Some(&request.parse_text),
            &active,
            &model,
            request.include_tests,
            deadline,
        )
    })
}
