// Look-alikes that are not silent defaults of a method call, or that are documented.

fn explicit_defaults(x: Option<u32>, s: &str) -> u32 {
    let a = x.unwrap_or(0);
    let b = s.parse::<u32>().unwrap_or(8080);
    let c = x.unwrap_or_else(|| 1);
    a + b + c
}

// `unwrap_or_default` as a path or a function name, not a method call on a value.
fn paths(v: Vec<Option<u8>>) -> Vec<u8> {
    let f = Option::unwrap_or_default;
    let out: Vec<u8> = v.into_iter().map(Option::unwrap_or_default).collect();
    unwrap_or_default(3);
    out
}

fn unwrap_or_default(x: u8) -> u8 {
    x
}

// Documented rationale: a comment on the same line or the line above.
fn documented(spec: &Spec) -> Vec<String> {
    // optional: absent means no labels
    let labels = spec.labels.clone().unwrap_or_default();
    let retries = spec.retries.unwrap_or_default(); // optional: zero retries is the documented default
    /* absent timeout = wait forever */
    let timeout = spec.timeout.unwrap_or_default();
    // optional: no annotations is fine
    let annotations = spec
        .annotations
        .clone()
        .unwrap_or_default();
    let _ = (retries, timeout, annotations);
    labels
}

// Strings and comments are not code: "x.unwrap_or_default()"
fn text() -> &'static str {
    "y.unwrap_or_default()"
}

#[cfg(test)]
mod tests {
    #[test]
    fn in_test_code() {
        let id = std::env::var("ID").unwrap_or_default();
        let n: u32 = "1".parse().unwrap_or_default();
    }
}

#[test]
fn a_test_fn() {
    let name = None::<String>.unwrap_or_default();
}

// Cargo's cfg/feature variables in build scripts are unset when empty: the default is the contract.
fn build_script() {
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let sanitize = env::var("CARGO_CFG_SANITIZE")
        .map(|s| s.split(',').map(str::to_owned).collect::<Vec<_>>())
        .unwrap_or_default();
}

// Reasons in the words real code uses, above the statement or on the line.
fn reasons(spec: &Spec) -> usize {
    // The registry returns None for an empty string, which we treat as no proxy.
    let proxy = spec.proxy.clone().unwrap_or_default();
    // Unknown fields fall back to zero so that old clients keep working.
    let flags = spec.flags.unwrap_or_default();
    let width = spec.width.unwrap_or_default(); // cannot fail: validated when the spec was loaded
    let region = spec
        .region
        .clone()
        // default region when the caller gives none
        .unwrap_or_default();
    proxy.len() + flags + width + region.len()
}

// A documented default inside a `macro_rules!` template, and a template that is not code.
macro_rules! optional_field {
    ($row:expr, $name:ident) => {
        // optional: an absent field means empty
        $row.$name.clone().unwrap_or_default()
    };
}

macro_rules! doc_only {
    ($($t:tt)*) => { concat!("x.unwrap_or_default()", stringify!($($t)*)) };
}

// `Option<bool>` defaulting to `false`: `is_some_and` spelled with `map`, a predicate.
fn predicates(cmd: &Command, n: &str, last: Option<&Arg>) -> bool {
    let shown = cmd.find(n).map(|a| !a.is_hide_set()).unwrap_or_default();
    let big = last.map(|a| a.len() > 8).unwrap_or_default();
    let named = last.map(|a| a.has_name()).unwrap_or_default();
    shown && big && named
}

// The receiver is visibly an `Option`: `None` is an absence, not a failure, and no error is
// lost. Known from the method (`get`, `as_str` of a JSON value, `next`...), from the declared
// type of a parameter, local or field, or from `.transpose()?` (the error went up with `?`).
mod options {
    struct Limits {
        max_body: Option<usize>,
        labels: Option<Vec<String>>,
    }

    struct Server<S> {
        svc: S,
    }

    fn absent(map: &HashMap<String, Vec<u8>>, rx: Option<u32>, v: &serde_json::Value, l: &Limits) -> usize {
        let data = map.get("k").cloned().unwrap_or_default();
        let count = rx.unwrap_or_default();
        consume(map.get("x").copied().unwrap_or_default());
        let text = v["text"].as_str().unwrap_or_default();
        let first = raw.split(',').next().unwrap_or_default();
        let max = l.max_body.unwrap_or_default();
        let labels = l.labels.clone().unwrap_or_default();
        info!("value {}", rx.unwrap_or_default());
        data.len() + count as usize + max
    }

    // A parameter's own type, though the file declares other `svc`s.
    fn routes<S>(svc: Option<S>) -> Routes {
        svc.map(Routes::new).unwrap_or_default()
    }

    fn optional_flag(args: &Args) -> Result<Vec<Header>, Error> {
        let headers = args.header.as_ref().map(|h| parse_headers(h)).transpose()?.unwrap_or_default();
        Ok(headers)
    }
}

// `.duration_since(UNIX_EPOCH)` fails only for a time before 1970.
fn timestamp(meta: &Metadata) -> u64 {
    let modified = meta.modified()?.duration_since(UNIX_EPOCH).unwrap_or_default();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let also = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    now.as_secs()
}
