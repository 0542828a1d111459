use b::Error;

pub fn lose() -> Result<(), Error> {
    Err(Error::Lost)
}

// An error enum by its `impl std::error::Error`, with a variant nothing constructs.
#[derive(Debug)]
pub enum Format {
    Truncated,
    Garbled, //~ unraised-error-variant
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("format")
    }
}

impl std::error::Error for Format {}

pub fn parse() -> Result<(), Format> {
    Err(Format::Truncated)
}
