use serde::Deserialize;
use validator::Validate;

#[derive(Deserialize, Validate)]
pub struct CreateUser {
    #[validate(length(min = 1, max = 64))]
    pub name: String,
}

#[derive(Deserialize, Validate)]
pub struct Search {
    #[validate(length(max = 256))]
    pub q: String,
}

#[derive(Deserialize, Validate)]
pub struct Transfer {
    #[validate(range(min = 1))]
    pub amount: u64,
}

#[derive(Deserialize, Validate)]
pub struct Rename {
    #[validate(length(max = 64))]
    pub name: String,
}

// No `Validate` derive: nothing to forget.
#[derive(Deserialize)]
pub struct Ping {
    pub n: u32,
}

// The service validates a `Transfer` before it uses it: handlers calling it are covered.
pub fn transfer(input: &Transfer) -> Result<(), String> {
    input.validate().map_err(|e| e.to_string())?;
    Ok(())
}

impl Rename {
    // A method of the type that validates itself.
    pub fn checked(self) -> Result<Rename, String> {
        self.validate().map_err(|e| e.to_string())?;
        Ok(self)
    }
}
