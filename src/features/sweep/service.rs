//! One service of the sweep: its counts, per-level counts, and (when open) its actions that pass
//! the filter.

use std::collections::HashSet;
use std::sync::Arc;

use iam_worker::protocol::{ServiceRow, SweepReply};
use leptos::prelude::*;

use crate::features::sweep::action::ActionRowView;
use crate::features::sweep::counts::counts_text;
use crate::features::sweep::filter::Filter;
use crate::ui::details::details_open;

/// Actions listed at most per service.
const MAX_ACTIONS: usize = 400;

/// A service: its counts, per-level counts, and (when open) its actions that pass the filter.
#[component]
pub fn ServiceGroup(
    service: Arc<SweepReply>,
    index: usize,
    filter: Memo<Filter>,
    open_set: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let Some(s) = service.services.get(index).cloned() else {
        return ().into_any();
    };
    let prefix = s.prefix.clone();
    let open = Memo::new(move |_| open_set.with(|o| o.contains(&prefix)));
    let toggled = s.prefix.clone();
    let levels = s
        .levels
        .iter()
        .map(|l| {
            view! {
                <span class="level-count" title=counts_text(&l.counts)>
                    {format!("{} {}/{}", l.level.label(), l.counts.allowed, l.counts.total)}
                </span>
            }
        })
        .collect_view();
    let rows = move || {
        if !open.get() {
            return None;
        }
        let s: &ServiceRow = service.services.get(index)?;
        let f = filter.get();
        let kept: Vec<_> = s
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| f.keeps(&s.prefix, a.name(), a.level(), a.decision()))
            .collect();
        let more = kept.len().saturating_sub(MAX_ACTIONS);
        let items = kept
            .into_iter()
            .take(MAX_ACTIONS)
            .map(|(i, a)| {
                let on_star = s.on_star.contains(&i);
                let allowed_on = s
                    .allowed_on
                    .iter()
                    .find(|(at, _)| *at == i)
                    .and_then(|(_, n)| service.named_resources.get(*n).cloned());
                view! {
                    <ActionRowView full=format!("{}:{}", s.prefix, a.name()) level=a.level()
                        decision=a.decision() allowed_on on_star/>
                }
            })
            .collect_view();
        Some(view! {
            <ul class="sweep-actions">{items}</ul>
            {(more > 0).then(|| view! { <p class="hint">{format!("{more} more — narrow the filter")}</p> })}
        })
    };
    view! {
        <details class="sweep-service" data-service=s.prefix.clone() prop:open=open
            on:toggle=move |ev| {
                let now_open = details_open(&ev);
                if now_open != open.get_untracked() {
                    open_set.update(|o| {
                        if now_open {
                            o.insert(toggled.clone());
                        } else {
                            o.remove(&toggled);
                        }
                    });
                }
            }>
            <summary>
                <code class="prefix">{s.prefix.clone()}</code>
                " "
                <span class="name">{s.name.clone()}</span>
                " "
                <span class="counts">
                    <span class="badge" data-decision="allowed">{s.counts.allowed}</span>
                    " "
                    <span class="badge" data-decision="explicitDeny">{s.counts.explicit_deny}</span>
                    " of "
                    {s.counts.total}
                </span>
                " "
                <span class="levels">{levels}</span>
            </summary>
            {rows}
        </details>
    }
    .into_any()
}
