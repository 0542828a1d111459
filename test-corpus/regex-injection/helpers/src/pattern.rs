// Pattern helpers the handlers in main.rs call (another file).
pub fn compile(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap()
}

pub fn literal(text: &str) -> regex::Regex {
    regex::Regex::new(&regex::escape(text)).unwrap()
}

pub fn word(text: &str) -> String {
    format!(r"\b{text}\b")
}
