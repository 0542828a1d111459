// Another crate's `Error`, with variants named as crate a's.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // Crate a constructs its own `Error::Gone`, not this one.
    #[error("gone")]
    Gone, //~ unraised-error-variant
    // Crate c constructs it through `use b::Error;`.
    #[error("lost")]
    Lost,
}

pub fn b() -> Result<(), Error> {
    Ok(())
}

// Not an error enum: the `impl std::error::Error for Format` in crate c is for c's own `Format`
// (a trait impl for a type lives in the type's crate). Nothing here constructs `Text`: quiet.
#[derive(Debug)]
pub enum Format {
    Text,
    Binary,
}

pub fn format() -> Format {
    Format::Binary
}
