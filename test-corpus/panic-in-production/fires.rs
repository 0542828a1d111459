use std::collections::HashMap;

fn config(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap(); //~ panic-in-production:low
    let first = text.lines().next().expect("config has a first line"); //~ panic-in-production:low
    first.to_string()
}

struct Provider {
    cache: HashMap<String, u32>,
}

impl Provider {
    fn should_use(&self, key: &str) -> bool {
        self.cache.contains_key(key)
    }

    fn get(&self, key: &str) -> u32 {
        // The seed's invariant-documenting expect: still a finding, and the message says so.
        *self.cache.get(key).expect("checked in should_use") //~ panic-in-production:low
    }

    fn ruby(&self) -> u32 {
        ruby_get().expect("Ruby runtime should be available") //~ panic-in-production
    }
}

fn ruby_get() -> Option<u32> {
    None
}

fn dispatch(kind: u8) -> u8 {
    match kind {
        0 => 1,
        1 => todo!(), //~ panic-in-production
        2 => unimplemented!("kind 2"), //~ panic-in-production
        3 => unreachable!("kinds above 2 are rejected by the parser"), //~ panic-in-production
        _ => panic!("unknown kind {kind}"), //~ panic-in-production
    }
}

fn qualified() {
    std::panic!("boom"); //~ panic-in-production
    core::unreachable!(); //~ panic-in-production
}

fn chained(v: Vec<Option<u8>>) -> u8 {
    v.into_iter()
        .next()
        .unwrap() //~ panic-in-production
        .expect(&format!("element {}", 0)) //~ panic-in-production
}

// A closure inside a `static` runs at run time, not in a const context.
static TABLE: std::sync::LazyLock<Vec<u8>> =
    std::sync::LazyLock::new(|| std::fs::read("table.bin").unwrap()); //~ panic-in-production

thread_local! {
    static BUF: Vec<u8> = std::fs::read("buf").unwrap(); //~ panic-in-production
}

fn logged() {
    tracing::info!(size = std::fs::metadata("x").unwrap().len()); //~ panic-in-production
}

const MSG: &str = "a const message";
fn const_message(x: Option<u8>) -> u8 {
    x.expect(MSG) //~ panic-in-production
}

fn main() {
    // `main` of a binary (not an example) is production code.
    config("app.toml").parse::<u32>().unwrap(); //~ panic-in-production
}

// Literal arguments, but the outcome depends on the machine or the input.
fn environment(buf: &[u8], start: usize) -> u32 {
    let home = std::env::var("HOME").unwrap(); //~ panic-in-production
    let file = std::fs::File::open("config.toml").expect("config file"); //~ panic-in-production
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap(); //~ panic-in-production
    u32::from_le_bytes(buf[start..start + 4].try_into().unwrap()) //~ panic-in-production
}

// A `macro_rules!` template is code written once: reported at the template line, once, however
// often it expands.
macro_rules! must {
    ($e:expr) => {
        $e.unwrap() //~ panic-in-production
    };
}

fn uses_must(a: Option<u8>, b: Option<u8>) -> u8 {
    must!(a) + must!(b)
}

// The release branch of a `cfg!` test, and other conditions, still panic in production.
fn checked_in_release(sql: &str) {
    if cfg!(debug_assertions) {
        log(sql);
    } else {
        panic!("unsafe SQL: {sql}"); //~ panic-in-production
    }
    if !cfg!(test) {
        validate(sql).unwrap(); //~ panic-in-production
    }
    if cfg!(feature = "strict") {
        validate(sql).unwrap(); //~ panic-in-production
    }
}
