//! The World mode: one editor holding a World scenario (users, groups, roles, organization,
//! resources and a request made after a chain of STS calls), evaluated on every edit with
//! [`iam_engine::simulate_world`]. Shows parse errors with line:column, a summary of the world
//! (organization tree, accounts with their users, groups, roles and whom they trust, resources
//! with tags), the chain of hops with each hop's decision, and the final decisions with their
//! trace. Nothing leaves the page; user text is only ever shown as text.

use std::rc::Rc;
use std::sync::Arc;

use iam_engine::chain::HopResult;
use iam_engine::scenario::{parse_input, Input};
use iam_engine::span::LineIndex;
use iam_engine::trace::{StatementTrace, Trace};
use iam_engine::world::{OrgNode, Tags, WorldScenario};
use iam_engine::{
    simulate_world, span_in_file, Diagnostic, EvalDecision, EvaluationResult, Options, Span,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::explain;
use crate::monaco::{Marker, MarkerSeverity, Monaco};
use crate::result::words;
use crate::store::{now_seconds, Store, EDIT_DEBOUNCE_MS};
use crate::world_example::{
    account_of, short_name, trusted_principals, WORLD_EXAMPLE, WORLD_EXAMPLES,
};

/// The Monaco model key of the World document: far above the policy documents' keys.
pub const WORLD_DOC_KEY: u32 = u32::MAX - 16;

/// A successful evaluation of a World scenario.
#[derive(Debug)]
struct Good {
    world: WorldScenario,
    results: Vec<EvaluationResult>,
    /// The text evaluated (to place trace spans in it).
    text: String,
}

impl Good {
    /// Where a span of a policy of the World lies in the World text.
    fn file_span(&self, policy_id: &str, span: Span) -> Option<Span> {
        let index = LineIndex::new(&self.text);
        span_in_file(&self.world.origins, policy_id, span, &index)
    }
}

/// What a click on a statement of a World trace needs: the editor, and the text it holds.
#[derive(Clone, Copy)]
struct WorldEditor {
    editor: RwSignal<Option<Rc<Monaco>>, LocalStorage>,
    text: RwSignal<String>,
}

impl WorldEditor {
    /// Select a statement's text in the World editor (when the result is of the current text).
    fn select(self, good: &Good, policy_id: &str, span: Span) {
        if self.text.with_untracked(|t| *t != good.text) {
            return;
        }
        let Some(at) = good.file_span(policy_id, span) else {
            return;
        };
        if let Some(ed) = self.editor.get_untracked() {
            let _ = ed.focus_range(WORLD_DOC_KEY, explain::range_of(&at));
        }
    }
}

/// What the World mode shows for the current text.
#[derive(Debug, Clone, Default)]
struct WorldEval {
    /// The last evaluation without errors.
    good: Option<Arc<Good>>,
    /// Whether `good` comes from an earlier text (the current one has errors).
    stale: bool,
    /// Errors and warnings of the current text.
    diagnostics: Arc<Vec<Diagnostic>>,
    /// Set when the text is a v1 (policy list) scenario.
    not_world: bool,
}

fn evaluate(text: &str, previous: &WorldEval, now: i64) -> WorldEval {
    let keep = |diagnostics: Vec<Diagnostic>, not_world: bool| WorldEval {
        good: previous.good.clone(),
        stale: previous.good.is_some(),
        diagnostics: Arc::new(diagnostics),
        not_world,
    };
    let (ws, warnings) = match parse_input(text) {
        Err(diags) => return keep(diags, false),
        Ok((Input::Policies(_), w)) => return keep(w, true),
        Ok((Input::World(ws), w)) => (ws, w),
    };
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(now),
    };
    let outcome = simulate_world(&ws, &opts);
    let mut diagnostics = warnings;
    diagnostics.extend(outcome.diagnostics.iter().cloned());
    match outcome.results {
        Some(results) if !outcome.has_errors() => WorldEval {
            good: Some(Arc::new(Good {
                world: *ws,
                results,
                text: text.to_string(),
            })),
            stale: false,
            diagnostics: Arc::new(diagnostics),
            not_world: false,
        },
        _ => keep(diagnostics, false),
    }
}

/// `LINE:COL` of a diagnostic in the scenario text, when it is known there.
fn location(d: &Diagnostic) -> Option<(u32, u32)> {
    d.file_span
        .or(if d.policy_id.is_none() { d.span } else { None })
        .map(|s| (s.start_line, s.start_column))
}

fn markers(diags: &[Diagnostic]) -> Vec<Marker> {
    diags
        .iter()
        .filter_map(|d| {
            let span = d
                .file_span
                .or(if d.policy_id.is_none() { d.span } else { None })?;
            let message = match &d.help {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            };
            Some(Marker {
                range: explain::range_of(&span),
                message,
                severity: if d.is_error() {
                    MarkerSeverity::Error
                } else {
                    MarkerSeverity::Warning
                },
                code: d.code.to_string(),
            })
        })
        .collect()
}

fn badge(d: EvalDecision) -> impl IntoView {
    view! {
        <span class="badge" data-decision=explain::decision_class(d)>
            {explain::decision_label(d)}
        </span>
    }
}

fn tag_list(tags: &Tags) -> impl IntoView {
    let items = tags
        .iter()
        .map(|(k, v)| view! { <li><code>{format!("{k}={v}")}</code></li> })
        .collect_view();
    (!tags.is_empty()).then(|| view! { <ul class="tags" aria-label="Tags">{items}</ul> })
}

/// Every account mentioned by the world, in order of appearance (organization first).
fn accounts(ws: &WorldScenario) -> Vec<String> {
    fn walk(n: &OrgNode, out: &mut Vec<String>) {
        out.extend(n.accounts.iter().map(|a| a.id.clone()));
        for c in &n.children {
            walk(c, out);
        }
    }
    let w = &ws.world;
    let mut out = Vec::new();
    if let Some(org) = &w.organization {
        out.extend(org.management_account.iter().cloned());
        walk(&org.root, &mut out);
    }
    let arns = w
        .users
        .iter()
        .map(|u| u.arn.as_str())
        .chain(w.groups.iter().map(|g| g.arn.as_str()))
        .chain(w.roles.iter().map(|r| r.arn.as_str()));
    out.extend(arns.filter_map(account_of).map(str::to_string));
    out.extend(w.resources.iter().filter_map(|r| {
        r.account
            .clone()
            .or_else(|| account_of(&r.arn).map(str::to_string))
    }));
    let mut seen = Vec::new();
    out.retain(|a| {
        let new = !seen.contains(a);
        seen.push(a.clone());
        new
    });
    out
}

/// Users, groups, roles and resources of one account.
fn account_contents(ws: &WorldScenario, account: &str) -> impl IntoView {
    let w = &ws.world;
    let in_account = |arn: &str| account_of(arn) == Some(account);
    let users = w
        .users
        .iter()
        .filter(|u| in_account(&u.arn))
        .map(|u| {
            let groups = u
                .groups
                .iter()
                .map(|g| short_name(g).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let groups = (!groups.is_empty()).then(|| {
                view! { <span class="muted">" in groups "</span><span class="groups">{groups}</span> }
            });
            let mfa = (!u.mfa_devices.is_empty())
                .then(|| view! { <span class="muted">" · MFA device"</span> });
            view! {
                <li class="world-user">
                    <span class="kind">"user "</span>
                    <code title=u.arn.clone()>{short_name(&u.arn).to_string()}</code>
                    {groups}
                    {mfa}
                    {tag_list(&u.tags)}
                </li>
            }
        })
        .collect_view();
    let groups = w
        .groups
        .iter()
        .filter(|g| in_account(&g.arn))
        .map(|g| {
            let n = g.policies.len();
            view! {
                <li class="world-group">
                    <span class="kind">"group "</span>
                    <code title=g.arn.clone()>{short_name(&g.arn).to_string()}</code>
                    <span class="muted">{format!(" · {n} polic{}", if n == 1 { "y" } else { "ies" })}</span>
                </li>
            }
        })
        .collect_view();
    let roles = w
        .roles
        .iter()
        .filter(|r| in_account(&r.arn))
        .map(|r| {
            let trusts = r
                .trust_policy
                .as_ref()
                .map(|t| trusted_principals(&t.text))
                .unwrap_or_default();
            let trusts = if trusts.is_empty() {
                view! { <span class="muted">" · trusts no one"</span> }.into_any()
            } else {
                let items = trusts
                    .into_iter()
                    .map(|t| view! { <li><code>{t}</code></li> })
                    .collect_view();
                view! { <span class="muted">" · trusts"</span><ul class="trusts">{items}</ul> }
                    .into_any()
            };
            view! {
                <li class="world-role">
                    <span class="kind">"role "</span>
                    <code title=r.arn.clone()>{short_name(&r.arn).to_string()}</code>
                    {trusts}
                    {tag_list(&r.tags)}
                </li>
            }
        })
        .collect_view();
    let resources = w
        .resources
        .iter()
        .filter(|r| r.account.as_deref().or_else(|| account_of(&r.arn)) == Some(account))
        .map(|r| {
            let policy = r
                .policy
                .is_some()
                .then(|| view! { <span class="muted">" · resource policy"</span> });
            view! {
                <li class="world-resource">
                    <span class="kind">"resource "</span>
                    <code>{r.arn.clone()}</code>
                    {policy}
                    {tag_list(&r.tags)}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="world-members">{users}{groups}{roles}{resources}</ul> }
}

fn account_node(ws: &WorldScenario, account: &str) -> impl IntoView {
    let management = ws
        .world
        .organization
        .as_ref()
        .and_then(|o| o.management_account.as_deref())
        == Some(account);
    view! {
        <li class="world-account" data-account=account.to_string()>
            <span class="kind">"account "</span>
            <code>{account.to_string()}</code>
            {management.then(|| view! { <span class="muted">" (management)"</span> })}
            {account_contents(ws, account)}
        </li>
    }
}

fn org_node(ws: &WorldScenario, n: &OrgNode) -> AnyView {
    let policies = format!(
        " · {} SCP{}, {} RCP{}",
        n.scps.len(),
        if n.scps.len() == 1 { "" } else { "s" },
        n.rcps.len(),
        if n.rcps.len() == 1 { "" } else { "s" }
    );
    let kind = if n.id.starts_with("r-") {
        "root "
    } else {
        "OU "
    };
    let accounts = n
        .accounts
        .iter()
        .map(|a| account_node(ws, &a.id))
        .collect_view();
    let children = n.children.iter().map(|c| org_node(ws, c)).collect_view();
    view! {
        <li class="world-ou">
            <span class="kind">{kind}</span>
            <code>{n.id.clone()}</code>
            <span class="muted">{policies}</span>
            <ul>{accounts}{children}</ul>
        </li>
    }
    .into_any()
}

fn summary(ws: &WorldScenario) -> impl IntoView {
    let mut in_org = Vec::new();
    let org = ws.world.organization.as_ref().map(|o| {
        fn walk(n: &OrgNode, out: &mut Vec<String>) {
            out.extend(n.accounts.iter().map(|a| a.id.clone()));
            n.children.iter().for_each(|c| walk(c, out));
        }
        walk(&o.root, &mut in_org);
        let management = o
            .management_account
            .as_ref()
            .filter(|m| !in_org.contains(m))
            .map(|m| account_node(ws, m));
        if let Some(m) = &o.management_account {
            in_org.push(m.clone());
        }
        view! {
            <li class="world-org">
                <span class="kind">"organization "</span>
                <code>{o.id.clone()}</code>
                <ul>{management}{org_node(ws, &o.root)}</ul>
            </li>
        }
    });
    let outside = accounts(ws)
        .into_iter()
        .filter(|a| !in_org.contains(a))
        .map(|a| account_node(ws, &a))
        .collect_view();
    let unplaced = ws
        .world
        .resources
        .iter()
        .filter(|r| r.account.is_none() && account_of(&r.arn).is_none())
        .map(|r| {
            view! {
                <li class="world-resource">
                    <span class="kind">"resource "</span>
                    <code>{r.arn.clone()}</code>
                    <span class="muted">" · account not given"</span>
                    {tag_list(&r.tags)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="world-summary" aria-label="World summary">
            <h3>"The world"</h3>
            <ul class="world-tree">{org}{outside}{unplaced}</ul>
        </section>
    }
}

fn compact_trace(good: &Arc<Good>, t: &Trace) -> impl IntoView {
    let steps = crate::trace_view::steps_view(&t.steps);
    let layers = t
        .layers
        .iter()
        .map(|l| {
            let class = explain::verdict_class(l.verdict);
            let policies = l
                .policies
                .iter()
                .map(|p| {
                    let applying = p.statements.iter().filter(|s| s.applies).count();
                    let statements = p
                        .statements
                        .iter()
                        .filter(|s| s.applies)
                        .map(|s| statement_button(good, &p.policy_id, s))
                        .collect_view();
                    view! {
                        <li>
                            <code class="policy-id">{p.policy_id.clone()}</code>
                            <span class="muted">
                                {format!(" · {applying} of {} statements apply", p.statements.len())}
                            </span>
                            " "
                            {statements}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class=format!("layer {class}")>
                    <strong>{l.label.clone()}</strong>
                    ": "
                    <span class="verdict">{words(&l.summary)}</span>
                    <ul>{policies}</ul>
                </li>
            }
        })
        .collect_view();
    let who = crate::trace_view::who_line(t);
    view! {
        <div class="trace world-trace">
            <p class="who">{words(&who)}</p>
            <ol class="steps">{steps}</ol>
            <ol class="layers">{layers}</ol>
            {crate::trace_view::context_table(t)}
        </div>
    }
}

/// A statement that applies, as a button selecting its text in the World editor.
fn statement_button(good: &Arc<Good>, policy_id: &str, s: &StatementTrace) -> impl IntoView {
    let jump = use_context::<WorldEditor>();
    let good = good.clone();
    let id = policy_id.to_string();
    let span = s.span;
    let label = match &s.sid {
        Some(sid) => format!("{:?} {sid}", s.effect),
        None => format!("{:?} statement {}", s.effect, s.index + 1),
    };
    view! {
        <button type="button" class="span-link world-statement"
            title="Select this statement in the World editor"
            on:click=move |_| {
                if let Some(j) = jump {
                    j.select(&good, &id, span);
                }
            }>
            {label}
        </button>
    }
}

fn result_item(good: &Arc<Good>, r: &EvaluationResult, open: bool) -> impl IntoView {
    let trace = r.trace.as_ref().map(|t| compact_trace(good, t));
    let missing = (!r.missing_context_values.is_empty()).then(|| {
        view! {
            <p class="muted">"Missing context keys: " {r.missing_context_values.join(", ")}</p>
        }
    });
    view! {
        <li class="world-result" data-decision=explain::decision_class(r.eval_decision)>
            <details open=open>
                <summary>
                    {badge(r.eval_decision)}
                    " "
                    <code>{r.eval_action_name.clone()}</code>
                    <span class="on">" on "</span>
                    <code class="resource">{r.eval_resource_name.clone()}</code>
                </summary>
                {missing}
                {trace}
            </details>
        </li>
    }
}

fn hop_item(good: &Arc<Good>, h: &HopResult) -> impl IntoView {
    let target = h
        .role_arn
        .as_ref()
        .map(|r| view! { " → " <code>{r.clone()}</code> });
    let session = h.session_arn.as_ref().map(|s| {
        view! { <p class="session">"Session: " <code class="session-arn">{s.clone()}</code></p> }
    });
    let tags = (!h.session_tags.is_empty()).then(|| {
        view! { <div class="session-tags">"Session tags: " {tag_list(&h.session_tags)}</div> }
    });
    let calls = h
        .evaluation_results
        .iter()
        .map(|r| result_item(good, r, false))
        .collect_view();
    view! {
        <li class="hop" data-hop=h.hop data-decision=explain::decision_class(h.eval_decision)>
            <div class="hop-head">
                <span class="hop-number">{format!("Hop {}", h.hop + 1)}</span>
                " "
                {badge(h.eval_decision)}
                " "
                <strong>{h.api.clone()}</strong>
                {target}
            </div>
            <p class="hop-caller">"Called by " <code>{h.caller.clone()}</code></p>
            <p class="reason">{words(&h.reason)}</p>
            {session}
            {tags}
            <ul class="world-results hop-calls">{calls}</ul>
        </li>
    }
}

fn chain_view(good: &Arc<Good>) -> impl IntoView {
    let req = &good.world.request;
    let chain = good
        .results
        .iter()
        .find_map(|r| r.chain.clone())
        .unwrap_or_default();
    let mfa = req
        .authentication
        .as_ref()
        .and_then(|a| a.mfa)
        .map(|m| if m { " with MFA" } else { " without MFA" })
        .unwrap_or("");
    let hops = chain.iter().map(|h| hop_item(good, h)).collect_view();
    let empty = chain.is_empty().then(
        || view! { <p class="muted">"No STS calls: the principal makes the request itself."</p> },
    );
    view! {
        <section class="world-chain-pane" aria-label="Chain">
            <h3>"The chain"</h3>
            <p class="start">
                "Starts as " <code>{req.principal.clone()}</code> {mfa}
            </p>
            {empty}
            <ol class="world-chain">{hops}</ol>
        </section>
    }
}

fn decisions_view(good: &Arc<Good>) -> impl IntoView {
    let items = good
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| result_item(good, r, i == 0))
        .collect_view();
    view! {
        <section class="world-decisions" aria-label="Decisions">
            <h3>"The request"</h3>
            <ul class="world-results final">{items}</ul>
        </section>
    }
}

fn problems(diags: &[Diagnostic]) -> impl IntoView {
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

/// The World mode.
#[component]
pub fn WorldMode() -> impl IntoView {
    let store = expect_context::<Store>();
    // The World of a shared link, or the example.
    let initial = store
        .state
        .with_untracked(|s| s.world.clone())
        .unwrap_or_else(|| WORLD_EXAMPLE.to_string());
    let eval = RwSignal::new(evaluate(&initial, &WorldEval::default(), now_seconds()));
    let text = RwSignal::new(initial);
    // The state (and so the URL) keeps the World when it is not the example.
    Effect::new(move |_| {
        let t = text.get();
        let world = (t != WORLD_EXAMPLE).then_some(t);
        if store.state.with_untracked(|s| s.world != world) {
            store.state.update(|s| s.world = world);
        }
    });
    let editor = RwSignal::new_local(None::<Rc<Monaco>>);
    let fallback = RwSignal::new(false);
    provide_context(WorldEditor { editor, text });

    Effect::new(move |first: Option<()>| {
        let t = text.get();
        if first.is_some() {
            let next = evaluate(&t, &eval.get_untracked(), now_seconds());
            eval.set(next);
        }
    });
    // Parse errors as squiggles in the editor.
    Effect::new(move |_| {
        let diags = eval.with(|e| e.diagnostics.clone());
        if let Some(ed) = editor.get() {
            let _ = ed.set_markers(WORLD_DOC_KEY, &markers(&diags));
        }
    });

    let host = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let theme = store.theme.get_untracked().monaco();
        spawn_local(async move {
            let created = match Monaco::create(&el, theme).await {
                Ok(m) => {
                    let initial = text.get_untracked();
                    m.open(
                        WORLD_DOC_KEY,
                        &initial,
                        EDIT_DEBOUNCE_MS,
                        move |t: String| {
                            if text.with_untracked(|old| *old != t) {
                                text.set(t);
                            }
                        },
                    )
                    .and_then(|()| m.show(WORLD_DOC_KEY))
                    .map(|()| m)
                }
                Err(e) => Err(e),
            };
            match created {
                Ok(m) => editor.set(Some(Rc::new(m))),
                Err(e) => {
                    fallback.set(true);
                    store.notice.set(Some(format!(
                        "{e}; the World scenario is edited as plain text instead"
                    )));
                }
            }
        });
    });

    let load = move |example: &str| {
        let Some((_, _, scenario)) = WORLD_EXAMPLES.iter().find(|(id, _, _)| *id == example) else {
            return;
        };
        text.set(scenario.to_string());
        if let Some(ed) = editor.get_untracked() {
            let _ = ed.set_text(WORLD_DOC_KEY, scenario);
        }
    };
    let options = WORLD_EXAMPLES
        .iter()
        .map(|(id, title, _)| view! { <option value=*id>{*title}</option> })
        .collect_view();

    view! {
        <main class="world-layout">
            <section class="pane world-editor-pane" aria-label="World scenario">
                <div class="pane-head">
                    <h2>"World scenario"</h2>
                    <label>
                        "Example "
                        <select class="world-example"
                            on:change=move |ev| load(&event_target_value(&ev))>
                            {options}
                        </select>
                    </label>
                </div>
                <p class="muted">
                    "A World scenario: an organization, users, groups, roles and resources, and a request made after a chain of STS calls. Edit it; the result follows."
                </p>
                <div class="world-editor editor-host" node_ref=host
                    style:display=move || if fallback.get() { "none" } else { "" }></div>
                <Show when=move || fallback.get()>
                    <textarea class="world-text" spellcheck="false" aria-label="World scenario JSON"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </Show>
                {move || eval.with(|e| problems(&e.diagnostics))}
                <Show when=move || eval.with(|e| e.not_world)>
                    <p class="stale-note" role="alert">
                        "This is a policy-list scenario, not a World scenario (it needs `World` and `Request`): open it in the Policies mode."
                    </p>
                </Show>
            </section>
            <section class="pane world-result-pane" aria-label="World result">
                <Show when=move || eval.with(|e| e.stale)>
                    <p class="stale-note" role="alert">
                        "The scenario has an error, so the result below is the last good one."
                    </p>
                </Show>
                {move || {
                    eval.with(|e| e.good.clone()).map(|g| {
                        view! {
                            <div class="world-result-body" class:stale=move || eval.with(|e| e.stale)>
                                {decisions_view(&g)}
                                {chain_view(&g)}
                                {summary(&g.world)}
                            </div>
                        }
                    })
                }}
            </section>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_a_location() {
        let e = evaluate("{\n  \"World\": ,\n}", &WorldEval::default(), 0);
        assert!(e.good.is_none());
        let d = &e.diagnostics[0];
        assert!(d.is_error());
        assert_eq!(location(d).map(|(l, _)| l), Some(2));
        assert_eq!(markers(&e.diagnostics).len(), 1);
    }

    #[test]
    fn a_policy_list_is_not_a_world() {
        let e = evaluate(
            r#"{"PolicyInputList": [], "ActionNames": ["s3:GetObject"]}"#,
            &WorldEval::default(),
            0,
        );
        assert!(e.not_world);
    }

    #[test]
    fn accounts_in_order() {
        let Ok((Input::World(ws), _)) = parse_input(WORLD_EXAMPLE) else {
            panic!("not a world")
        };
        assert_eq!(accounts(&ws), vec!["999999999999", "111111111111"]);
    }
}
