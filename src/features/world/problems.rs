//! Problems with the World text: each with its line and column, the policy it is about, and
//! help.

use iam_engine::Diagnostic;
use leptos::prelude::*;

use crate::features::world::evaluate::location;
use crate::ui::words::words;

/// The diagnostics as a list (nothing when there are none).
pub fn problems(diags: &[Diagnostic]) -> impl IntoView {
    let items = diags
        .iter()
        .map(|d| {
            let at = location(d)
                .map(|(l, c)| format!("{l}:{c}"))
                .unwrap_or_default();
            let policy = d
                .policy_id
                .as_ref()
                .map(|p| view! { " " <code class="policy-id">{p.clone()}</code> });
            let help = d
                .help
                .as_ref()
                .map(|h| view! { <span class="help">" — " {words(h)}</span> });
            view! {
                <li class:error=d.is_error() class:warning=!d.is_error()>
                    <span class="at">{at}</span>
                    {policy}
                    " "
                    {words(&d.message)}
                    {help}
                </li>
            }
        })
        .collect_view();
    (!diags.is_empty()).then(|| view! { <ul class="world-problems problems">{items}</ul> })
}
