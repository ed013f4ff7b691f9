//! The decision flowchart, drawn as AWS's documented evaluation diagram (the IAM User Guide's
//! policy evaluation logic, SPEC §6.3): decision nodes in the order of the trace's layers
//! (deny evaluation, then RCPs, SCPs, the resource-based policy, identity-based policies, the
//! permissions boundary and session policies, plus any layer the engine adds), each with a
//! yes/no branch to a final Allow, Explicit deny or Implicit deny; the shown request's path lit.
//! Each node selects its layer's deciding (or first) statement and opens its part of the trace.
//! [`chart`] is a plain view of a trace, usable by any mode; [`Flowchart`] is the Policies
//! mode's tool.

use iam_engine::policy::Effect;
use iam_engine::trace::{LayerTrace, LayerVerdict, Trace};
use iam_engine::{EvalDecision, PolicyKind, Span};
use leptos::prelude::*;

use crate::features::result::links::Links;
use crate::store::Store;

/// Which branch the request took at a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Answered "yes".
    Yes,
    /// Answered "no".
    No,
    /// No policy of this kind applies (none given, or not for this caller): passed by.
    Skipped,
    /// Evaluation ended before this node.
    NotReached,
}

impl Status {
    /// The `data-status` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Yes => "yes",
            Status::No => "no",
            Status::Skipped => "skipped",
            Status::NotReached => "not-reached",
        }
    }
}

/// A final decision of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Final allow.
    Allowed,
    /// An applicable `Deny`.
    ExplicitDeny,
    /// Nothing (or a guardrail) did not allow.
    ImplicitDeny,
}

impl End {
    fn of(d: EvalDecision) -> Self {
        match d {
            EvalDecision::Allowed => End::Allowed,
            EvalDecision::ExplicitDeny => End::ExplicitDeny,
            EvalDecision::ImplicitDeny => End::ImplicitDeny,
        }
    }

    /// The words on the final node.
    pub fn label(self) -> &'static str {
        match self {
            End::Allowed => "Allow",
            End::ExplicitDeny => "Explicit deny",
            End::ImplicitDeny => "Implicit deny",
        }
    }

    fn class(self) -> &'static str {
        match self {
            End::Allowed => "end-allow",
            End::ExplicitDeny => "end-deny",
            End::ImplicitDeny => "end-implicit",
        }
    }
}

/// One decision node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The layer it asks about (`None`: the deny evaluation over every policy).
    pub kind: Option<PolicyKind>,
    /// The question.
    pub question: String,
    /// The branch taken.
    pub status: Status,
    /// The answer that leaves the main line, and the final decision it leads to.
    pub exit: (bool, End),
    /// Whether the request left the main line here.
    pub exit_taken: bool,
    /// A statement to select: (policy id, span).
    pub target: Option<(String, Span)>,
    /// The part of the trace it opens (for the deny evaluation, the layer that denied).
    pub opens: Option<PolicyKind>,
}

/// The diagram for one trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The decision nodes, top to bottom.
    pub nodes: Vec<Node>,
    /// Where the main line ends when no node's exit was taken (normally Allow).
    pub bottom: End,
    /// Whether the request reached the bottom.
    pub bottom_reached: bool,
    /// Why nothing was evaluated (a World request blocked before the policies), if so.
    pub blocked: Option<String>,
}

/// The question a layer's node asks.
fn question(l: &LayerTrace) -> String {
    match l.kind {
        PolicyKind::ResourceControl => "Do the RCPs allow it?".into(),
        PolicyKind::ServiceControl => "Do the SCPs allow it?".into(),
        PolicyKind::Resource => "Does a resource-based policy allow it?".into(),
        PolicyKind::Identity => "Does an identity-based policy allow it?".into(),
        PolicyKind::Boundary => "Does the permissions boundary allow it?".into(),
        PolicyKind::Session => "Does the session policy allow it?".into(),
        PolicyKind::VpcEndpoint => "Does the VPC endpoint policy allow it?".into(),
    }
}

/// The statement a node selects: an applicable one of the effect that matters, else the first.
fn target(l: &LayerTrace, effect: Effect) -> Option<(String, Span)> {
    let all = || {
        l.policies
            .iter()
            .flat_map(|p| p.statements.iter().map(move |s| (p, s)))
    };
    all()
        .find(|(_, s)| s.applies && s.effect == effect)
        .or_else(|| all().next())
        .map(|(p, s)| (p.policy_id.clone(), s.span))
}

/// The diagram of a trace: every node's branch, and where the request left the main line.
pub fn chart(t: &Trace) -> Chart {
    let explicit = t.decision == EvalDecision::ExplicitDeny;
    let deny_layer = t.layers.iter().find(|l| l.verdict == LayerVerdict::Deny);
    let mut nodes = vec![Node {
        kind: None,
        question: "Is there an explicit Deny in any policy?".into(),
        status: if t.layers.is_empty() {
            Status::NotReached
        } else if explicit {
            Status::Yes
        } else {
            Status::No
        },
        exit: (true, End::ExplicitDeny),
        exit_taken: explicit,
        target: deny_layer.and_then(|l| target(l, Effect::Deny)),
        opens: deny_layer.map(|l| l.kind),
    }];
    // The resource-based policy ends evaluation with an allow on its own in the same account
    // (the engine's resource-grant rules); across accounts, and for role trust and KMS key
    // policies, it must allow and the evaluation goes on (or ends there with an implicit deny).
    let must_allow = t.cross_account || t.special_resource.is_some();
    let resource_grant =
        t.decision == EvalDecision::Allowed && t.deciding_rule.starts_with("resource-grant");
    // Where an implicit deny happened: the gate the deciding rule names, else the first layer
    // in order with no applicable Allow that had to allow.
    let implicit_at: Option<PolicyKind> = (t.decision == EvalDecision::ImplicitDeny)
        .then(|| {
            let by_rule = match t.deciding_rule.as_str() {
                "rcp-gate" => Some(PolicyKind::ResourceControl),
                "scp-gate" => Some(PolicyKind::ServiceControl),
                "vpc-endpoint-gate" => Some(PolicyKind::VpcEndpoint),
                _ => None,
            };
            by_rule.or_else(|| {
                t.layers
                    .iter()
                    .find(|l| {
                        l.verdict == LayerVerdict::NoAllow
                            && (l.kind != PolicyKind::Resource || must_allow)
                    })
                    .map(|l| l.kind)
            })
        })
        .flatten();
    let mut ended = explicit || t.layers.is_empty();
    for l in &t.layers {
        let resource = l.kind == PolicyKind::Resource;
        let exit = if resource && !must_allow {
            (true, End::Allowed)
        } else {
            (false, End::ImplicitDeny)
        };
        let status = if ended {
            Status::NotReached
        } else {
            match l.verdict {
                LayerVerdict::Absent | LayerVerdict::NotApplicable => Status::Skipped,
                LayerVerdict::Allow => Status::Yes,
                LayerVerdict::NoAllow | LayerVerdict::Deny => Status::No,
            }
        };
        let exit_taken = match status {
            Status::Yes => resource && !must_allow && resource_grant,
            Status::No => implicit_at == Some(l.kind),
            _ => false,
        };
        ended |= exit_taken;
        nodes.push(Node {
            kind: Some(l.kind),
            question: question(l),
            status,
            exit,
            exit_taken,
            target: target(l, Effect::Allow),
            opens: Some(l.kind),
        });
    }
    let blocked = t.layers.is_empty().then(|| {
        t.steps
            .last()
            .map(|s| s.text.clone())
            .unwrap_or_else(|| "the request was stopped before any policy was read".into())
    });
    // The main line ends in Allow, as in AWS's diagram; a request that got to the end without
    // being allowed (or never reached the policies) ends there with its decision.
    Chart {
        nodes,
        bottom: if blocked.is_some() {
            End::ImplicitDeny
        } else if ended {
            End::Allowed
        } else {
            End::of(t.decision)
        },
        bottom_reached: !ended || blocked.is_some(),
        blocked,
    }
}

/// Layout, in SVG units: the view box is `WIDTH` wide and scales to the pane (it stays
/// readable down to a 375 px phone).
const WIDTH: i32 = 360;
const ROW: i32 = 64;
const NODE_X: i32 = 8;
const NODE_W: i32 = 214;
const NODE_H: i32 = 42;
const END_X: i32 = 252;
const END_W: i32 = 104;
const END_H: i32 = 30;
const TOP: i32 = 6;

/// A question on at most two lines of about 26 characters.
fn lines(text: &str) -> Vec<String> {
    if text.len() <= 26 {
        return vec![text.to_string()];
    }
    let middle = text.len() / 2;
    let split = text
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    match split {
        Some(i) => vec![
            text.get(..i).unwrap_or(text).to_string(),
            text.get(i + 1..).unwrap_or("").to_string(),
        ],
        None => vec![text.to_string()],
    }
}

fn yes_no(answer: bool) -> &'static str {
    if answer {
        "yes"
    } else {
        "no"
    }
}

/// A final node at `(x, y)`.
fn end_node(x: i32, y: i32, end: End, lit: bool) -> impl IntoView {
    view! {
        <g class=format!("flow-end {}", end.class()) class:lit=lit data-end=end.label()
            data-lit=lit.to_string()>
            <rect x=x y=y width=END_W height=END_H rx="15"/>
            <text x=x + END_W / 2 y=y + END_H / 2 + 4 text-anchor="middle">{end.label()}</text>
        </g>
    }
}

/// The diagram of `t` as SVG; activating a node selects its statement through `links`, then
/// calls `on_node` with the layer whose part of the trace it is about.
pub fn chart_view(
    t: &Trace,
    links: Links,
    on_node: impl Fn(Option<PolicyKind>) + Clone + 'static,
) -> impl IntoView {
    let c = chart(t);
    let rows = c.nodes.len() as i32;
    let height = TOP + ROW * rows + END_H + 8;
    let cx = NODE_X + NODE_W / 2;
    let nodes = c
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let y = TOP + ROW * i as i32;
            let mid = y + NODE_H / 2;
            let on_path = matches!(n.status, Status::Yes | Status::No | Status::Skipped);
            // The edge down to the next node (or to the bottom end), taken unless the request
            // left here or never got here.
            let down_lit = on_path && !n.exit_taken;
            let continue_label = match n.status {
                Status::Skipped => "none",
                _ => yes_no(!n.exit.0),
            };
            let points = format!(
                "{},{mid} {},{y} {},{y} {},{mid} {},{} {},{}",
                NODE_X,
                NODE_X + 14,
                NODE_X + NODE_W - 14,
                NODE_X + NODE_W,
                NODE_X + NODE_W - 14,
                y + NODE_H,
                NODE_X + 14,
                y + NODE_H
            );
            let text_lines = lines(&n.question);
            let two = text_lines.len() > 1;
            let texts = text_lines
                .into_iter()
                .enumerate()
                .map(|(k, line)| {
                    let y = if two { mid - 3 + 14 * k as i32 } else { mid + 4 };
                    view! { <text x=cx y=y text-anchor="middle">{line}</text> }
                })
                .collect_view();
            let activate = {
                let target = n.target.clone();
                let kind = n.opens;
                let on_node = on_node.clone();
                move || {
                    if let Some((id, span)) = &target {
                        links.go(id, *span);
                    }
                    on_node(kind);
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
            let label = format!(
                "{} {}",
                n.question,
                match n.status {
                    Status::Yes => "Yes.",
                    Status::No => "No.",
                    Status::Skipped => "No policy of this kind.",
                    Status::NotReached => "Not reached.",
                }
            );
            let kind = n
                .kind
                .map_or_else(|| "Deny".to_string(), |k| format!("{k:?}"));
            view! {
                <g class=format!("flow-node {}", n.status.as_str()) data-status=n.status.as_str()
                    data-kind=kind role="button" tabindex="0" aria-label=label
                    on:click=click on:keydown=key>
                    <polygon points=points/>
                    {texts}
                </g>
                <g class="flow-edge exit" class:lit=n.exit_taken>
                    <line x1=NODE_X + NODE_W y1=mid x2=END_X y2=mid/>
                    <text x=(NODE_X + NODE_W + END_X) / 2 y=mid - 5 text-anchor="middle">{yes_no(n.exit.0)}</text>
                </g>
                {end_node(END_X, mid - END_H / 2, n.exit.1, n.exit_taken)}
                <g class="flow-edge down" class:lit=down_lit>
                    <line x1=cx y1=y + NODE_H x2=cx y2=y + ROW/>
                    <text x=cx + 6 y=y + NODE_H + 14>{continue_label}</text>
                </g>
            }
        })
        .collect_view();
    let bottom_y = TOP + ROW * rows;
    let bottom = end_node(cx - END_W / 2, bottom_y, c.bottom, c.bottom_reached);
    let blocked = c.blocked.clone().map(|b| {
        view! { <p class="hint flow-blocked">"Never reached the policies: " {b}</p> }
    });
    view! {
        <svg class="flowchart" viewBox=format!("0 0 {WIDTH} {height}") role="group"
            aria-label="Decision flowchart" preserveAspectRatio="xMidYMin meet">
            {nodes}
            {bottom}
        </svg>
        {blocked}
    }
}

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
    let links = Links::editors(store);
    let chart = move || {
        let Some(r) = store.current_result() else {
            return view! { <p class="hint">"No decision to draw yet."</p> }.into_any();
        };
        if store.answer_hidden(&r.eval_action_name, &r.eval_resource_name) {
            return view! { <p class="hint">"Predict the decision first: the path shows the answer."</p> }
                .into_any();
        }
        let Some(trace) = r.trace else {
            return view! { <p class="hint">"No decision to draw yet."</p> }.into_any();
        };
        chart_view(&trace, links, |kind| {
            if let Some(k) = kind {
                show_layer(k);
            }
        })
        .into_any()
    };
    view! {
        <div class="flow">
            {chart}
            <p class="hint">
                "AWS's evaluation order, top to bottom. The request's path is lit: the answer at \
                 each node, and the final decision. Dimmed: no policy of this kind; dashed: not \
                 reached. Click a node to select its statement and open its part of the trace."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::AppState;
    use iam_engine::{parse_scenario, simulate, Options};

    fn traces_of(s: &iam_engine::Scenario) -> Vec<Trace> {
        let opts = Options {
            trace: true,
            now_epoch_seconds: Some(0),
        };
        simulate(s, &opts)
            .results
            .unwrap()
            .into_iter()
            .filter_map(|r| r.trace.map(|t| *t))
            .collect()
    }

    fn trace(text: &str) -> Trace {
        traces_of(&parse_scenario(text).unwrap()).remove(0)
    }

    fn statuses(c: &Chart) -> Vec<&'static str> {
        c.nodes.iter().map(|n| n.status.as_str()).collect()
    }

    /// Where the request left the main line: (node index, final decision), or the bottom.
    fn exit(c: &Chart) -> (Option<usize>, End) {
        match c.nodes.iter().position(|n| n.exit_taken) {
            Some(i) => (Some(i), c.nodes[i].exit.1),
            None => (None, c.bottom),
        }
    }

    /// The nodes after the first come in the trace's layer order, whatever the trace holds.
    fn order_matches(c: &Chart, t: &Trace) {
        let kinds: Vec<Option<PolicyKind>> = c.nodes.iter().skip(1).map(|n| n.kind).collect();
        let layers: Vec<Option<PolicyKind>> = t.layers.iter().map(|l| Some(l.kind)).collect();
        assert_eq!(kinds, layers);
        assert_eq!(c.nodes[0].kind, None);
    }

    const USER: &str = "arn:aws:iam::111122223333:user/alice";

    fn identity(statements: &str) -> String {
        format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#)
    }

    /// [UG policy evaluation logic] the diagram's order is the trace's: deny evaluation, RCPs,
    /// SCPs, resource-based, identity-based, boundary, session (SPEC §6.3).
    #[test]
    fn node_order_is_the_trace_layer_order() {
        let t = traces_of(&AppState::default().to_scenario().scenario).remove(0);
        let c = chart(&t);
        order_matches(&c, &t);
        let kinds: Vec<_> = c.nodes.iter().filter_map(|n| n.kind).collect();
        assert_eq!(
            kinds,
            [
                PolicyKind::ResourceControl,
                PolicyKind::ServiceControl,
                PolicyKind::Resource,
                PolicyKind::Identity,
                PolicyKind::Boundary,
                PolicyKind::Session
            ]
        );
    }

    /// Allowed by an identity-based policy: down the main line to the bottom Allow.
    #[test]
    fn allowed_through_identity_reaches_the_bottom() {
        let t = traces_of(&AppState::default().to_scenario().scenario).remove(0);
        let c = chart(&t);
        assert_eq!(
            statuses(&c),
            ["no", "skipped", "skipped", "skipped", "yes", "skipped", "skipped"]
        );
        assert_eq!(exit(&c), (None, End::Allowed));
        assert!(c.bottom_reached);
    }

    /// Explicit deny: "yes" at the first node, nothing else reached.
    #[test]
    fn explicit_deny_leaves_at_the_first_node() {
        let mut st = AppState::default();
        st.request.source_ip = "198.51.100.1".into();
        let t = traces_of(&st.to_scenario().scenario).remove(0);
        let c = chart(&t);
        assert_eq!(statuses(&c)[0], "yes");
        assert!(statuses(&c)[1..].iter().all(|s| *s == "not-reached"));
        assert_eq!(exit(&c), (Some(0), End::ExplicitDeny));
        assert!(c.nodes[0].target.is_some());
        assert!(!c.bottom_reached);
        order_matches(&c, &t);
    }

    /// Implicit deny because no identity-based policy allows.
    #[test]
    fn implicit_deny_at_identity() {
        let t = traces_of(&AppState::default().to_scenario().scenario).remove(1);
        let c = chart(&t);
        assert_eq!(
            statuses(&c),
            [
                "no",
                "skipped",
                "skipped",
                "skipped",
                "no",
                "not-reached",
                "not-reached"
            ]
        );
        assert_eq!(exit(&c), (Some(4), End::ImplicitDeny));
    }

    /// [ORG scp] an SCP without an applicable Allow denies implicitly, before any grant is read.
    #[test]
    fn implicit_deny_at_the_scps() {
        let t = trace(&format!(
            r#"{{"PolicyInputList": [{}], "ServiceControlPolicyInputList": [{}],
               "ActionNames": ["s3:GetObject"], "CallerArn": "{USER}"}}"#,
            identity(r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#),
            identity(r#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#),
        ));
        let c = chart(&t);
        assert_eq!(exit(&c), (Some(2), End::ImplicitDeny));
        assert_eq!(&statuses(&c)[..3], ["no", "skipped", "no"]);
        order_matches(&c, &t);
    }

    /// [ORG rcp] the RCPs come before the SCPs, as in the trace. An RCP level always holds
    /// `RCPFullAWSAccess` (SPEC §12.2), so the RCP node says yes even for a level that allows
    /// only SQS; an SCP level that allows only SQS is where the request leaves.
    #[test]
    fn implicit_deny_after_the_rcps() {
        let sqs_only = |principal: &str| {
            identity(&format!(
                r#"{{"Effect": "Allow", {principal}"Action": "sqs:*", "Resource": "*"}}"#
            ))
        };
        let t = trace(&format!(
            r#"{{"PolicyInputList": [{}], "ResourceControlPolicyInputList": [{}],
               "ServiceControlPolicyInputList": [{}],
               "ActionNames": ["s3:GetObject"], "ResourceArns": ["arn:aws:s3:::b/k"],
               "CallerArn": "{USER}"}}"#,
            identity(r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#),
            sqs_only(r#""Principal": "*", "#),
            sqs_only(""),
        ));
        let c = chart(&t);
        assert_eq!(c.nodes[1].kind, Some(PolicyKind::ResourceControl));
        assert_eq!(c.nodes[1].status, Status::Yes);
        assert_eq!(c.nodes[2].kind, Some(PolicyKind::ServiceControl));
        assert_eq!(exit(&c), (Some(2), End::ImplicitDeny));
    }

    /// [UG policy evaluation logic, same account] a resource-based policy naming the user
    /// allows on its own: "yes" at the resource node ends at Allow.
    #[test]
    fn allowed_by_the_resource_policy() {
        let t = trace(&format!(
            r#"{{"PolicyInputList": [], "ResourcePolicy": {},
               "ActionNames": ["s3:GetObject"], "ResourceArns": ["arn:aws:s3:::b/k"],
               "CallerArn": "{USER}"}}"#,
            identity(&format!(
                r#"{{"Effect": "Allow", "Principal": {{"AWS": "{USER}"}}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/k"}}"#
            )),
        ));
        assert_eq!(t.decision, EvalDecision::Allowed);
        let c = chart(&t);
        assert_eq!(exit(&c), (Some(3), End::Allowed));
        assert!(!c.bottom_reached);
    }

    /// [UG permissions boundaries] the identity policy allows but the boundary does not.
    #[test]
    fn implicit_deny_at_the_boundary() {
        let t = trace(&format!(
            r#"{{"PolicyInputList": [{}], "PermissionsBoundaryPolicyInputList": [{}],
               "ActionNames": ["s3:GetObject"], "CallerArn": "{USER}"}}"#,
            identity(r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#),
            identity(r#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#),
        ));
        let c = chart(&t);
        assert_eq!(exit(&c), (Some(5), End::ImplicitDeny));
        assert_eq!(&statuses(&c)[4..], ["yes", "no", "not-reached"]);
    }

    /// [UG session policies] a role session whose session policy does not allow.
    #[test]
    fn implicit_deny_at_the_session_policy() {
        let t = trace(&format!(
            r#"{{"PolicyInputList": [{}], "SessionPolicyInputList": [{}],
               "ActionNames": ["s3:GetObject"],
               "CallerArn": "arn:aws:sts::111122223333:assumed-role/Dev/alice"}}"#,
            identity(r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#),
            identity(r#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#),
        ));
        let c = chart(&t);
        assert_eq!(exit(&c), (Some(6), End::ImplicitDeny));
    }

    #[test]
    fn questions_fit_on_two_lines() {
        assert_eq!(
            lines("Does an identity-based policy allow it?"),
            ["Does an identity-based", "policy allow it?"]
        );
        assert_eq!(lines("Do the SCPs allow it?"), ["Do the SCPs allow it?"]);
    }

    /// [VPC vpc-endpoints-access] a request through a VPC endpoint: the endpoint policy's
    /// node comes after the SCPs (the trace's order), and without an applicable Allow the
    /// request leaves there with an implicit deny (SPEC §12.7).
    #[test]
    fn the_vpc_endpoint_gate_has_its_node() {
        let mut st = AppState::default();
        let key = st.add_doc(crate::model::state::Layer::VpcEndpoint).unwrap();
        st.set_text(
            key,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"}]}"#,
        );
        let t = traces_of(&st.to_scenario().scenario).remove(0);
        let c = chart(&t);
        order_matches(&c, &t);
        let i = c
            .nodes
            .iter()
            .position(|n| n.kind == Some(PolicyKind::VpcEndpoint))
            .unwrap();
        assert_eq!(i, 3);
        assert_eq!(
            c.nodes[i].question,
            "Does the VPC endpoint policy allow it?"
        );
        assert_eq!(exit(&c), (Some(i), End::ImplicitDeny));
        assert!(statuses(&c)[i + 1..].iter().all(|s| *s == "not-reached"));
        assert_eq!(
            c.nodes[i].target.as_ref().map(|(id, _)| id.as_str()),
            Some("VpcEndpointPolicyInputList.1")
        );
    }
}
