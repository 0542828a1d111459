// The workspace follows the policy here: its `#[allow]`s elsewhere are gaps, not a choice.
#[expect(clippy::unwrap_used, reason = "the schema is embedded and checked by a test")]
pub fn schema() -> u32 {
    "1".parse().unwrap()
}

#[cfg_attr(test, allow(clippy::unwrap_used))]
pub fn open() {}
