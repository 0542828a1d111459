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

/// A regex that matches the text of every name [`is_credential_field`] accepts: one of the words
/// (or pairs) between `_`s or the ends of an identifier. A prefilter: it also matches in comments
/// and strings, and in names like `BCRYPT_SECRET_HANDLE`.
pub const CREDENTIAL_FIELD_PATTERN: &str = r"(?i)(?:(?-u:\b)|_)(?:token|password|passwd|secret|credentials?|apikey|auth|authorization|bearer|(?:api|access|private)_+key)(?:(?-u:\b)|_)";

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
    fn the_pattern_finds_every_credential_word_and_pair() {
        let pattern = regex::Regex::new(CREDENTIAL_FIELD_PATTERN).expect("pattern compiles");
        let words = CREDENTIAL_WORDS
            .iter()
            .map(|w| w.to_string())
            .chain(CREDENTIAL_PAIRS.iter().map(|(a, b)| format!("{a}_{b}")));
        for word in words {
            for name in [
                word.clone(),
                format!("db_{word}"),
                format!("{word}_file"),
                format!("x__{word}__y"),
                word.to_ascii_uppercase(),
                format!("r#{word}"),
            ] {
                assert!(is_credential_field(name.trim_start_matches("r#")), "{name}");
                let text = format!("struct C {{ {name}: String }}");
                assert!(pattern.is_match(&text), "{name} is missed by the pattern");
            }
        }
        for no in ["author", "tokenizer", "pbSecret", "monkey"] {
            assert!(!pattern.is_match(no), "{no}");
        }
    }

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
