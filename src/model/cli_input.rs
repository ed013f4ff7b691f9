//! AWS CLI import and export, as plain functions: a `simulate-custom-policy --cli-input-json`
//! document (plus the scenario format's extensions) becomes the playground state, and the state
//! becomes that document, the `aws iam simulate-custom-policy` command line, or a Markdown
//! trace. The panel is `features::cli`.

use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::Expectation;
use iam_engine::span::ByteRange;
use iam_engine::{
    parse_scenario, scenario_to_json, ContextEntry, ContextKeyType, EvaluationResult, PolicyInput,
    Scenario,
};

use crate::model::state::{AppState, Expected, Layer, PolicyDoc, RequestForm, TagKind, Tri};

/// Read a CLI input document; every problem as `LINE:COL: message`. Policies written as AWS
/// managed policy ARNs need `managed` (they stay ARNs in the state).
pub fn import(text: &str) -> Result<AppState, String> {
    import_managed(text, None)
}

/// [`import`] with the AWS managed policies.
pub fn import_managed(text: &str, managed: Option<&ManagedPolicies>) -> Result<AppState, String> {
    let parsed =
        iam_engine::scenario::parse_input_managed(text, managed).and_then(
            |(input, _)| match input {
                iam_engine::Input::Policies(s) => Ok(*s),
                iam_engine::Input::World(_) => parse_scenario(text),
            },
        );
    imported(parsed)
}

/// [`import`] for the embed page: the policy-list form only, so that the embed's own small
/// build links no World reader. A `World` scenario is an error, as with [`import`] (which
/// reports a broken World's own problems instead).
pub fn import_policies(text: &str) -> Result<AppState, String> {
    imported(iam_engine::scenario::parse_policies_managed(text, None).map(|(s, _)| s))
}

/// The state of a read scenario, or its first problems as `LINE:COL: message` lines.
fn imported(parsed: Result<Scenario, Vec<iam_engine::Diagnostic>>) -> Result<AppState, String> {
    match parsed {
        Ok(s) => Ok(state_from_scenario(&s)),
        Err(diags) => Err(diags
            .iter()
            .take(5)
            .map(|d| match d.file_span.as_ref().or(d.span.as_ref()) {
                Some(span) => format!("{}: {}", iam_engine::line_col(span), d.message),
                None => d.message.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

/// The CLI input document of the current state, in AWS's shape: SCP levels as
/// `OrderedOrganizationPolicyInputList` (AWS's own field); the scenario format's extensions
/// only when RCPs, session policies, a VPC endpoint, a management account or AWS managed keys
/// are present.
pub fn export_json(state: &AppState) -> String {
    scenario_to_json(&state.to_scenario().scenario)
}

/// The scenario document a docs page shows (`<pre class="iam-playground">`, the embed's link):
/// [`export_json`] with every policy that is a JSON object written as that object, as its author
/// indented it, rather than as an escaped string, the expectations as `Expected`, and the frozen
/// request time, if any, as an `aws:CurrentTime` context entry (so the example decides the same
/// on every day).
pub fn export_docs(state: &AppState) -> String {
    let mut scenario = state.to_scenario().scenario;
    if let Some(iso) = state
        .request
        .current_time
        .and_then(iam_engine::values::rfc3339_seconds)
    {
        let given = scenario
            .context_entries
            .iter()
            .any(|e| e.key.eq_ignore_ascii_case("aws:CurrentTime"));
        if !given {
            scenario.context_entries.push(ContextEntry {
                key: "aws:CurrentTime".into(),
                values: vec![iso],
                key_type: Some(ContextKeyType::Date),
            });
        }
    }
    scenario.expected = state
        .expected
        .iter()
        .map(|e| Expectation {
            action: e.action.clone(),
            resource: e.resource.clone(),
            decision: e.decision.clone(),
            range: ByteRange::default(),
        })
        .collect();
    let mut out = scenario_to_json(&scenario);
    for (p, ..) in scenario.policies() {
        // The engine's own JSON reader (the embed's build links no other).
        let arena = iam_engine::json::Arena::for_text(&p.text);
        let is_object = iam_engine::json::parse(&p.text, &arena)
            .is_ok_and(|n| matches!(n.value, iam_engine::json::Value::Object(_)));
        let Ok(literal) = serde_json::to_string(&p.text) else {
            continue;
        };
        let Some(at) = out.find(&literal).filter(|_| is_object) else {
            continue;
        };
        let line_start = out
            .get(..at)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let indent = " ".repeat(
            out.get(line_start..at)
                .map_or(0, |s| s.len() - s.trim_start().len()),
        );
        let object = p.text.trim().replace('\n', &format!("\n{indent}"));
        out.replace_range(at..at + literal.len(), &object);
    }
    out
}

/// A policy written as an object inside a scenario, with the indentation of its place there
/// (its closing brace's) taken off every line after the first; other texts unchanged.
fn dedent(text: &str) -> String {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .last()
        .map_or(0, |l| l.len() - l.trim_start_matches(' ').len());
    let pad = " ".repeat(indent);
    if indent == 0
        || !first.starts_with('{')
        || !rest
            .iter()
            .all(|l| l.trim().is_empty() || l.starts_with(&pad))
    {
        return text.to_string();
    }
    let mut out = first.to_string();
    for l in rest {
        out.push('\n');
        out.push_str(l.get(indent..).unwrap_or_default());
    }
    out
}

/// The equivalent command line (the document saved as `scenario.json`).
pub fn export_command(state: &AppState) -> String {
    let s = state.to_scenario().scenario;
    let mut note = String::new();
    if !s.rcp_levels.is_empty()
        || !s.session_policies.is_empty()
        || s.vpc_endpoint.is_some()
        || s.management_account.is_some()
        || s.aws_managed_keys
    {
        note.push_str(
            "# RCPs, session policies, the VPC endpoint (VpcEndpointPolicyInputList,\n\
             # VpcEndpointId, VpcId), ManagementAccount and KeyManager are this playground's\n\
             # extensions: AWS's simulate-custom-policy rejects unknown fields; remove them\n\
             # from scenario.json first.\n",
        );
    }
    format!("{note}aws iam simulate-custom-policy --cli-input-json file://scenario.json")
}

/// The decision, each policy layer's part and the decision steps as Markdown.
pub fn trace_markdown(result: &EvaluationResult) -> String {
    let mut out = format!(
        "### `{}` on `{}`: **{}**\n",
        result.eval_action_name,
        result.eval_resource_name,
        result.eval_decision.as_str()
    );
    if let Some(trace) = &result.trace {
        out.push_str("\nPolicy layers, in evaluation order:\n\n");
        for layer in &trace.layers {
            out.push_str(&format!("- **{}**: {}\n", layer.label, layer.summary));
        }
        out.push_str("\nDecision steps:\n\n");
        for (i, step) in trace.steps.iter().enumerate() {
            out.push_str(&format!("{}. {} (`{}`)\n", i + 1, step.text, step.rule));
        }
    }
    if !result.matched_statements.is_empty() {
        out.push_str("\nDeciding statements:\n\n");
        for m in &result.matched_statements {
            out.push_str(&format!("- `{}`\n", m.source_policy_id));
        }
    }
    out
}

fn first_value(e: &ContextEntry) -> Option<&str> {
    match e.values.as_slice() {
        [v] => Some(v.as_str()),
        _ => None,
    }
}

/// The state a scenario describes: each policy becomes a document of its layer; context keys
/// with a typed editor go there, every other key becomes a free-form entry; its `Expected`
/// decisions become the exercise's.
pub fn state_from_scenario(s: &Scenario) -> AppState {
    let mut st = AppState {
        docs: Vec::new(),
        request: RequestForm {
            caller_arn: s.caller_arn.clone().unwrap_or_default(),
            actions: s.action_names.join(", "),
            resources: s.resource_arns.join(", "),
            resource_owner: s.resource_owner.clone().unwrap_or_default(),
            principal_tags: Vec::new(),
            resource_tags: Vec::new(),
            request_tags: Vec::new(),
            source_ip: String::new(),
            mfa_present: Tri::Absent,
            mfa_age: None,
            secure_transport: Tri::Absent,
            requested_region: String::new(),
            current_time: None,
            vpc_endpoint_id: s
                .vpc_endpoint
                .as_ref()
                .and_then(|e| e.id.clone())
                .unwrap_or_default(),
            vpc_id: s
                .vpc_endpoint
                .as_ref()
                .and_then(|e| e.vpc_id.clone())
                .unwrap_or_default(),
            management_account: s.management_account.clone().unwrap_or_default(),
            aws_managed_keys: s.aws_managed_keys,
            extra: Vec::new(),
            next_row: 0,
        },
        next_key: 0,
        expected: s
            .expected
            .iter()
            .map(|e| Expected {
                action: e.action.clone(),
                resource: e.resource.clone(),
                decision: e.decision.clone(),
            })
            .collect(),
        world: None,
        hide_answers: false,
        predictions: Vec::new(),
    };
    let push = |st: &mut AppState, layer: Layer, level: u8, n: usize, p: &PolicyInput| {
        st.next_key += 1;
        // An AWS managed policy stays its ARN, on a tab named after it.
        let (name, text) = match &p.managed {
            Some(m) => (m.name.clone(), m.arn.clone()),
            None if layer.max_docs() == Some(1) => {
                (layer.default_name().to_string(), dedent(&p.text))
            }
            None => (format!("{}{n}", layer.default_name()), dedent(&p.text)),
        };
        st.docs.push(PolicyDoc {
            key: st.next_key,
            layer,
            name,
            level,
            text,
        });
    };
    for (i, p) in s.identity_policies.iter().enumerate() {
        push(&mut st, Layer::Identity, 1, i + 1, p);
    }
    for (i, p) in s.permissions_boundaries.iter().enumerate() {
        push(&mut st, Layer::Boundary, 1, i + 1, p);
    }
    let mut n = 0;
    for (li, level) in s.scp_levels.iter().enumerate() {
        for p in level {
            n += 1;
            push(&mut st, Layer::Scp, (li + 1) as u8, n, p);
        }
    }
    let mut n = 0;
    for (li, level) in s.rcp_levels.iter().enumerate() {
        for p in level {
            n += 1;
            push(&mut st, Layer::Rcp, (li + 1) as u8, n, p);
        }
    }
    if let Some(p) = &s.resource_policy {
        push(&mut st, Layer::Resource, 1, 1, p);
    }
    for (i, p) in s.session_policies.iter().enumerate() {
        push(&mut st, Layer::Session, 1, i + 1, p);
    }
    if let Some(p) = s.vpc_endpoint.as_ref().and_then(|e| e.policy.as_ref()) {
        push(&mut st, Layer::VpcEndpoint, 1, 1, p);
    }
    // An endpoint named by neither an id nor a VPC still makes the request travel through it.
    if s.vpc_endpoint
        .as_ref()
        .is_some_and(|e| e.policy.is_none() && e.id.is_none() && e.vpc_id.is_none())
    {
        let default = PolicyInput::new(
            "VpcEndpointPolicyInputList.1",
            crate::model::templates::VPC_ENDPOINT_TEMPLATE,
        );
        push(&mut st, Layer::VpcEndpoint, 1, 1, &default);
    }
    let has_request_tags = s
        .context_entries
        .iter()
        .any(|e| e.key.to_ascii_lowercase().starts_with("aws:requesttag/"));
    let r = &mut st.request;
    for e in &s.context_entries {
        if typed(r, e, has_request_tags) {
            continue;
        }
        r.add_free(
            &e.key,
            e.key_type.map(ContextKeyType::as_str).unwrap_or_default(),
            &e.values.join(", "),
        );
    }
    st
}

/// Put an entry into its typed editor; false when it has none (or the value does not fit).
fn typed(r: &mut RequestForm, e: &ContextEntry, has_request_tags: bool) -> bool {
    let lower = e.key.to_ascii_lowercase();
    let one = first_value(e);
    for (prefix, kind) in [
        ("aws:principaltag/", TagKind::Principal),
        ("aws:resourcetag/", TagKind::Resource),
        ("aws:requesttag/", TagKind::Request),
    ] {
        if let (Some(_), Some(v)) = (lower.strip_prefix(prefix), one) {
            let tag = e.key.get(prefix.len()..).unwrap_or_default();
            r.add_tag(kind, tag, v);
            return true;
        }
    }
    let tri = |v: &str| match v.to_ascii_lowercase().as_str() {
        "true" => Some(Tri::True),
        "false" => Some(Tri::False),
        _ => None,
    };
    match (lower.as_str(), one) {
        // Derived from the request tags by the form.
        ("aws:tagkeys", _) if has_request_tags => true,
        ("aws:sourceip", Some(v)) if r.source_ip.is_empty() => {
            r.source_ip = v.to_string();
            true
        }
        ("aws:multifactorauthpresent", Some(v)) => match tri(v) {
            Some(t) => {
                r.mfa_present = t;
                true
            }
            None => false,
        },
        ("aws:securetransport", Some(v)) => match tri(v) {
            Some(t) => {
                r.secure_transport = t;
                true
            }
            None => false,
        },
        ("aws:multifactorauthage", Some(v)) => match v.trim().parse::<u32>() {
            Ok(n) => {
                r.mfa_age = Some(n);
                true
            }
            Err(_) => false,
        },
        ("aws:requestedregion", Some(v)) if r.requested_region.is_empty() => {
            r.requested_region = v.to_string();
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_imports_policy_lists_as_the_playground_does_and_refuses_a_world() {
        let text = include_str!("../../examples/abac.json");
        assert_eq!(import_policies(text), import(text));
        let world = include_str!("../../examples/cross-account-role.json");
        let refused = import_policies(world).unwrap_err();
        assert_eq!(Err(refused.clone()), import(world));
        assert!(refused.contains("`World` scenario"), "{refused}");
    }

    #[test]
    fn the_example_file_imports_into_the_typed_editors_and_decides_the_same() {
        let text = include_str!("../../examples/abac.json");
        let st = import(text).unwrap();
        assert_eq!(st.layer_docs(Layer::Identity).count(), 1);
        assert_eq!(st.request.source_ip, "203.0.113.7");
        assert_eq!(st.request.mfa_age, Some(300));
        assert_eq!(st.request.principal_tags[0].key, "team");
        assert!(st.request.extra.is_empty());
        let direct = parse_scenario(text).unwrap();
        let opts = iam_engine::Options {
            trace: false,
            now_epoch_seconds: Some(1_767_225_600),
        };
        let a = iam_engine::simulate(&direct, &opts).results.unwrap();
        let b = iam_engine::simulate(&st.to_scenario().scenario, &opts)
            .results
            .unwrap();
        let d = |r: &Vec<EvaluationResult>| r.iter().map(|r| r.eval_decision).collect::<Vec<_>>();
        assert_eq!(d(&a), d(&b));
    }

    #[test]
    fn expected_decisions_import_into_the_exercise() {
        // shared/scenario-format.md, Additions (v3): the exercise format travels with a scenario.
        let text = r#"{"PolicyInputList": [], "ActionNames": ["s3:GetObject"],
            "Expected": [{"Action": "s3:GetObject", "Resource": "*", "Decision": "implicitDeny"}]}"#;
        let st = import(text).unwrap();
        assert_eq!(
            st.expected,
            [Expected {
                action: "s3:GetObject".into(),
                resource: "*".into(),
                decision: "implicitDeny".into(),
            }]
        );
    }

    #[test]
    fn export_then_import_keeps_the_scenario() {
        let mut st = AppState::default();
        st.add_doc(Layer::Scp);
        st.add_doc(Layer::Session);
        st.request.add_free("s3:prefix", "stringList", "a/, b/");
        let json = export_json(&st);
        let back = import(&json).unwrap();
        assert_eq!(
            back.to_scenario().scenario.context_entries,
            st.to_scenario().scenario.context_entries
        );
        assert_eq!(export_json(&back), json);
        assert!(export_command(&st).contains("simulate-custom-policy --cli-input-json"));
    }

    /// SCP levels leave in AWS's own `OrderedOrganizationPolicyInputList` (IAM API Reference,
    /// SimulateCustomPolicy), root first, so AWS's CLI takes the export; only RCPs and session
    /// policies are still extensions.
    #[test]
    fn scps_export_in_aws_shape() {
        let mut st = AppState::default();
        st.add_doc(Layer::Scp);
        let json: serde_json::Value = serde_json::from_str(&export_json(&st)).unwrap();
        assert!(json.get("ServiceControlPolicyInputList").is_none());
        let levels = json["OrderedOrganizationPolicyInputList"]
            .as_array()
            .unwrap();
        assert!(levels[0]["ServiceControlPolicyInputList"][0].is_string());
        assert!(!export_command(&st).contains("extensions"));
        st.add_doc(Layer::Session);
        assert!(export_command(&st).contains("session policies, the VPC endpoint"));
        assert!(export_command(&st).contains("are this playground's\n# extensions"));
    }

    #[test]
    fn the_vpc_endpoint_and_the_organization_facts_export_and_import() {
        let mut st = AppState::default();
        let key = st.add_doc(Layer::VpcEndpoint).unwrap();
        assert!(st.add_doc(Layer::VpcEndpoint).is_none());
        st.request.vpc_endpoint_id = "vpce-1a2b3c4d".into();
        st.request.vpc_id = "vpc-111bbb22".into();
        st.request.management_account = "444455556666".into();
        st.request.aws_managed_keys = true;
        let built = st.to_scenario();
        assert_eq!(built.doc_of("VpcEndpointPolicyInputList.1"), Some(key));
        let json = export_json(&st);
        for field in [
            "\"VpcEndpointPolicyInputList\"",
            "\"VpcEndpointId\": \"vpce-1a2b3c4d\"",
            "\"VpcId\": \"vpc-111bbb22\"",
            "\"ManagementAccount\": \"444455556666\"",
            "\"KeyManager\": \"AWS\"",
        ] {
            assert!(json.contains(field), "{field} in {json}");
        }
        assert!(export_command(&st).contains("VpcEndpointId"));
        let back = import(&json).unwrap();
        assert_eq!(back.layer_docs(Layer::VpcEndpoint).count(), 1);
        assert_eq!(back.request.vpc_endpoint_id, "vpce-1a2b3c4d");
        assert_eq!(back.request.management_account, "444455556666");
        assert!(back.request.aws_managed_keys);
        assert_eq!(export_json(&back), json);
    }

    #[test]
    fn the_trace_exports_as_markdown() {
        let st = AppState::default();
        let opts = iam_engine::Options {
            trace: true,
            now_epoch_seconds: Some(0),
        };
        let r = iam_engine::simulate(&st.to_scenario().scenario, &opts)
            .results
            .unwrap();
        let md = trace_markdown(&r[0]);
        assert!(md.starts_with(
            "### `s3:GetObject` on `arn:aws:s3:::team-data/report.csv`: **allowed**\n"
        ));
        assert!(md.contains("- **Identity-based policies**: "), "{md}");
        assert!(md.contains("Decision steps:\n\n1. "), "{md}");
        assert!(md.contains("- `PolicyInputList.1`"), "{md}");
    }

    #[test]
    fn docs_export_writes_policies_as_objects_and_decides_the_same_on_any_day() {
        let mut st = AppState::default();
        st.add_doc(Layer::Scp);
        st.request.current_time = Some(1_767_225_600);
        st.expected.push(Expected {
            action: "s3:GetObject".into(),
            resource: "arn:aws:s3:::team-data/report.csv".into(),
            decision: "allowed".into(),
        });
        let docs = export_docs(&st);
        // The identity policy as its author wrote it, indented into the list.
        assert!(
            docs.contains("\"PolicyInputList\": [\n    {\n      \"Version\": \"2012-10-17\",\n      \"Statement\": ["),
            "{docs}"
        );
        assert!(
            docs.contains("\"ContextKeyName\": \"aws:CurrentTime\""),
            "{docs}"
        );
        assert!(docs.contains("\"Expected\": ["), "{docs}");
        // It reads back into the same policies (indentation taken off) and decides the same,
        // whatever the clock says.
        let back = import(&docs).unwrap();
        assert_eq!(back.docs[0].text, st.docs[0].text);
        assert_eq!(back.expected, st.expected);
        let decide = |s: &AppState, now| {
            let opts = iam_engine::Options {
                trace: false,
                now_epoch_seconds: Some(now),
            };
            iam_engine::simulate(&s.to_scenario().scenario, &opts)
                .results
                .unwrap()
                .iter()
                .map(|r| r.eval_decision)
                .collect::<Vec<_>>()
        };
        assert_eq!(decide(&back, 0), decide(&st, 1_767_225_600));
        assert_eq!(export_docs(&back), docs);
        // A policy that is not valid JSON stays a string.
        st.docs[0].text = "{\"Version\": ".into();
        assert!(export_docs(&st).contains("\"{\\\"Version\\\": \""));
    }

    #[test]
    fn broken_documents_are_errors_with_positions() {
        let e = import("{\"PolicyInputList\": [}").unwrap_err();
        assert!(e.starts_with("1:"), "{e}");
    }
}
