#[allow(dead_code)]
struct Expanded;
