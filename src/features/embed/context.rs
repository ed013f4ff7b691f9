//! What the request carried, as the decision saw it: the context keys the scenario gave (tags,
//! source IP, MFA, …), the keys the engine derived that a condition looked at, the request time,
//! and the keys a condition wanted that the request did not have.

use iam_engine::request::context::ValueOrigin;
use iam_engine::trace::Trace;
use iam_engine::EvaluationResult;
use leptos::prelude::*;

use crate::store::Store;
use crate::ui::words::words;

/// One row of the context table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Key name.
    pub key: String,
    /// Its values, as the engine compared them.
    pub values: Vec<String>,
    /// "given", or what the engine derived it from.
    pub origin: String,
}

/// The keys a condition of `t` names, lowercased.
fn referenced(t: &Trace) -> Vec<String> {
    t.layers
        .iter()
        .flat_map(|l| &l.policies)
        .flat_map(|p| &p.statements)
        .flat_map(|s| &s.conditions)
        .map(|c| c.key.to_ascii_lowercase())
        .collect()
}

/// The context rows worth showing a reader: every given key, the derived keys a condition
/// looked at, and the request time; given keys first.
pub fn rows(t: &Trace) -> Vec<Row> {
    let used = referenced(t);
    let mut given = Vec::new();
    let mut derived = Vec::new();
    for c in &t.context {
        let key = c.key.to_ascii_lowercase();
        match c.origin {
            ValueOrigin::Given => given.push(Row {
                key: c.key.clone(),
                values: c.values.clone(),
                origin: "given".into(),
            }),
            ValueOrigin::Derived if used.contains(&key) || key == "aws:currenttime" => derived
                .push(Row {
                    key: c.key.clone(),
                    values: c.values.clone(),
                    origin: format!("from {}", c.from.as_deref().unwrap_or("the request")),
                }),
            ValueOrigin::Derived => {}
        }
    }
    given.extend(derived);
    given
}

/// The keys some condition wanted that the request did not have, over every result.
pub fn missing(results: &[EvaluationResult]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in results.iter().flat_map(|r| &r.missing_context_values) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(k)) {
            out.push(k.clone());
        }
    }
    out
}

/// The context table of the first result (the request's context; every result shares it).
#[component]
pub fn RequestContext() -> impl IntoView {
    let store = expect_context::<Store>();
    let table = move || {
        store.evaluation.with(|e| {
            let results = e.results.as_deref().map(Vec::as_slice).unwrap_or_default();
            let rows = results
                .first()
                .and_then(|r| r.trace.as_deref())
                .map(rows)
                .unwrap_or_default();
            (rows, missing(results))
        })
    };
    move || {
        let (rows, missing) = table();
        let body = rows
            .into_iter()
            .map(|r| {
                let values = r
                    .values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <tr>
                        <th scope="row"><code>{r.key}</code></th>
                        <td>{if values.is_empty() { "(no value)".to_string().into_any() } else { words(&values).into_any() }}</td>
                        <td class="origin">{r.origin}</td>
                    </tr>
                }
            })
            .collect_view();
        let missing = (!missing.is_empty()).then(|| {
            let keys = missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            view! { <p class="embed-missing">"Not in the request, though a condition asked: "{words(&keys)}</p> }
        });
        view! {
            <table class="embed-context">
                <caption>"Request context"</caption>
                <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
            {missing}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::AppState;
    use iam_engine::{simulate, Options};

    fn first_trace(state: &AppState) -> (Trace, Vec<EvaluationResult>) {
        let built = state.to_scenario();
        let out = simulate(
            &built.scenario,
            &Options {
                trace: true,
                now_epoch_seconds: Some(1_767_225_600),
            },
        );
        let results = out.results.unwrap_or_default();
        (*results[0].trace.clone().unwrap(), results)
    }

    #[test]
    fn given_keys_referenced_derived_keys_and_the_time_are_shown() {
        // The example: principal and resource tags, source IP; its policy compares the tags and
        // the IP, and names no derived key.
        let (t, results) = first_trace(&AppState::default());
        let rows = rows(&t);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert!(
            keys.iter().any(|k| k.eq_ignore_ascii_case("aws:SourceIp")),
            "{keys:?}"
        );
        assert!(
            keys.iter().any(|k| k.starts_with("aws:PrincipalTag/")),
            "{keys:?}"
        );
        let time = rows.iter().find(|r| r.key == "aws:CurrentTime").unwrap();
        assert_eq!(time.values, ["2026-01-01T00:00:00Z"]);
        assert_eq!(time.origin, "from the request time");
        // Derived keys nobody asked about stay out; given keys come first.
        assert!(!keys.contains(&"aws:PrincipalType"));
        assert!(!keys.contains(&"aws:EpochTime"));
        assert_eq!(rows.last().map(|r| r.key.as_str()), Some("aws:CurrentTime"));
        assert!(missing(&results).is_empty());
    }

    #[test]
    fn keys_a_condition_wanted_and_the_request_lacked_are_listed_once() {
        let mut st = AppState::default();
        st.request.source_ip.clear();
        let (_, results) = first_trace(&st);
        let m = missing(&results);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].eq_ignore_ascii_case("aws:SourceIp"));
    }
}
