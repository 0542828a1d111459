//! `Cargo.toml` as the manifest rules read it: the spanned TOML tree (the `toml` crate's
//! `DeTable`, whose keys and values carry byte spans) and lookups by dotted path.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::text::TextFile;

/// A parsed manifest; `None` from [`parse`] when the file is not valid TOML (cargo's problem).
pub struct Manifest<'t> {
    pub file: &'t TextFile,
    pub doc: Spanned<DeTable<'t>>,
}

pub fn parse(file: &TextFile) -> Option<Manifest<'_>> {
    let doc = DeTable::parse(&file.text).ok()?;
    Some(Manifest { file, doc })
}

impl<'t> Manifest<'t> {
    /// The value at a dotted path (`["workspace", "lints", "clippy"]`), with the span of its key.
    pub fn get(&self, path: &[&str]) -> Option<(Range<usize>, &Spanned<DeValue<'t>>)> {
        let mut table = self.doc.get_ref();
        let mut found = None;
        for (i, name) in path.iter().enumerate() {
            let (key, value) = table.get_key_value(*name)?;
            found = Some((key.span(), value));
            if i + 1 < path.len() {
                table = as_table(value.get_ref())?;
            }
        }
        found
    }

    pub fn table(&self, path: &[&str]) -> Option<&DeTable<'t>> {
        self.get(path).and_then(|(_, v)| as_table(v.get_ref()))
    }

    /// The directory the manifest is in, relative to the scanned root (`""` for the root).
    pub fn dir(&self) -> &str {
        self.file
            .rel
            .strip_suffix("Cargo.toml")
            .map_or("", |d| d.trim_end_matches('/'))
    }
}

pub fn as_table<'a, 't>(value: &'a DeValue<'t>) -> Option<&'a DeTable<'t>> {
    match value {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

pub fn as_str<'a>(value: &'a DeValue<'_>) -> Option<&'a str> {
    match value {
        DeValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

/// The strings of an array value (other items are skipped).
pub fn strings<'a>(value: &'a DeValue<'_>) -> Vec<&'a str> {
    match value {
        DeValue::Array(items) => items.iter().filter_map(|i| as_str(i.get_ref())).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_lookups_carry_key_spans() {
        let file = TextFile::new(
            "a/Cargo.toml".into(),
            "a".into(),
            "[package]\nname = \"a\"\n\n[lints.clippy]\nallow_attributes = \"deny\"\n".into(),
        );
        let manifest = parse(&file).expect("valid TOML");
        let (span, value) = manifest
            .get(&["lints", "clippy", "allow_attributes"])
            .expect("found");
        assert_eq!(&file.text[span], "allow_attributes");
        assert_eq!(as_str(value.get_ref()), Some("deny"));
        assert_eq!(manifest.dir(), "a");
        assert!(manifest.get(&["lints", "rust"]).is_none());
    }
}
