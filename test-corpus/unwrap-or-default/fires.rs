use std::env;
use std::str::FromStr;

use chrono::DateTime;

struct Settings {
    jwt_issuer: String,
    jwt_audience: String,
    labels: Vec<String>,
    retries: u32,
}

// Evidently a `Result` or a fallible conversion: medium.
fn conversions(raw: &str, bytes: &[u8], secs: i64, c: &Config) -> u64 {
    let port: u16 = raw.parse().unwrap_or_default(); //~ unwrap-or-default:medium
    let n: u8 = 300u32.try_into().unwrap_or_default(); //~ unwrap-or-default:medium
    let m = u8::try_from(secs).unwrap_or_default(); //~ unwrap-or-default:medium
    let cfg: Config = serde_json::from_slice(bytes).unwrap_or_default(); //~ unwrap-or-default:medium
    let text = serde_json::to_string(c).unwrap_or_default(); //~ unwrap-or-default:medium
    let at = DateTime::from_timestamp(secs, 0).unwrap_or_default(); //~ unwrap-or-default:medium
    let home = env::var("HOME").unwrap_or_default(); //~ unwrap-or-default:medium
    let path = std::env::var("PATH").unwrap_or_default(); //~ unwrap-or-default:medium
    let v = Version::from_str(raw).unwrap_or_default(); //~ unwrap-or-default:medium
    let s = String::from_utf8(bytes.to_vec()).unwrap_or_default(); //~ unwrap-or-default:medium
    let maybe = raw.parse::<u64>().ok().unwrap_or_default(); //~ unwrap-or-default:medium
    let nested = headers.get("x").and_then(|v| v.to_str().ok()).unwrap_or_default(); //~ unwrap-or-default:medium
    let chained = raw
        .trim()
        .parse::<u32>()
        .map(|v| v * 2)
        .unwrap_or_default(); //~ unwrap-or-default:medium
    0
}

// An `.await?`-ed query result (audit 000 P-3).
async fn read(client: &Client, queue_name: &str, l: i32) -> Result<Vec<Msg>, Error> {
    let messages = client
        .read_batch(queue_name, 30, l)
        .await?
        .unwrap_or_default(); //~ unwrap-or-default:medium
    Ok(messages)
}

// The value lands in something that names a required thing: medium.
fn required(auth: Option<&Auth>, row: &Row, val: &Value) -> Settings {
    let user_id = row.get_opt("user_id").unwrap_or_default(); //~ unwrap-or-default:medium
    let tenantId: String = row.tenant.clone().unwrap_or_default(); //~ unwrap-or-default:medium
    let name = row.name.clone().unwrap_or_default().to_string(); //~ unwrap-or-default:medium
    let mut status = "";
    let mut namespace = String::new();
    for (k, val) in row.pairs() {
        match k {
            "status" => status = val.as_str().unwrap_or_default(), //~ unwrap-or-default:medium
            "namespace" => namespace = val.as_str().unwrap_or_default().to_string(), //~ unwrap-or-default:medium
            _ => {}
        }
    }
    self.api_key = row.key.clone().unwrap_or_default(); //~ unwrap-or-default:medium
    Settings {
        jwt_issuer: auth.map(|a| a.jwt_issuer.clone()).unwrap_or_default(), //~ unwrap-or-default:medium
        jwt_audience: auth
            .map(|a| a.jwt_audience.clone())
            .unwrap_or_default() //~ unwrap-or-default:medium
            .to_string(),
        labels: row.labels.clone().unwrap_or_default(), //~ unwrap-or-default:low
        retries: row.retries.unwrap_or_default(), //~ unwrap-or-default:low
    }
}

// A receiver whose type is not visible (an `Option` or a `Result`): low.
fn plain(cache: &Cache, row: &Row) -> usize {
    let data = cache.lookup("k").cloned().unwrap_or_default(); //~ unwrap-or-default:low
    let count = row.count.unwrap_or_default(); //~ unwrap-or-default:low
    consume(cache.lookup("x").copied().unwrap_or_default()); //~ unwrap-or-default:low
    data.len() + count as usize
}

// Inside macro arguments.
fn logged(c: &Config, row: &Row) {
    debug!(config_size = serde_json::to_string(c).unwrap_or_default().len(), "loaded"); //~ unwrap-or-default:low
    info!("value {}", row.count.unwrap_or_default()); //~ unwrap-or-default:low
    let body = json!({ "count": row.count.unwrap_or_default() }); //~ unwrap-or-default:low
}

// A comment two lines up is not next to the call.
// (so this one is not documented)

fn undocumented(row: &Row) -> u8 {
    row.count.unwrap_or_default() //~ unwrap-or-default:low
}

// Graded low, not medium: the evidence is not about the defaulted value. In order: the error was
// handled (logged) in `map_err`, so what is defaulted after it is a choice; `?` applies to
// `passwd()` and `fullname()` is an optional field of its result; `.ok()` of a response read by
// reference, then an unrelated lookup.
fn weak_evidence(res: &Result<Response, E>, raw: &str) -> Option<String> {

    let parsed = raw.parse::<u32>().map_err(|e| eprintln!("ignoring {e}")).unwrap_or_default(); //~ unwrap-or-default:low
    let real = passwd().ok()?.fullname().unwrap_or_default(); //~ unwrap-or-default:low
    let level = res.as_ref().ok().and_then(|r| r.extensions().level()).unwrap_or_default(); //~ unwrap-or-default:low
    let wrapped = (fetch().await?).unwrap_or_default(); //~ unwrap-or-default:medium
    None
}

// Comments that sit above the call but do not say why the default is right: a ticket tag,
// narration, a TODO (even one naming a reason), a question, commented-out code.
fn narrated(spec: &Spec, c: &Config) -> usize {
    // TAS-61 V2: read the event systems
    let systems = spec.event_systems.clone().unwrap_or_default(); //~ unwrap-or-default:low
    // Log configuration size for debugging
    let size = serde_json::to_string(c).unwrap_or_default().len(); //~ unwrap-or-default:medium
    // TODO: fall back to the default when the key is missing
    let key = spec.api_key.clone().unwrap_or_default(); //~ unwrap-or-default:medium
    // Should an absent count really be zero?
    let count = spec.count.unwrap_or_default(); //~ unwrap-or-default:low
    // let count = spec.count.expect("count");
    let other = spec.other.unwrap_or_default(); //~ unwrap-or-default:low
    systems.len() + size + key.len() + count + other
}

fn branch_labels(kind: Kind, spec: &Spec) -> Vec<String> {
    match kind {
        // Linux and macOS
        Kind::Unix => spec.labels.clone().unwrap_or_default(), //~ unwrap-or-default:low
        Kind::Other => Vec::new(),
    }
}

// Failed conversions and `PyResult` chains not on the list before: medium.
fn conversions(c: &CStr, h: &HeaderValue, obj: &PyAny, os: OsString) -> usize {
    let name = c.to_str().unwrap_or_default(); //~ unwrap-or-default:medium
    let accept = h.to_str().unwrap_or_default(); //~ unwrap-or-default:medium
    let n: u32 = obj.getattr("n").and_then(|v| v.extract()).unwrap_or_default(); //~ unwrap-or-default:medium
    let s = os.into_string().unwrap_or_default(); //~ unwrap-or-default:medium
    name.len() + accept.len() + n as usize + s.len()
}

// After `?`, an `Option` whose `None` this file documents as empty: the error was propagated.
/// Reads the next batch. Returns `None` when the queue is empty.
async fn next_batch(q: &Queue) -> Result<Option<Vec<Msg>>, Error> {
    Ok(None)
}

async fn drain(q: &Queue) -> Result<usize, Error> {
    let batch = next_batch(q).await?.unwrap_or_default(); //~ unwrap-or-default:low
    Ok(batch.len())
}

// Inside a `macro_rules!` template: real code, reported once at the template line.
macro_rules! field_or_default {
    ($row:expr, $name:ident) => {
        $row.$name.clone().unwrap_or_default() //~ unwrap-or-default:low
    };
    ($row:expr, $name:ident, $($rest:ident),+) => {{
        let first = $row.$name.parse::<u32>().unwrap_or_default(); //~ unwrap-or-default:medium
        $(let _ = $row.$rest;)+
        first
    }};
}

// A `map` to something that is not visibly a boolean is still a default.
fn not_predicates(args: &Args) -> usize {
    args.last_arg().map(|a| a.len()).unwrap_or_default() //~ unwrap-or-default:low
}

// Look-alikes of the type facts: a declared `Result` field, `duration_since` of another instant
// (workspace fns returning a `Result`: see workspace-returns/).
mod typed_look_alikes {
    struct Job {
        outcome: Result<u32, JobError>,
        started: SystemTime,
    }

    impl Job {
        fn run(&self) -> u64 {
            let n = self.outcome.clone().unwrap_or_default(); //~ unwrap-or-default:medium
            let took = SystemTime::now().duration_since(self.started).unwrap_or_default(); //~ unwrap-or-default:medium
            let since = self.started.duration_since(EPOCH_2000).unwrap_or_default(); //~ unwrap-or-default:medium
            0
        }
    }
}
