//! The decision flowchart: AWS's evaluation order (explicit deny → a rule of the service, when
//! one decided → SCP → RCP → VPC endpoint policy → resource-based → identity-based → boundary →
//! session) drawn as SVG, with the path the shown request took lit up. Each box selects its
//! layer's first applicable statement in the editor.

use iam_engine::trace::{LayerVerdict, Trace};
use iam_engine::{EvalDecision, PolicyKind, Span};
use leptos::prelude::*;

use crate::store::Store;

/// How a box looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Passed on to the next box.
    Pass,
    /// Ended evaluation with an allow.
    Allow,
    /// Ended evaluation with a deny.
    Deny,
    /// No policy of this kind (or not applicable): skipped.
    Skipped,
    /// Evaluation ended before this box.
    NotReached,
}

impl Status {
    /// CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Allow => "allow",
            Status::Deny => "deny",
            Status::Skipped => "skipped",
            Status::NotReached => "not-reached",
        }
    }
}

/// One box of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The question the box asks.
    pub label: &'static str,
    /// What the request did there.
    pub status: Status,
    /// A statement to select: (policy id, span).
    pub target: Option<(String, Span)>,
    /// The layer of the trace the box is about.
    pub kind: Option<PolicyKind>,
}

const ORDER: [(PolicyKind, &str); 7] = [
    (PolicyKind::ServiceControl, "SCPs allow?"),
    (PolicyKind::ResourceControl, "RCPs allow?"),
    (PolicyKind::VpcEndpoint, "VPC endpoint policy allows?"),
    (PolicyKind::Resource, "Resource-based policy allows?"),
    (PolicyKind::Identity, "Identity-based policy allows?"),
    (PolicyKind::Boundary, "Permissions boundary allows?"),
    (PolicyKind::Session, "Session policy allows?"),
];

/// The rule ids of the decision steps that are rules of the services rather than policies
/// (SPEC §12.4, §12.6).
const SERVICE_RULES: [&str; 9] = [
    "get-caller-identity",
    "root-cannot-assume-role",
    "federated-user-sts",
    "federated-user-iam",
    "role-session-sts",
    "session-token-sts",
    "aws-managed-policy",
    "aws-reserved-role",
    "reserved-kms-alias",
];

fn first_statement(trace: &Trace, kind: PolicyKind, deny: bool) -> Option<(String, Span)> {
    let layer = trace.layers.iter().find(|l| l.kind == kind)?;
    let mut fallback = None;
    for p in &layer.policies {
        for s in &p.statements {
            let is_deny = matches!(s.effect, iam_engine::policy::Effect::Deny);
            if s.applies && is_deny == deny {
                return Some((p.policy_id.clone(), s.span));
            }
            if fallback.is_none() {
                fallback = Some((p.policy_id.clone(), s.span));
            }
        }
    }
    fallback
}

/// The boxes for one trace, in evaluation order, ending with the decision.
pub fn nodes(trace: &Trace) -> Vec<Node> {
    let verdict = |kind: PolicyKind| {
        trace
            .layers
            .iter()
            .find(|l| l.kind == kind)
            .map_or(LayerVerdict::Absent, |l| l.verdict)
    };
    let mut out = Vec::new();
    let explicit = trace.decision == EvalDecision::ExplicitDeny;
    let deny_kind = ORDER
        .iter()
        .map(|(k, _)| *k)
        .find(|k| verdict(*k) == LayerVerdict::Deny);
    out.push(Node {
        label: "Explicit Deny in any policy?",
        status: if explicit { Status::Deny } else { Status::Pass },
        target: deny_kind.and_then(|k| first_statement(trace, k, true)),
        kind: deny_kind.filter(|_| explicit),
    });
    // Where an implicit deny happened: the first gate in order with no applicable Allow.
    // Resource-based and identity-based policies are alternatives, so an implicit deny with
    // neither allowing is placed on the identity box.
    let grant = verdict(PolicyKind::Resource) == LayerVerdict::Allow
        || verdict(PolicyKind::Identity) == LayerVerdict::Allow;
    let mut ended = explicit;
    // A rule of the service (sts:GetCallerIdentity, the STS restrictions of temporary
    // credentials, what AWS manages) decides whatever the policies say.
    if !explicit && SERVICE_RULES.contains(&trace.deciding_rule.as_str()) {
        ended = true;
        out.push(Node {
            label: "A rule of the service decides",
            status: if trace.decision == EvalDecision::Allowed {
                Status::Allow
            } else {
                Status::Deny
            },
            target: None,
            kind: None,
        });
    }
    for (kind, label) in ORDER {
        let v = verdict(kind);
        let status = if ended {
            Status::NotReached
        } else {
            match (kind, v) {
                (_, LayerVerdict::Absent | LayerVerdict::NotApplicable) => Status::Skipped,
                (PolicyKind::Resource, LayerVerdict::NoAllow) => Status::Pass,
                (PolicyKind::Identity, LayerVerdict::NoAllow) if grant => Status::Pass,
                (_, LayerVerdict::NoAllow) if trace.decision == EvalDecision::ImplicitDeny => {
                    Status::Deny
                }
                _ => Status::Pass,
            }
        };
        if status == Status::Deny {
            ended = true;
        }
        out.push(Node {
            label,
            status,
            target: first_statement(trace, kind, false),
            kind: Some(kind),
        });
    }
    let final_status = match trace.decision {
        EvalDecision::Allowed => Status::Allow,
        _ => Status::Deny,
    };
    out.push(Node {
        label: match trace.decision {
            EvalDecision::Allowed => "Allowed",
            EvalDecision::ExplicitDeny => "Explicitly denied",
            EvalDecision::ImplicitDeny => "Implicitly denied",
        },
        status: final_status,
        target: None,
        kind: None,
    });
    out
}

const BOX_W: i32 = 250;
const BOX_H: i32 = 30;
const GAP: i32 = 12;

/// Open the trace's part about layer `kind` and bring it into view, briefly marked.
fn show_layer(kind: PolicyKind) {
    use wasm_bindgen::JsCast;
    let selector = format!("div.main-trace > ol.layers > li.layer[data-kind=\"{kind:?}\"]");
    let Some(li) = document().query_selector(&selector).ok().flatten() else {
        return;
    };
    if let Some(details) = li
        .query_selector("details")
        .ok()
        .flatten()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    {
        details.set_open(true);
    }
    li.scroll_into_view();
    let _ = li.class_list().add_1("flash");
    let li2 = li.clone();
    set_timeout(
        move || {
            let _ = li2.class_list().remove_1("flash");
        },
        std::time::Duration::from_millis(1200),
    );
}

/// The chart for the shown result.
#[component]
pub fn Flowchart() -> impl IntoView {
    let store = expect_context::<Store>();
    let chart = move || {
        let Some(trace) = store.current_result().and_then(|r| r.trace) else {
            return view! { <p class="hint">"No decision to draw yet."</p> }.into_any();
        };
        let list = nodes(&trace);
        let height = (BOX_H + GAP) * list.len() as i32;
        let boxes = list
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let y = i as i32 * (BOX_H + GAP);
                let target = n.target.clone();
                let kind = n.kind;
                let activate = move || {
                    if let Some((id, span)) = target.clone() {
                        store.focus(&id, span);
                    }
                    if let Some(k) = kind {
                        show_layer(k);
                    }
                };
                let click = {
                    let activate = activate.clone();
                    move |_| activate()
                };
                let key = move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" || ev.key() == " " {
                        ev.prevent_default();
                        activate();
                    }
                };
                let arrow = (i > 0).then(|| {
                    let x = BOX_W / 2 + 2;
                    view! { <line x1=x y1=y - GAP x2=x y2=y class="flow-arrow"/> }
                });
                view! {
                    {arrow}
                    <g class=format!("flow-node {}", n.status.as_str()) data-status=n.status.as_str()
                        role="button" tabindex="0" on:click=click on:keydown=key>
                        <rect x="2" y=y width=BOX_W height=BOX_H rx="6"/>
                        <text x=BOX_W / 2 + 2 y=y + BOX_H / 2 + 5 text-anchor="middle">{n.label}</text>
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg class="flowchart" width=BOX_W + 4 height=height viewBox=format!("0 0 {} {}", BOX_W + 4, height)
                role="img" aria-label="Decision flowchart">
                {boxes}
            </svg>
        }
        .into_any()
    };
    view! {
        <div class="flow">
            {chart}
            <p class="hint">
                "Blue: passed on; green: allowed here; red: denied here; grey: no policy of this kind; \
                 dashed: not reached. Click a box to select its statement and open its part of the trace."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::AppState;
    use iam_engine::{simulate, Options};

    fn traces(st: &AppState) -> Vec<Trace> {
        let opts = Options {
            trace: true,
            now_epoch_seconds: Some(0),
        };
        simulate(&st.to_scenario().scenario, &opts)
            .results
            .unwrap()
            .into_iter()
            .filter_map(|r| r.trace)
            .collect()
    }

    fn statuses(t: &Trace) -> Vec<&'static str> {
        nodes(t).iter().map(|n| n.status.as_str()).collect()
    }

    #[test]
    fn the_path_follows_the_decision() {
        let t = traces(&AppState::default());
        // GetObject: allowed through the identity policy.
        assert_eq!(
            statuses(&t[0]),
            [
                "pass", "skipped", "skipped", "skipped", "skipped", "pass", "skipped", "skipped",
                "allow"
            ]
        );
        // DeleteObject: no identity allow.
        assert_eq!(
            statuses(&t[1]),
            [
                "pass",
                "skipped",
                "skipped",
                "skipped",
                "skipped",
                "deny",
                "not-reached",
                "not-reached",
                "deny"
            ]
        );
        let mut st = AppState::default();
        st.request.source_ip = "198.51.100.1".into();
        let t = traces(&st);
        assert_eq!(statuses(&t[0])[0], "deny");
        assert!(nodes(&t[0])[0].target.is_some());
        assert_eq!(statuses(&t[0])[1], "not-reached");
    }

    #[test]
    fn the_vpc_endpoint_gate_has_its_box() {
        let mut st = AppState::default();
        let key = st.add_doc(crate::model::state::Layer::VpcEndpoint).unwrap();
        st.set_text(
            key,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"}]}"#,
        );
        let t = traces(&st);
        let labels: Vec<&str> = nodes(&t[0]).iter().map(|n| n.label).collect();
        assert_eq!(labels[3], "VPC endpoint policy allows?");
        // GetObject on team-data: the endpoint lets nothing there through.
        assert_eq!(
            statuses(&t[0]),
            [
                "pass",
                "skipped",
                "skipped",
                "deny",
                "not-reached",
                "not-reached",
                "not-reached",
                "not-reached",
                "deny"
            ]
        );
        assert_eq!(
            nodes(&t[0])[3].target.as_ref().map(|(id, _)| id.as_str()),
            Some("VpcEndpointPolicyInputList.1")
        );
    }

    #[test]
    fn a_rule_of_the_service_has_its_box() {
        let mut st = AppState::default();
        st.request.actions = "sts:GetCallerIdentity".into();
        let t = traces(&st);
        let n = nodes(&t[0]);
        assert_eq!(n[1].label, "A rule of the service decides");
        assert_eq!(n[1].status, Status::Allow);
        assert!(n[2..n.len() - 1]
            .iter()
            .all(|b| b.status == Status::NotReached));
    }
}
