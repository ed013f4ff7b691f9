//! `iam-sim explain`: the trace as readable text with source snippets.

use std::fmt::Write as _;

use iam_engine::closest::closest;
use iam_engine::flip::WhatIf;
use iam_engine::scenario::Input;
use iam_engine::trace::{ConditionTrace, ElementTrace, LayerVerdict, StatementTrace, Trace};
use iam_engine::Options;
use iam_engine::{EvaluationResult, Outcome, PolicyInput, Span};

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn good(&self, t: &str) -> String {
        self.paint("32", t)
    }
    fn bad(&self, t: &str) -> String {
        self.paint("31", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
}

fn mark(s: &Style, ok: bool) -> String {
    if ok {
        s.good("✔")
    } else {
        s.bad("✘")
    }
}

/// What would flip each result of `input`, asked of the engine with the decision-only path
/// (the search evaluates the request many times) at `opts`'s request time.
pub fn what_if<'a>(
    input: &'a Input,
    opts: &Options,
) -> impl Fn(&EvaluationResult) -> Option<WhatIf> + 'a {
    let quick = Options {
        trace: false,
        ..*opts
    };
    move |r: &EvaluationResult| {
        let (a, res) = (&r.eval_action_name, &r.eval_resource_name);
        match input {
            Input::Policies(s) => iam_engine::flip::what_if(s, &quick, a, res),
            Input::World(w) => iam_engine::flip::what_if_world(w, &quick, a, res),
        }
    }
}

/// Render every result of `outcome` (which must carry traces), each with the closest `Allow`
/// statements when nothing allowed it and what would flip it (`what_if`, asked only for
/// results not expanded from an `ActionNames` pattern).
pub fn render(
    policies: &[PolicyInput],
    outcome: &Outcome,
    color: bool,
    what_if: &dyn Fn(&EvaluationResult) -> Option<WhatIf>,
) -> String {
    let s = Style { on: color };
    let mut out = String::new();
    let texts: Vec<(&str, &str)> = policies
        .iter()
        .map(|p| (p.id.as_str(), p.text.as_str()))
        .collect();
    let results: Vec<_> = outcome.results.iter().flatten().collect();
    let mut group: Option<&str> = None;
    for r in &results {
        if r.action_pattern.as_deref() != group {
            group = r.action_pattern.as_deref();
            if let Some(p) = group {
                let members: Vec<_> = results
                    .iter()
                    .filter(|x| x.action_pattern.as_deref() == Some(p))
                    .collect();
                let allowed = members
                    .iter()
                    .filter(|x| x.eval_decision == iam_engine::EvalDecision::Allowed)
                    .count();
                let explicit = members
                    .iter()
                    .filter(|x| x.eval_decision == iam_engine::EvalDecision::ExplicitDeny)
                    .count();
                let _ = writeln!(
                    out,
                    "{} pattern {p}: {} requests — {allowed} allowed, {explicit} explicitly denied, {} implicitly denied\n",
                    s.bold("▣"),
                    members.len(),
                    members.len() - allowed - explicit
                );
            }
        }
        let decision = match r.eval_decision {
            iam_engine::EvalDecision::Allowed => s.good("ALLOWED"),
            iam_engine::EvalDecision::ExplicitDeny => s.bad("EXPLICIT DENY"),
            iam_engine::EvalDecision::ImplicitDeny => s.bad("IMPLICIT DENY"),
        };
        let _ = writeln!(
            out,
            "{} {} on {}  →  {decision}",
            s.bold("●"),
            s.bold(&r.eval_action_name),
            r.eval_resource_name
        );
        for h in r.chain.iter().flatten() {
            let ok = h.eval_decision == iam_engine::EvalDecision::Allowed;
            let _ = writeln!(
                out,
                "  {} hop {}: {} {} by {} → {}: {}",
                mark(&s, ok),
                h.hop,
                h.api,
                h.role_arn.as_deref().unwrap_or(""),
                h.caller,
                h.eval_decision.as_str(),
                h.reason
            );
            if let Some(arn) = &h.session_arn {
                let tags: Vec<String> = h
                    .session_tags
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                let tags = if tags.is_empty() {
                    String::new()
                } else {
                    format!(" (tags: {})", tags.join(", "))
                };
                let _ = writeln!(out, "      now acting as {arn}{tags}");
            }
        }
        let Some(t) = &r.trace else { continue };
        let account = t.resource_account.as_deref().unwrap_or("unknown");
        let _ = writeln!(
            out,
            "  caller: {}; resource account {account}{}{}",
            t.caller.describe(),
            if t.cross_account {
                " (cross-account)"
            } else {
                ""
            },
            t.special_resource
                .as_deref()
                .map(|k| format!("; special resource: {k}"))
                .unwrap_or_default()
        );
        for (i, layer) in t.layers.iter().enumerate() {
            let verdict = match layer.verdict {
                LayerVerdict::Deny | LayerVerdict::NoAllow => s.bad(&layer.summary),
                LayerVerdict::Allow => s.good(&layer.summary),
                _ => s.dim(&layer.summary),
            };
            let _ = writeln!(out, "  {}. {}: {verdict}", i + 1, layer.label);
            if matches!(layer.verdict, LayerVerdict::Absent) {
                continue;
            }
            for p in &layer.policies {
                let level = p
                    .level
                    .map(|l| format!(" (organization level {l})"))
                    .unwrap_or_default();
                let name = p
                    .name
                    .as_ref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default();
                let note = p
                    .note
                    .as_deref()
                    .map(|n| s.dim(&format!(" — {n}")))
                    .unwrap_or_default();
                let _ = writeln!(out, "     {}{name}{level}{note}", s.bold(&p.policy_id));
                let text = texts
                    .iter()
                    .find(|(id, _)| *id == p.policy_id)
                    .map(|(_, t)| *t)
                    .unwrap_or("");
                for st in &p.statements {
                    statement(&mut out, &s, st, text);
                }
            }
        }
        let _ = writeln!(out, "  decision:");
        for step in &t.steps {
            let arrow = if step.decision.is_some() { "→" } else { "·" };
            let _ = writeln!(out, "    {arrow} [{}] {}", step.rule, step.text);
        }
        if !r.missing_context_values.is_empty() {
            let _ = writeln!(
                out,
                "  missing context values: {}",
                r.missing_context_values.join(", ")
            );
        }
        if !r.unused_context_keys.is_empty() {
            let _ = writeln!(
                out,
                "  unused context keys (no policy refers to them): {}",
                r.unused_context_keys.join(", ")
            );
        }
        near(&mut out, &s, t);
        if r.action_pattern.is_none() {
            if let Some(w) = what_if(r) {
                flips(&mut out, &s, &w);
            }
        }
        out.push('\n');
    }
    out
}

/// The closest `Allow` statements of a request nothing allowed, with what failed.
fn near(out: &mut String, s: &Style, t: &Trace) {
    let list = closest(t);
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "  closest statements (nothing allowed the request):");
    for c in &list {
        let failed = c.failed_elements.len() + c.failed_conditions.len();
        let _ = writeln!(
            out,
            "    {}: {} {} at {}:{}, {failed} of {} failed",
            c.layer,
            s.bold(&c.policy_id),
            c.name(),
            c.span.start_line,
            c.span.start_column,
            failed + c.held
        );
        for e in &c.failed_elements {
            let _ = writeln!(out, "      {} {}: {}", mark(s, false), e.element, e.reason);
        }
        for cond in &c.failed_conditions {
            let _ = writeln!(out, "      {} {}", mark(s, false), condition_words(cond));
        }
    }
}

/// What would make the request allowed (or deny it), each suggestion checked by the engine.
fn flips(out: &mut String, s: &Style, w: &WhatIf) {
    let question = match w.goal {
        iam_engine::flip::Goal::Allow => "what would make it allowed",
        iam_engine::flip::Goal::Deny => "what would deny it",
    };
    let _ = writeln!(out, "  {question}:");
    for sug in &w.suggestions {
        let _ = writeln!(out, "    {} {}", s.good("→"), sug.words());
    }
    if let Some(none) = &w.none {
        let _ = writeln!(out, "    {} {none}", s.dim("·"));
    }
}

/// "Condition StringEquals aws:SourceIp: request has …, policy wants … → false (why)".
fn condition_words(c: &ConditionTrace) -> String {
    let wants: Vec<String> = c
        .policy_values
        .iter()
        .map(|v| match &v.resolved {
            Some(r) if *r != v.text => format!("`{}` (= `{r}`)", v.text),
            Some(_) => format!("`{}`", v.text),
            None => format!("`{}` (unresolved)", v.text),
        })
        .collect();
    let has = if c.key_present {
        c.context_values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        "no value".to_string()
    };
    format!(
        "Condition {} {}: request has {has}, policy wants {} → {} ({})",
        c.operator,
        c.key,
        wants.join(" or "),
        c.result,
        c.reason
    )
}

fn statement(out: &mut String, s: &Style, st: &StatementTrace, text: &str) {
    let name = st
        .sid
        .as_deref()
        .map(|x| format!(" `{x}`"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "       {} statement {}{name} ({:?}) at {}:{}",
        mark(s, st.applies),
        st.index + 1,
        st.effect,
        st.span.start_line,
        st.span.start_column
    );
    let mut first_failure: Option<Span> = None;
    let mut element = |out: &mut String, e: &ElementTrace| {
        let _ = writeln!(
            out,
            "           {} {}: {}",
            mark(s, e.matched),
            e.element,
            e.reason
        );
        if !e.matched && first_failure.is_none() {
            first_failure = e.matched_pattern.as_ref().map(|m| m.span).or(e.span);
        }
    };
    if let Some(p) = &st.principal {
        element(out, p);
    }
    element(out, &st.action);
    element(out, &st.resource);
    for c in &st.conditions {
        let _ = writeln!(
            out,
            "           {} {}",
            mark(s, c.result),
            condition_words(c)
        );
        if !c.result && first_failure.is_none() {
            first_failure = Some(c.key_span);
        }
    }
    if let Some(span) = first_failure {
        snippet(out, s, text, span);
    }
}

fn snippet(out: &mut String, s: &Style, text: &str, span: Span) {
    let Some(line) = text.lines().nth(span.start_line.saturating_sub(1) as usize) else {
        return;
    };
    let shown: String = line.chars().take(160).collect();
    let width = if span.end_line == span.start_line {
        span.end_column.saturating_sub(span.start_column).max(1) as usize
    } else {
        1
    };
    let pad = " ".repeat(span.start_column.saturating_sub(1) as usize);
    let num = span.start_line.to_string();
    let _ = writeln!(out, "             {} {} {shown}", s.dim(&num), s.dim("│"));
    let _ = writeln!(
        out,
        "             {} {} {pad}{}",
        " ".repeat(num.len()),
        s.dim("│"),
        s.bad(&"^".repeat(width))
    );
}
