//! The request context: condition keys and their values, looked up case-insensitively.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

/// The values of a context key: most keys have one, held without a separate allocation.
pub type Values = SmallVec<[String; 1]>;

/// The value types of `ContextKeyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContextKeyType {
    /// `string`
    String,
    /// `stringList`
    StringList,
    /// `numeric`
    Numeric,
    /// `numericList`
    NumericList,
    /// `boolean`
    Boolean,
    /// `booleanList`
    BooleanList,
    /// `ip`
    Ip,
    /// `ipList`
    IpList,
    /// `binary`
    Binary,
    /// `binaryList`
    BinaryList,
    /// `date`
    Date,
    /// `dateList`
    DateList,
}

impl ContextKeyType {
    /// Read the AWS spelling (`stringList`, …), case-insensitively.
    pub fn parse(text: &str) -> Option<Self> {
        use ContextKeyType::*;
        let all = [
            ("string", String),
            ("stringList", StringList),
            ("numeric", Numeric),
            ("numericList", NumericList),
            ("boolean", Boolean),
            ("booleanList", BooleanList),
            ("ip", Ip),
            ("ipList", IpList),
            ("binary", Binary),
            ("binaryList", BinaryList),
            ("date", Date),
            ("dateList", DateList),
        ];
        all.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(text))
            .map(|(_, t)| *t)
    }

    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        use ContextKeyType::*;
        match self {
            String => "string",
            StringList => "stringList",
            Numeric => "numeric",
            NumericList => "numericList",
            Boolean => "boolean",
            BooleanList => "booleanList",
            Ip => "ip",
            IpList => "ipList",
            Binary => "binary",
            BinaryList => "binaryList",
            Date => "date",
            DateList => "dateList",
        }
    }

    /// Whether the type carries several values.
    pub fn is_list(self) -> bool {
        self.as_str().ends_with("List")
    }
}

/// One entry of the scenario's `ContextEntries`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContextEntry {
    /// `ContextKeyName`.
    pub key: String,
    /// `ContextKeyValues`.
    pub values: Vec<String>,
    /// `ContextKeyType`.
    pub key_type: Option<ContextKeyType>,
}

/// Where a context value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueOrigin {
    /// Given in `ContextEntries`.
    Given,
    /// Derived by the engine from the caller, the resource owner or the clock.
    Derived,
}

/// A key's values in the context.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Key name as given (borrowed for the keys the engine derives).
    pub name: Cow<'static, str>,
    /// Values (may be empty: a key given with no values counts as absent).
    pub values: Values,
    /// Declared type.
    pub key_type: Option<ContextKeyType>,
    /// Given or derived.
    pub origin: ValueOrigin,
    /// For derived values: what they were derived from.
    pub from: Option<Cow<'static, str>>,
}

/// The request context of one request. Contexts are small, so look-ups scan a list
/// (case-insensitively) rather than hash.
#[derive(Debug, Clone, Default)]
pub struct Context {
    entries: Vec<Entry>,
}

impl Context {
    /// An empty context with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            entries: Vec::with_capacity(n),
        }
    }

    /// Add an entry; the first entry for a key (case-insensitively) wins. Returns whether it
    /// was added.
    pub fn insert(&mut self, entry: Entry) -> bool {
        if self.get(&entry.name).is_some() {
            return false;
        }
        self.entries.push(entry);
        true
    }

    /// Add an entry whose key none of the entries after the first `checked` can have (the
    /// engine derives each of its keys once): only those are compared. Returns whether it was
    /// added.
    pub(crate) fn insert_after(&mut self, checked: usize, entry: Entry) -> bool {
        let earlier = self.entries.get(..checked).unwrap_or(&self.entries);
        if earlier
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(&entry.name))
        {
            return false;
        }
        self.entries.push(entry);
        true
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Look a key up, case-insensitively.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(key))
    }

    /// The values of a key; empty when absent.
    pub fn values(&self, key: &str) -> &[String] {
        self.get(key).map(|e| e.values.as_slice()).unwrap_or(&[])
    }

    /// The single value a policy variable takes: the first value of a present key.
    pub fn variable(&self, key: &str) -> Option<&str> {
        self.get(key)
            .and_then(|e| e.values.first())
            .map(String::as_str)
    }

    /// Every entry, in insertion order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}
