// Another `new` with a bool parameter, unrelated to TLS.
pub struct Pool {
    pub lazy: bool,
}

impl Pool {
    pub fn new(lazy: bool) -> Pool {
        Pool { lazy }
    }
}
