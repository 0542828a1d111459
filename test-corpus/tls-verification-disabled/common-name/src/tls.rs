// The builder; its callers are in main.rs.
pub struct Connector {
    pub client: Option<reqwest::Client>,
}

impl Connector {
    pub fn new(insecure: bool) -> Connector {
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(insecure)
            .build()
            .ok();
        Connector { client }
    }
}
