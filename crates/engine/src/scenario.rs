//! ③ Scenarios (shared/scenario-format.md): what the user asks about, read from JSON with
//! positions. Two forms: policy lists (v1, AWS `SimulateCustomPolicy` input plus extensions) and
//! a `World` with a `Request` (v2).
//!
//! - `aws_api`: AWS's own request fields beyond policies and request (`ResourceHandlingOption`
//!   and the EC2 resources it requires, `MaxItems`/`Marker` pages, the 7-level limit).
//! - `read`: what both forms read alike: policies (with where their text came from) and
//!   context entries.
//! - [`expected`]: the decisions a scenario says its requests should get (`Expected`).
//! - [`world`]: the v2 form: a small AWS world (organization, users, groups, roles, resources)
//!   and a request made in it, possibly after a chain of STS calls.
//! - `policies`: the v1 form ([`Scenario`]), read and written back ([`to_json`]).

pub mod aws_api;
pub mod expected;
pub(crate) mod policies;
pub(crate) mod read;
pub mod world;

pub use expected::Expectation;
pub use policies::{is_scenario_key, to_json, AwsFields, Scenario};
pub use read::{check_context_value, reference_in, resolve_reference, ManagedRef, PolicyInput};

use crate::policy::managed::ManagedPolicies;
use crate::text::diag::{Diagnostic, Sink};
use crate::text::json::{self, Value};
use crate::text::span::ByteRange;
use read::Reader;
use world::WorldScenario;

/// A scenario file: policy lists (v1) or a world and a request (v2).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The `SimulateCustomPolicy` form.
    Policies(Box<Scenario>),
    /// The `World` + `Request` form.
    World(Box<WorldScenario>),
}

impl Input {
    /// The decisions the scenario says its requests should get (`Expected`; empty without).
    pub fn expected(&self) -> &[Expectation] {
        match self {
            Self::Policies(s) => &s.expected,
            Self::World(w) => &w.expected,
        }
    }
}

/// Read a v1 scenario. Errors and warnings point into `text`; warnings are returned with the
/// scenario too (`Ok((scenario, warnings))`). A v2 `World` scenario is an error here: use
/// [`parse_input`].
pub fn parse(text: &str) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    match parse_input(text)? {
        (Input::Policies(s), w) => Ok((*s, w)),
        (Input::World(_), _) => Err(world_unsupported(text)),
    }
}

/// [`parse`] with the AWS managed policies, for callers that never evaluate a `World` (the
/// embed's own small build): the policy-list form only. A `World` scenario is [`parse`]'s
/// error without its world being read, so such a caller links no World reader.
pub fn parse_policies_managed(
    text: &str,
    managed: Option<&ManagedPolicies>,
) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    match parse_input_with::<false>(text, true, managed)? {
        (Input::Policies(s), w) => Ok((*s, w)),
        (Input::World(_), _) => Err(world_unsupported(text)),
    }
}

/// The error of reading a `World` scenario where only the policy-list form is read.
fn world_unsupported(text: &str) -> Vec<Diagnostic> {
    let mut sink = Sink::new(text, None);
    sink.error(
        "unsupported",
        ByteRange::new(0, 1),
        "this is a `World` scenario, which the playground's World mode reads; only the \
         policy-list form is read here",
    );
    sink.items
}

/// Read a scenario of either form.
pub fn parse_input(text: &str) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_input_with::<true>(text, true, None)
}

/// [`parse_input`] with the AWS managed policies, so that a policy written as
/// `arn:aws:iam::aws:policy/NAME` stands for that policy's document (without them such a
/// policy is an error). [`names_managed_policy`] says whether a text needs them.
pub fn parse_input_managed(
    text: &str,
    managed: Option<&ManagedPolicies>,
) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_input_with::<true>(text, true, managed)
}

/// [`parse_input`] for the effective-permissions sweep and the comparison, which try every
/// catalog action: a policy scenario may leave out `ActionNames`.
pub fn parse_input_for_all_actions(
    text: &str,
) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_input_with::<true>(text, false, None)
}

/// [`parse_input_for_all_actions`] with the AWS managed policies.
pub fn parse_input_for_all_actions_managed(
    text: &str,
    managed: Option<&ManagedPolicies>,
) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_input_with::<true>(text, false, managed)
}

/// Whether a scenario text may name an AWS managed policy (it contains the ARN prefix), so
/// that a caller loads the managed-policy data only then. A cheap substring test: a text that
/// only mentions such an ARN elsewhere (a condition value) loads the data for nothing.
pub fn names_managed_policy(text: &str) -> bool {
    text.contains(crate::policy::managed::ARN_PREFIX)
}

/// Read either form (`WORLD`), or only the policy-list form (a `World` scenario is then an
/// error, and the World reader is not compiled into this instance).
fn parse_input_with<const WORLD: bool>(
    text: &str,
    need_actions: bool,
    managed: Option<&ManagedPolicies>,
) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut sink = Sink::new(text, None);
    let arena = json::Arena::for_text(text);
    let root = match json::parse(text, &arena) {
        Ok(r) => r,
        Err(e) => {
            sink.error("json-syntax", e.range, e.message);
            return Err(sink.items);
        }
    };
    let Value::Object(members) = root.value else {
        sink.error("wrong-type", root.range, "a scenario must be a JSON object");
        return Err(sink.items);
    };
    let mut reader = Reader {
        text,
        sink: &mut sink,
        origins: Vec::new(),
        managed,
    };
    let find = |k: &str| members.iter().find(|m| m.key == k).map(|m| &m.value);
    let input = if let (Some(w), Some(r)) = (find("World"), find("Request")) {
        if !WORLD {
            return Err(world_unsupported(text));
        }
        Input::World(Box::new(world::read(&mut reader, members, w, r)))
    } else {
        let start = root.range.start;
        Input::Policies(Box::new(policies::read(
            &mut reader,
            members,
            start,
            need_actions,
        )))
    };
    if sink.has_errors() {
        Err(sink.items)
    } else {
        Ok((input, sink.items))
    }
}

#[cfg(test)]
mod tests {
    // Test code: failing loudly is the point.
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    // shared/scenario-format.md: a file is either the policy-list form (v1) or a `World` with a
    // `Request` (v2); the policy-list reader reads the first exactly as `parse` does.
    #[test]
    fn the_policy_list_reader_reads_v1_as_parse_does_and_refuses_a_world() {
        let v1 = include_str!("../../../examples/abac.json");
        assert_eq!(parse_policies_managed(v1, None), parse(v1));
        let world = include_str!("../../../examples/cross-account-role.json");
        let refused = parse_policies_managed(world, None).unwrap_err();
        assert_eq!(refused, parse(world).unwrap_err());
        assert_eq!(refused[0].code, "unsupported");
        assert!(matches!(parse_input(world), Ok((Input::World(_), _))));
    }
}
