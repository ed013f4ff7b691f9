//! Sentences with `backticked` parts, as views: the parts become `<code>`. Always text nodes,
//! never HTML.

use leptos::prelude::*;

use crate::store::explain::{segments, Segment};

/// Text with `backticked` parts shown as code; always text nodes, never HTML.
pub fn words(text: &str) -> impl IntoView {
    segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => view! { <span>{t}</span> }.into_any(),
            Segment::Code(c) => view! { <code>{c}</code> }.into_any(),
        })
        .collect_view()
}
