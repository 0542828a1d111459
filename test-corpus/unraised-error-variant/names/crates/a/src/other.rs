use crate::ApiError as AE;

// Namesakes of `ApiError`'s variants: a tuple struct called, a unit struct used as a type.
pub struct Timeout(pub u64);
pub struct Conflict;

pub fn g() -> u64 {
    let t = Timeout(5);
    let _c: Vec<Conflict> = Vec::new();
    t.0
}

pub fn h() -> AE {
    AE::Aliased
}
