// A config struct declared in another file than its uses.

#[derive(Clone, Default)]
pub struct Config {
    pub description: Option<String>,
    pub parsed_limit: Result<u32, String>,
}

// A struct without a derive: its field types are known all the same.
pub struct Overrides {
    pub motd: Option<String>,
    pub port: Result<u16, std::num::ParseIntError>,
}
