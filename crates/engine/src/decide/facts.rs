//! The facts the steps decide on, computed once per request: SPEC §6.1's cross-account and
//! special-resource facts and §6.3's G, I, B and S.

use super::layers::{is_principal, Layers};
use super::special::special_resource;
use crate::evaluate::Request;
use crate::policy::Effect;
use crate::request::caller::{Caller, CallerKind};
use crate::trace::PrincipalCategory;

/// What is known about a request once its layers are evaluated.
pub(crate) struct Facts<'a> {
    /// Who asks.
    pub(crate) caller: &'a Caller,
    /// The action asked for.
    pub(crate) action: &'a str,
    /// The resource it is asked on.
    pub(crate) resource: &'a str,
    /// Whether the caller is an IAM principal of an account (not a service principal, an
    /// identity provider or an anonymous caller).
    pub(crate) is_principal: bool,
    /// Whether caller and resource are in different accounts (§6.1).
    pub(crate) cross_account: bool,
    /// `roleTrustPolicy` or `kmsKeyPolicy` (§6.1, §6.5).
    pub(crate) special: Option<&'static str>,
    /// G: the strongest principal category among the applicable `Allow` statements of the
    /// resource-based policy (direct > role > account), if any.
    pub(crate) grant: Option<PrincipalCategory>,
    /// I: an identity-based `Allow` applies.
    pub(crate) identity_allows: bool,
    /// B: there is no (applicable) permissions boundary, or a boundary `Allow` applies.
    pub(crate) boundary_allows: bool,
    /// S: the caller is not a session, or a role session without session policies, or a
    /// session-policy `Allow` applies (a federated-user session needs one, §12.5).
    pub(crate) session_allows: bool,
}

impl<'a> Facts<'a> {
    /// The facts of `req` on a resource of `resource_account`, given its evaluated layers.
    pub(crate) fn new(
        req: &Request<'a>,
        resource_account: Option<&str>,
        layers: &Layers<'_, '_>,
    ) -> Self {
        let caller = req.caller;
        let cross_account = matches!(
            (caller.account.as_deref(), resource_account),
            (Some(c), Some(r)) if c != r
        );
        let session = &layers.session;
        Self {
            caller,
            action: req.action,
            resource: req.resource,
            is_principal: is_principal(caller),
            cross_account,
            special: special_resource(req.action, req.resource),
            grant: layers
                .resource
                .applicable_statements(Effect::Allow)
                .filter_map(|h| h.principal_category)
                .max(),
            identity_allows: layers.identity.allows(),
            boundary_allows: !layers.boundary.present()
                || !layers.boundary.applicable
                || layers.boundary.allows(),
            session_allows: match caller.kind {
                CallerKind::RoleSession { .. } => !session.present() || session.allows(),
                CallerKind::FederatedUser { .. } => session.allows(),
                _ => true,
            },
        }
    }

    /// I ∧ B ∧ S: the caller's own account allows (identity-based policies within the
    /// boundary and session policies).
    pub(crate) fn identity_side(&self) -> bool {
        self.identity_allows && self.boundary_allows && self.session_allows
    }
}
