//! Names of fields that hold credentials, for `insecure-default-url`: a configuration with one of
//! these sends it to the URL it is configured with.

/// A field holds a credential when one of its `_`-separated words is one of these
/// (`api_token`, `db_password`, `client_secret`, `auth`...).
pub const CREDENTIAL_WORDS: &[&str] = &[
    "token",
    "password",
    "passwd",
    "secret",
    "credential",
    "credentials",
    "apikey",
    "auth",
    "authorization",
    "bearer",
];

/// Two-word names that are credentials only together (`api_key`, `access_key`, `private_key`).
pub const CREDENTIAL_PAIRS: &[(&str, &str)] =
    &[("api", "key"), ("access", "key"), ("private", "key")];

/// Whether a field called `name` holds a credential.
pub fn is_credential_field(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| CREDENTIAL_WORDS.contains(w))
        || words
            .windows(2)
            .any(|pair| CREDENTIAL_PAIRS.contains(&(pair[0], pair[1])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_substrings() {
        for yes in [
            "token",
            "api_token",
            "db_password",
            "client_secret",
            "api_key",
            "auth",
        ] {
            assert!(is_credential_field(yes), "{yes}");
        }
        for no in [
            "author",
            "tokenizer",
            "key",
            "monkey",
            "passwords_policy_url",
            "secretary",
        ] {
            assert!(!is_credential_field(no), "{no}");
        }
    }
}
