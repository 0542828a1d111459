// The request and its enum, declared in another file of the crate.
#[derive(serde::Deserialize)]
pub enum Direction {
    Up,
    Down,
}

#[derive(serde::Deserialize)]
pub struct Page {
    pub offset: u64,
    pub direction: Direction,
    pub filter: String,
}
