//! What both scenario forms read alike: a policy (a JSON string or object) with where its
//! text came from in the file, and context entries.

use crate::policy::managed::{is_reference, ManagedPolicies, ManagedPolicy};
use crate::policy::values;
use crate::request::context::{ContextEntry, ContextKeyType};
use crate::text::diag::{Diagnostic, Severity, Sink};
use crate::text::json::{Member, Node, Value};
use crate::text::span::{ByteRange, LineIndex, SourceMap};

/// One policy as the user wrote it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyInput {
    /// `PolicyInputList.1`, `ResourcePolicy`, … (used in diagnostics and `MatchedStatements`).
    pub id: String,
    /// The policy JSON text (for an AWS managed policy named by ARN: its document).
    pub text: String,
    /// The AWS managed policy this policy names, when it was written as its ARN.
    pub managed: Option<ManagedRef>,
}

/// An AWS managed policy named by ARN in a scenario (`policy::managed`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManagedRef {
    /// `ReadOnlyAccess`.
    pub name: String,
    /// `arn:aws:iam::aws:policy/ReadOnlyAccess`.
    pub arn: String,
    /// The document's version, `v123`.
    pub version: String,
}

impl ManagedRef {
    /// How traces name it: `ReadOnlyAccess (AWS managed, v123)`.
    pub fn label(&self) -> String {
        format!("{} (AWS managed, {})", self.name, self.version)
    }
}

impl PolicyInput {
    /// A policy with an id.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
            managed: None,
        }
    }

    /// The AWS managed policy `p`, under `id`: its document, remembering which policy it is.
    pub fn managed(id: impl Into<String>, p: &ManagedPolicy<'_>) -> Self {
        Self {
            id: id.into(),
            text: p.pretty_document(),
            managed: Some(ManagedRef {
                name: p.name.to_string(),
                arn: p.arn.to_string(),
                version: p.version.to_string(),
            }),
        }
    }
}

/// Reads the parts of a scenario from its spanned JSON tree: problems go to `sink`, and where
/// each policy's text came from goes to `origins`.
pub(crate) struct Reader<'a, 's> {
    pub(crate) text: &'a str,
    pub(crate) sink: &'s mut Sink<'a>,
    pub(crate) origins: Vec<(String, SourceMap)>,
    /// The AWS managed policies, when the caller loaded them.
    pub(crate) managed: Option<&'s ManagedPolicies>,
}

impl Reader<'_, '_> {
    /// A policy written as an ARN (`arn:aws:iam::aws:policy/NAME`): the AWS managed policy's
    /// document, or an error at the string (unknown name with "did you mean", not an AWS
    /// managed policy, or no managed-policy data loaded).
    pub(crate) fn reference(&mut self, node: &Node, arn: &str, id: String) -> Option<PolicyInput> {
        let arn = arn.trim();
        let Some(managed) = self.managed else {
            self.sink.error_help(
                "managed-policies-not-loaded",
                node.range,
                format!("`{arn}` names a managed policy, but the AWS managed policies were not loaded"),
                "the caller must pass the parsed data file (crates/engine/data/aws-managed-policies.txt)",
            );
            return None;
        };
        match lookup(managed, arn) {
            Ok(p) => Some(PolicyInput::managed(id, &p)),
            Err((message, help)) => {
                self.sink
                    .error_help("unknown-managed-policy", node.range, message, help);
                None
            }
        }
    }

    /// A policy: a JSON string (its decoded text, mapped back into the file), an object (its
    /// text as written), or an AWS managed policy's ARN.
    pub(crate) fn policy(&mut self, node: &Node, id: String) -> Option<PolicyInput> {
        match &node.value {
            Value::String(s) if is_reference(s.text) => self.reference(node, s.text, id),
            Value::String(s) => {
                // The string's content starts one byte after the opening quote.
                self.origins.push((id.clone(), s.map()));
                Some(PolicyInput::new(id, s.text.to_string()))
            }
            Value::Object(_) => {
                let text = self
                    .text
                    .get(node.range.start..node.range.end)
                    .unwrap_or_default()
                    .to_string();
                self.origins
                    .push((id.clone(), SourceMap::shifted(node.range.start)));
                Some(PolicyInput::new(id, text))
            }
            _ => {
                self.sink.error(
                    "wrong-type",
                    node.range,
                    format!("`{id}` must be a policy: a JSON string or object"),
                );
                None
            }
        }
    }

    /// The items of an array-valued member (an error, and none, when it is not an array).
    pub(super) fn array<'n, 't>(&mut self, m: &'n Member<'t>) -> &'n [Node<'t>] {
        match &m.value.value {
            Value::Array(items) => items,
            _ => {
                self.sink.error(
                    "wrong-type",
                    m.value.range,
                    format!("`{}` must be an array", m.key),
                );
                &[]
            }
        }
    }

    /// `ContextEntries`: every entry checked against its declared type.
    pub(crate) fn context(&mut self, m: &Member) -> Vec<ContextEntry> {
        let items = self.array(m);
        let mut out: Vec<ContextEntry> = Vec::with_capacity(items.len());
        for n in items {
            let Value::Object(fields) = &n.value else {
                self.sink.error("wrong-type", n.range, "a context entry must be an object with `ContextKeyName` and `ContextKeyValues`");
                continue;
            };
            let mut entry = ContextEntry::default();
            let mut name_range = n.range;
            // Held inline: an entry has a few values.
            let mut value_nodes: smallvec::SmallVec<[&Node; 4]> = smallvec::SmallVec::new();
            let mut type_range = None;
            for f in fields.iter() {
                match f.key {
                    "ContextKeyName" => match f.value.as_str() {
                        Some(s) => {
                            entry.key = s.to_string();
                            name_range = f.value.range;
                        }
                        None => self.sink.error("wrong-type", f.value.range, "`ContextKeyName` must be a string"),
                    },
                    "ContextKeyValues" => match &f.value.value {
                        Value::Array(vs) => value_nodes.extend(vs.iter()),
                        _ => value_nodes.push(&f.value),
                    },
                    "ContextKeyType" => match f.value.as_str().and_then(ContextKeyType::parse) {
                        Some(t) => {
                            entry.key_type = Some(t);
                            type_range = Some(f.value.range);
                        }
                        None => self.sink.error(
                            "invalid-value",
                            f.value.range,
                            "`ContextKeyType` must be one of string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList",
                        ),
                    },
                    other => self.sink.warn("unknown-element", f.key_range, format!("unknown context entry field `{other}`")),
                }
            }
            if entry.key.is_empty() {
                self.sink.error(
                    "missing-element",
                    n.range,
                    "the context entry has no `ContextKeyName`",
                );
                continue;
            }
            entry.values.reserve_exact(value_nodes.len());
            for v in value_nodes {
                let text = match &v.value {
                    Value::String(s) => s.text.to_string(),
                    Value::Number(x) => x.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => {
                        self.sink
                            .error("wrong-type", v.range, "a context value must be a string");
                        continue;
                    }
                };
                if let Some(problem) = entry.key_type.and_then(|t| check_context_value(t, &text)) {
                    self.sink.error(
                        "invalid-value",
                        v.range,
                        format!("context key `{}`: {problem}", entry.key),
                    );
                }
                entry.values.push(text);
            }
            if let (Some(t), Some(r)) = (entry.key_type, type_range) {
                if !t.is_list() && entry.values.len() > 1 {
                    self.sink.warn(
                        "several-values",
                        r,
                        format!(
                            "`{}` is a single-valued type but {} values were given",
                            t.as_str(),
                            entry.values.len()
                        ),
                    );
                }
            }
            if out.iter().any(|e| e.key.eq_ignore_ascii_case(&entry.key)) {
                self.sink.warn(
                    "duplicate-context-key",
                    name_range,
                    format!("context key `{}` is given twice (key names are case-insensitive); the first entry is used", entry.key),
                );
                continue;
            }
            out.push(entry);
        }
        out
    }
}

/// The AWS managed policy `arn` names, or why none: a message and a hint ("did you mean").
fn lookup<'m>(
    managed: &'m ManagedPolicies,
    arn: &str,
) -> Result<ManagedPolicy<'m>, (String, String)> {
    if let Some(p) = managed.by_arn(arn) {
        return Ok(p);
    }
    Err(if !arn.starts_with(crate::policy::managed::ARN_PREFIX) {
        (
            format!("`{arn}` is not an AWS managed policy: only `arn:aws:iam::aws:policy/…` can stand for a document"),
            "paste the policy's document instead (a customer managed policy's document is not known here)".to_string(),
        )
    } else {
        (
            format!(
                "`{arn}` is not an AWS managed policy ({} {})",
                managed.source().0,
                managed.source().1
            ),
            match managed.suggest(arn) {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    "names are case-sensitive; paths such as `service-role/` are part of the ARN"
                        .into()
                }
            },
        )
    })
}

/// A policy document whose whole text is an AWS managed policy's ARN (optionally in quotes, as
/// an editor holds it) resolved to that policy: `None` when the text is not such a reference;
/// `Some(Err(..))` with an error placed on the ARN in `text` when no such policy exists.
pub fn resolve_reference(
    id: &str,
    text: &str,
    managed: &ManagedPolicies,
) -> Option<Result<PolicyInput, Diagnostic>> {
    let (arn, range) = reference_in(text)?;
    Some(match lookup(managed, arn) {
        Ok(p) => Ok(PolicyInput::managed(id, &p)),
        Err((message, help)) => Err(Diagnostic {
            severity: Severity::Error,
            code: "unknown-managed-policy",
            message,
            help: Some(help),
            policy_id: Some(id.to_string()),
            span: Some(LineIndex::new(text).span(range)),
            file_span: None,
        }),
    })
}

/// The ARN a whole policy text consists of (trimmed, quotes allowed), with its range.
pub fn reference_in(text: &str) -> Option<(&str, ByteRange)> {
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let (arn, start) = match trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => (inner, start + 1),
        None => (trimmed, start),
    };
    (is_reference(arn) && !arn.contains(char::is_whitespace))
        .then(|| (arn, ByteRange::new(start, start + arn.len())))
}

/// Why a context value does not fit its declared type, if it does not.
pub fn check_context_value(t: ContextKeyType, text: &str) -> Option<String> {
    use ContextKeyType::*;
    let ok = match t {
        String | StringList => true,
        Numeric | NumericList => values::number(text).is_some(),
        Boolean | BooleanList => values::boolean(text).is_some(),
        Ip | IpList => values::cidr(text).is_some(),
        Binary | BinaryList => values::base64(text).is_some(),
        Date | DateList => values::date(text).is_some(),
    };
    (!ok).then(|| format!("`{text}` is not a valid {} value", t.as_str()))
}
