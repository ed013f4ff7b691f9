//! The sweep's filters: text, decision and access level, and the `<select>`s that set them.

use iam_engine::catalog::AccessLevel;
use iam_engine::EvalDecision;
use leptos::prelude::*;

use crate::store::explain::decision_class;

fn level_filter_value(l: AccessLevel) -> &'static str {
    match l {
        AccessLevel::List => "list",
        AccessLevel::Read => "read",
        AccessLevel::Write => "write",
        AccessLevel::PermissionsManagement => "permissions",
        AccessLevel::Tagging => "tagging",
    }
}

/// What the filters keep.
#[derive(Clone, PartialEq)]
pub struct Filter {
    /// Text the action name contains (lower case).
    pub text: String,
    /// `any` or a decision.
    pub decision: String,
    /// `any` or an access level.
    pub level: String,
}

impl Filter {
    /// Whether an action passes the filter.
    pub fn keeps(&self, prefix: &str, name: &str, level: AccessLevel, d: EvalDecision) -> bool {
        (self.decision == "any" || decision_class(d) == self.decision)
            && (self.level == "any" || level_filter_value(level) == self.level)
            && (self.text.is_empty() || {
                let full = format!("{prefix}:{name}").to_lowercase();
                full.contains(&self.text)
            })
    }
}

/// A labelled `<select>` bound to `value`, with `(value, label)` options.
pub fn choice(
    label: &'static str,
    class: &'static str,
    value: RwSignal<String>,
    options: &[(&'static str, &'static str)],
) -> impl IntoView {
    let options = options
        .iter()
        .map(|(v, l)| view! { <option value=*v>{*l}</option> })
        .collect_view();
    view! {
        <label>{label}
            <select class=class on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()>
                {options}
            </select>
        </label>
    }
}
