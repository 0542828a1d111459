// Look-alikes that are not panics in production code.

// Const contexts: a panic here is a compile error, not a run-time crash.
const LIMIT: u32 = match u32::from_str_radix("10", 10) {
    Ok(v) => v,
    Err(_) => panic!("bad literal"),
};

static NAME: &str = {
    if LIMIT == 0 {
        panic!("limit must be positive");
    }
    "name"
};

const fn checked(x: u32) -> u32 {
    match x.checked_add(1) {
        Some(v) => v,
        None => panic!("overflow"),
    }
}

struct Size;
impl Size {
    const MAX: usize = match 4usize.checked_mul(1024) {
        Some(v) => v,
        None => unreachable!(),
    };
}

trait Limits {
    const CAP: u8 = match 1u8.checked_add(1) {
        Some(v) => v,
        None => panic!(),
    };
}

fn inline_const() -> u32 {
    const { checked(1) };
    let v = const {
        match 2u32.checked_sub(1) {
            Some(v) => v,
            None => panic!("underflow"),
        }
    };
    v
}

// A parser's `expect(token)` returns a `Result`: it is propagated, not a panic.
fn parse(p: &mut Parser) -> Result<(), Error> {
    p.expect(b'{')?;
    p.expect(Token::Comma)?;
    p.expect('x');
    p.expect(3);
    Ok(())
}

// Other methods with similar names.
fn similar(x: Option<u8>, r: Result<u8, ()>) -> u8 {
    let a = x.unwrap_or(0);
    let b = x.unwrap_or_default();
    let c = r.unwrap_or_else(|_| 1);
    let d = x.expect_none_like();
    a + b + c + d
}

// Some other crate's macro that happens to be called `panic`.
fn custom_macro() {
    mylib::log::panic!("not std");
}

// Panics in strings, comments and docs are not code.
/// Calls `.unwrap()` on the result, then `panic!()`s.
fn documented() -> &'static str {
    // x.unwrap() here would be bad
    "call .unwrap() or panic!()"
}

#[cfg(test)]
mod tests {
    #[test]
    fn works() {
        let v: Option<u8> = Some(1);
        assert_eq!(v.unwrap(), 1);
        v.expect("set above");
        panic!("test code may panic");
    }
}

#[test]
fn top_level_test() {
    None::<u8>.unwrap();
}

#[cfg(any(test, feature = "testing"))]
fn test_helper() -> u8 {
    None::<u8>.unwrap()
}

// Values settled by literals: the first run decides, no input can change it.
fn settled(buf: &[u8]) -> u32 {
    let re = regex::Regex::new(r"^[a-z]+$").unwrap();
    let addr: std::net::SocketAddr = "127.0.0.1:8080".parse().unwrap();
    let n = std::num::NonZeroUsize::new(8).expect("8 is not zero");
    let layout = std::alloc::Layout::from_size_align(64, 8).unwrap();
    let url = url::Url::parse("https://example.com/").unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    u32::from_le_bytes(buf[..4].try_into().unwrap()) + u32::from_be_bytes(buf[0x04..0x08].try_into().unwrap())
}

// Panics that exist only in test or debug builds: the release build takes the other branch.
fn checked_in_debug(sql: &str, logger: &Logger) {
    if cfg!(debug_assertions) {
        panic!("unsafe SQL: {sql}");
    } else {
        logger.warn(sql);
    }
    if cfg!(test) {
        validate(sql).unwrap();
    }
}
