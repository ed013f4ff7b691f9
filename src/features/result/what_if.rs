//! "What would make it allowed?" (or, for an allowed request, "what would deny it?"): the
//! engine's smallest changes that flip the decision, each checked by evaluating the request
//! again, or why no change of the context can.

use iam_engine::flip::{Goal, WhatIf};
use leptos::prelude::*;

use crate::ui::words::words;

/// The question as a heading.
pub fn question(goal: Goal) -> &'static str {
    match goal {
        Goal::Allow => "What would make it allowed?",
        Goal::Deny => "What would deny it?",
    }
}

/// The suggestions of `w`, or why there is none.
pub fn what_if_view(w: &WhatIf) -> AnyView {
    let goal = match w.goal {
        Goal::Allow => "allow",
        Goal::Deny => "deny",
    };
    let items = w
        .suggestions
        .iter()
        .map(|s| view! { <li class="suggestion">{words(&s.words())}</li> })
        .collect_view();
    let none = w
        .none
        .as_ref()
        .map(|n| view! { <p class="what-if-none">{words(n)}</p> });
    let cut = w.cut_short.then(|| {
        view! { <p class="hint">"The search stopped at its budget: other changes may exist."</p> }
    });
    view! {
        <section class="what-if" data-goal=goal aria-label=question(w.goal)>
            <h3>{question(w.goal)}</h3>
            <ul class="suggestions">{items}</ul>
            {none}
            {cut}
            <p class="hint">"Each change was checked by evaluating the request again with it."</p>
        </section>
    }
    .into_any()
}
