//! The actions a comparison tries: every catalog action plus any other the scenarios name,
//! grouped into classes of actions that every action pattern of both sides matches alike.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::decide::{named_by_rules, special_resource, PolicySet};
use crate::evaluate::matching;
use crate::policy::catalog::rcp_services;
use crate::policy::catalog::Catalog;
use crate::scenario::Scenario;

/// The actions to try.
pub(crate) struct Actions {
    /// How many actions there are in all.
    pub(crate) all: usize,
    /// How many of them name no resource type (tried on `*` only).
    pub(crate) free: usize,
    /// One representative per class, with the number of other actions it stands for.
    pub(crate) to_try: Vec<(String, usize)>,
    /// The catalog actions that name no resource type.
    resource_free: HashSet<String>,
}

impl Actions {
    /// Plan the actions for policy sets `sets` of scenarios `scenarios`; without
    /// `group_actions`, every action is its own class.
    pub(crate) fn plan(
        sets: &[&PolicySet; 2],
        catalog: &Catalog,
        scenarios: [&Scenario; 2],
        resources: &[String],
        group_actions: bool,
    ) -> Self {
        // Actions that name no resource type are authorized on `*` only (as in the sweep).
        let resource_free: HashSet<String> = catalog
            .services()
            .iter()
            .flat_map(|s| {
                s.actions()
                    .iter()
                    .filter(|a| !a.has_resource_types())
                    .map(move |a| format!("{}:{}", s.prefix(), a.name()))
            })
            .collect();
        let mut all_actions: Vec<String> = catalog
            .services()
            .iter()
            .flat_map(|s| {
                s.actions()
                    .iter()
                    .map(move |a| format!("{}:{}", s.prefix(), a.name()))
            })
            .collect();
        for extra in scenarios.iter().flat_map(|s| &s.action_names) {
            if extra != "*" && !all_actions.iter().any(|x| x.eq_ignore_ascii_case(extra)) {
                all_actions.push(extra.clone());
            }
        }
        let mut actions = Self {
            all: all_actions.len(),
            free: 0,
            to_try: Vec::new(),
            resource_free,
        };
        actions.free = all_actions
            .iter()
            .filter(|a| actions.resource_free(a))
            .count();
        let patterns = patterns(sets);
        let rules = Rules::of(sets, scenarios, resources);
        let mut classes: HashMap<(Vec<bool>, Option<String>), usize> = HashMap::new();
        for action in &all_actions {
            if !group_actions {
                actions.to_try.push((action.clone(), 0));
                continue;
            }
            match classes.entry(actions.signature(&patterns, &rules, action)) {
                Entry::Occupied(e) => {
                    if let Some(t) = actions.to_try.get_mut(*e.get()) {
                        t.1 += 1;
                    }
                }
                Entry::Vacant(e) => {
                    e.insert(actions.to_try.len());
                    actions.to_try.push((action.clone(), 0));
                }
            }
        }
        actions
    }

    /// Whether `action` names no resource type (so it is tried on `*` only).
    pub(crate) fn resource_free(&self, action: &str) -> bool {
        self.resource_free.contains(action)
    }

    /// Two actions that every action pattern of both sides matches alike (and that are alike
    /// for the special-resource rules, in naming resource types, and for the rules of the
    /// decision that these scenarios can meet) are decided alike on every request.
    fn signature(
        &self,
        patterns: &[String],
        rules: &Rules,
        action: &str,
    ) -> (Vec<bool>, Option<String>) {
        let mut sig: Vec<bool> = patterns
            .iter()
            .map(|p| matching::action_matches(p, action))
            .collect();
        sig.push(special_resource(action, "arn:aws:iam::000000000000:role/r").is_some());
        sig.push(self.resource_free(action));
        if rules.rcps {
            // RCPs apply only to the services that support them.
            sig.push(rcp_services::applies_to(action));
        }
        if rules.by_service {
            // The STS restrictions of temporary credentials go by service.
            let prefix = action.split_once(':').map_or("", |(p, _)| p);
            sig.extend(["sts", "iam"].map(|s| prefix.eq_ignore_ascii_case(s)));
        }
        // An action a rule names is a class of its own (sts:GetCallerIdentity always; the
        // others when the scenarios can meet their rule).
        let own = (action.eq_ignore_ascii_case("sts:GetCallerIdentity")
            || (rules.by_name && named_by_rules(action)))
        .then(|| action.to_ascii_lowercase());
        (sig, own)
    }
}

/// Which rules of the decision, beyond the action patterns, can tell actions apart in this
/// comparison.
struct Rules {
    /// Some side has RCPs (which apply by service).
    rcps: bool,
    /// A caller is a federated user (whose STS and IAM calls are refused by service).
    by_service: bool,
    /// A caller or a resource can meet a rule that names actions (the root user's AssumeRole,
    /// a role session's GetFederationToken, changes to AWS managed policies, reserved roles
    /// and aliases, kms:RetireGrant under RCPs).
    by_name: bool,
}

impl Rules {
    fn of(sets: &[&PolicySet; 2], scenarios: [&Scenario; 2], resources: &[String]) -> Self {
        let callers = scenarios.map(|s| s.caller_arn.as_deref().unwrap_or_default());
        let caller_is = |part: &str| callers.iter().any(|c| c.contains(part));
        let reserved = resources.iter().any(|r| {
            r.contains(":iam::aws:policy/")
                || r.contains(":role/aws-reserved/")
                || r.contains(":alias/aws/")
        });
        let rcps = sets.iter().any(|s| !s.rcp_levels.is_empty());
        Self {
            rcps,
            by_service: caller_is(":federated-user/"),
            by_name: rcps
                || reserved
                || callers.iter().any(|c| c.ends_with(":root"))
                || caller_is(":assumed-role/")
                || caller_is(":role/"),
        }
    }
}

/// Every action pattern of both sides, lower case, sorted, without repeats.
fn patterns(sets: &[&PolicySet; 2]) -> Vec<String> {
    let mut patterns: Vec<String> = sets
        .iter()
        .flat_map(|s| s.all())
        .flat_map(|lp| &lp.policy.statements)
        .flat_map(|st| &st.action.items)
        .map(|i| i.text.to_ascii_lowercase())
        .collect();
    patterns.sort();
    patterns.dedup();
    patterns
}
