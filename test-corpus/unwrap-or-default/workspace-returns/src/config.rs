// A config struct declared in another file than its uses.

#[derive(Clone, Default)]
pub struct Config {
    pub description: Option<String>,
    pub parsed_limit: Result<u32, String>,
}
