//! Diagnostics: errors and warnings about the input, each pointing at the text it is about.

use serde::{Deserialize, Serialize};

use super::span::{span_in_file, ByteRange, LineIndex, SourceMap, Span};

/// How bad a diagnostic is. Errors stop evaluation; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The input cannot be evaluated (AWS would reject the policy or the request).
    Error,
    /// Evaluation goes on, but the input is probably not what was meant.
    Warning,
}

/// One message about the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `unknown-element`.
    pub code: &'static str,
    /// Lowercase message without a trailing period; user text in backticks.
    pub message: String,
    /// Optional hint on how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The policy the span points into (`PolicyInputList.1`, `ResourcePolicy`, …); `None` for the
    /// scenario itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
    /// Where, in the policy's own text (or the scenario text when `policy_id` is `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Where, in the scenario file the policy came from (when it was read from one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_span: Option<Span>,
}

impl Diagnostic {
    /// Whether this diagnostic stops evaluation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `LINE:COL` of the best location known (file position first), if any.
    pub fn line_col(&self) -> Option<(u32, u32)> {
        self.file_span
            .or(self.span)
            .map(|s| (s.start_line, s.start_column))
    }
}

/// Collects diagnostics for one source text.
#[derive(Debug)]
pub struct Sink<'a> {
    text: &'a str,
    index: std::cell::OnceCell<LineIndex<'a>>,
    policy_id: Option<std::borrow::Cow<'a, str>>,
    /// Diagnostics gathered so far.
    pub items: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    /// A sink for `text`, labelled with the policy id it belongs to.
    pub fn new(text: &'a str, policy_id: Option<String>) -> Self {
        Self {
            text,
            index: std::cell::OnceCell::new(),
            policy_id: policy_id.map(std::borrow::Cow::Owned),
            items: Vec::new(),
        }
    }

    /// [`Sink::new`] for a policy, borrowing its id (copied only into diagnostics).
    pub fn for_policy(text: &'a str, policy_id: &'a str) -> Self {
        Self {
            text,
            index: std::cell::OnceCell::new(),
            policy_id: Some(std::borrow::Cow::Borrowed(policy_id)),
            items: Vec::new(),
        }
    }

    /// The line index, built on first use (most texts have no diagnostics).
    fn index(&self) -> &LineIndex<'a> {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    /// Locate a range of this text.
    pub fn span(&self, range: ByteRange) -> Span {
        self.index().span(range)
    }

    /// Record an error.
    pub fn error(&mut self, code: &'static str, range: ByteRange, message: impl Into<String>) {
        self.push(Severity::Error, code, range, message.into(), None);
    }

    /// Record an error with a hint.
    pub fn error_help(
        &mut self,
        code: &'static str,
        range: ByteRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            Severity::Error,
            code,
            range,
            message.into(),
            Some(help.into()),
        );
    }

    /// Record a warning.
    pub fn warn(&mut self, code: &'static str, range: ByteRange, message: impl Into<String>) {
        self.push(Severity::Warning, code, range, message.into(), None);
    }

    /// Record a warning with a hint.
    pub fn warn_help(
        &mut self,
        code: &'static str,
        range: ByteRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            Severity::Warning,
            code,
            range,
            message.into(),
            Some(help.into()),
        );
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        range: ByteRange,
        message: String,
        help: Option<String>,
    ) {
        let span = Some(self.index().span(range));
        self.items.push(Diagnostic {
            severity,
            code,
            message,
            help,
            policy_id: self.policy_id.as_deref().map(str::to_string),
            span,
            file_span: None,
        });
    }

    /// Whether an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
}

/// Give each diagnostic a position in the scenario file the policies were read from, using
/// the `origins` of a `Scenario` or a `WorldScenario`.
pub fn locate_in_file(diags: &mut [Diagnostic], origins: &[(String, SourceMap)], file_text: &str) {
    let index = LineIndex::new(file_text);
    for d in diags {
        if let (Some(id), Some(span)) = (&d.policy_id, d.span) {
            if let Some(at) = span_in_file(origins, id, span, &index) {
                d.file_span = Some(at);
            }
        }
    }
}
