//! The statements that came closest when nothing allowed a request (the engine's
//! `closest`): each a link to its words, with every element and condition that failed and the
//! values it compared.

use iam_engine::closest::closest;
use iam_engine::trace::Trace;
use leptos::prelude::*;

use crate::features::result::links::Links;
use crate::store::explain;
use crate::ui::words::words;

/// The closest `Allow` statements of an implicitly denied request, or nothing.
pub fn closest_view(links: Links, t: &Trace) -> Option<AnyView> {
    let list = closest(t);
    if list.is_empty() {
        return None;
    }
    let many = list.len() > 1;
    let items = list
        .into_iter()
        .map(|c| {
            let failed = c.failed_elements.len() + c.failed_conditions.len();
            let title = format!(
                "{} in {} ({}): {failed} of {} failed",
                explain::capitalized(&c.name()),
                links.name(&c.policy_id),
                c.layer,
                failed + c.held
            );
            let mut parts: Vec<AnyView> = c
                .failed_elements
                .iter()
                .map(|e| {
                    let step = links.step(
                        &c.policy_id,
                        explain::element_span(e),
                        false,
                        explain::element_sentence(e),
                    );
                    view! { <li class="element">{step}</li> }.into_any()
                })
                .collect();
            parts.extend(c.failed_conditions.iter().map(|cond| {
                let step = links.step(
                    &c.policy_id,
                    Some(cond.key_span),
                    false,
                    explain::condition_sentence(cond),
                );
                view! {
                    <li class="condition">{step}<p class="reason">{words(&cond.reason)}</p></li>
                }
                .into_any()
            }));
            view! {
                <li class="closest-statement" data-policy=c.policy_id.clone() data-index=c.index>
                    {links.step(&c.policy_id, Some(c.span), false, title)}
                    <ul>{parts}</ul>
                </li>
            }
        })
        .collect_view();
    Some(
        view! {
            <section class="closest" aria-label="Closest statements">
                <h3>{if many { "Closest statements" } else { "Closest statement" }}</h3>
                <p class="hint">"Nothing allowed the request. The Allow statements that failed on the fewest parts:"</p>
                <ul>{items}</ul>
            </section>
        }
        .into_any(),
    )
}
