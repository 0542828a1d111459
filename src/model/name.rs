//! [`Name`]: the model's text (identifiers, types as written), shared.
//!
//! A large workspace's model holds over a million such strings and only a few tens of thousands
//! distinct ones (`String`, `Self`, `Result<(), Error>`, `new`, `Debug`...). The scan interns
//! each file's index as it arrives ([`Interner`]), so every distinct text is stored once and a
//! name costs a pointer: on the vendored corpus that is 30 MB of heap and 14 MB of `String`
//! headers the model no longer keeps.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Immutable, cheaply cloned text; reads as a `&str`.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

// Maps keyed by `Name` are looked up by `&str`: `Arc<str>` hashes and orders as its `str`.
impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name(Arc::from(text))
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name(Arc::from(text))
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name(Arc::from(text.as_str()))
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.0.to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        String::deserialize(deserializer).map(Name::from)
    }
}

/// One copy of each distinct text, for the model of one scan.
#[derive(Default)]
pub struct Interner {
    seen: HashSet<Name>,
}

impl Interner {
    /// Makes `name` share the stored copy of its text, storing a fresh copy the first time (made
    /// on the caller's thread: the model's text then sits together, not in the pages of the
    /// worker that indexed it).
    pub fn intern(&mut self, name: &mut Name) {
        if let Some(stored) = self.seen.get(name.as_str()) {
            if !Arc::ptr_eq(&stored.0, &name.0) {
                *name = stored.clone();
            }
            return;
        }
        let fresh = Name::from(name.as_str());
        self.seen.insert(fresh.clone());
        *name = fresh;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_names_share_one_copy() {
        let mut interner = Interner::default();
        let mut a = Name::from("Result<(), Error>");
        let mut b = Name::from(String::from("Result<(), Error>"));
        assert!(!Arc::ptr_eq(&a.0, &b.0));
        interner.intern(&mut a);
        interner.intern(&mut b);
        assert!(Arc::ptr_eq(&a.0, &b.0));
        let mut other = Name::from("Option<u8>");
        interner.intern(&mut other);
        assert!(!Arc::ptr_eq(&a.0, &other.0));
        assert_eq!(a, "Result<(), Error>");
    }

    #[test]
    fn a_name_reads_and_keys_as_its_text() {
        let name = Name::from("Kind");
        assert_eq!(name.len(), 4);
        assert_eq!(format!("{name}/{name:?}"), "Kind/\"Kind\"");
        let map: std::collections::HashMap<Name, u8> = [(name.clone(), 1)].into();
        assert_eq!(map.get("Kind"), Some(&1));
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, "\"Kind\"");
        assert_eq!(serde_json::from_str::<Name>(&json).unwrap(), name);
    }
}
