mod config;
mod store;

use config::{Config, Overrides};

use store::{cached_limits, load_limits, Store};

pub struct Service {
    store: Store,
}

impl Service {
    pub fn start(&self) -> usize {
        // `Result`s of the project's fns (another file): the reason is lost.
        let settings = self.store.settings().unwrap_or_default(); //~ unwrap-or-default:medium
        let limits = load_limits("limits.toml").unwrap_or_default(); //~ unwrap-or-default:medium
        let again = store::load_limits("other.toml").unwrap_or_default(); //~ unwrap-or-default:medium
        // `Option`s of the project's fns: nothing found is not a failure.
        let label = self.store.find_label(7).unwrap_or_default();
        let cached = cached_limits().unwrap_or_default();
        settings.len() + limits.len() + again.len() + label.len() + cached.len()
    }
}

// Fields of a workspace struct declared in another file: an `Option` is an absence, a `Result` a
// failure.
pub fn describe(config: &Config) -> String {
    let text = config.description.clone().unwrap_or_default();
    let limit = config.parsed_limit.clone().unwrap_or_default(); //~ unwrap-or-default:medium
    format!("{text} {limit}")
}

pub fn listen(overrides: &Overrides) -> String {
    let motd = overrides.motd.clone().unwrap_or_default();
    let port = overrides.port.clone().unwrap_or_default(); //~ unwrap-or-default:medium
    format!("{motd} {port}")
}
