//! ⑥ Simulation: scenarios turned into requests, each decided, into a
//! `SimulateCustomPolicy`-shaped response.
//!
//! - `outcome`: what a simulation returns: results, matched statements, STS hops (types only).
//! - [`aws`]: AWS's current response shape: one result per action, `ResourceSpecificResults`,
//!   pages.
//! - [`check`](mod@check): a scenario's expectations checked against its results.
//! - `load`: a scenario's policies parsed, lowered and indexed; the actions and caller checked.
//! - `single`: a policy-list scenario simulated, through its [`Compiled`] form.
//! - [`chain`]: a `World` scenario simulated: authentication, STS hops, then the request.

pub mod aws;
pub mod chain;
pub mod check;
pub(crate) mod load;
pub(crate) mod outcome;
pub(crate) mod single;

pub use chain::simulate_world;
pub use check::{check, Check};
pub use load::validate;
pub use outcome::{
    EvalDecisionDetails, EvaluationResult, HopResult, MatchedStatement, Options,
    OrganizationsDecisionDetail, Outcome, PermissionsBoundaryDecisionDetail, Position,
};
pub use single::{simulate, Compiled, RequestContext};
