//! `sts:GetCallerIdentity`: allowed for any authenticated caller, whatever the policies say.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::words;
use crate::trace::EvalDecision;

/// [STS API GetCallerIdentity]: "No permissions are required to perform this operation. If an
/// administrator attaches a policy to your identity that explicitly denies access to the
/// sts:GetCallerIdentity action, you can still perform this operation" (SPEC §12.4). Taken
/// before every policy, so even an explicit deny does not stop it — the one documented
/// exception to "an explicit deny in any policy overrides any allows".
pub(crate) fn get_caller_identity(
    f: &Facts<'_>,
    _: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    if !f.is_principal || !f.action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
        return None;
    }
    let mut step = record.step(
        "get-caller-identity",
        "STS API reference: GetCallerIdentity",
    );
    step.says(Some(EvalDecision::Allowed), words::get_caller_identity);
    Some(EvalDecision::Allowed)
}
