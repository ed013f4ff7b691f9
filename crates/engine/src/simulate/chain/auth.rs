//! Authentication: the principal a `World` request starts from, or why it cannot start.

use super::session::Session;
use crate::request::caller::{Caller, CallerKind};
use crate::scenario::world::{short, StsApi, World, WorldRequest};

/// The starting principal, or why it cannot authenticate.
pub(crate) fn authenticate(world: &World, req: &WorldRequest) -> Result<Session, String> {
    let p = req.principal.as_str();
    let auth = req.authentication.clone().unwrap_or_default();
    let caller = Caller::parse(Some(p)).map_err(|e| format!("`Principal`: {e}"))?;
    let mut s = Session {
        arn: p.to_string(),
        account: caller.account.clone(),
        ..Session::default()
    };
    match caller.kind {
        CallerKind::Root => {
            s.root = true;
            // The root user can always use its own MFA device.
            s.has_mfa_device = true;
            s.userid = s.account.clone();
            if auth.mfa == Some(true) {
                // Console sign-in with MFA; root access keys are long-term (no MFA keys).
                s.mfa_present = Some(true);
                s.mfa_age = auth.mfa_age_seconds;
            }
        }
        CallerKind::User { name } => {
            let user = world
                .users
                .iter()
                .find(|u| u.arn == p)
                .ok_or_else(|| format!("user `{p}` is not in the world's `Users`"))?;
            s.username = Some(name);
            s.userid = user.user_id.clone();
            s.tags = user.tags.clone();
            s.identity = user.policies.clone();
            for g in &user.groups {
                let group = world.groups.iter().find(|x| x.arn == *g || short(&x.arn) == *g);
                match group {
                    Some(group) => s.identity.extend(group.policies.iter().cloned()),
                    None => return Err(format!("group `{g}` of `{p}` is not in the world's `Groups`")),
                }
            }
            s.boundary = user.boundary.clone();
            s.has_mfa_device = !user.mfa_devices.is_empty();
            if let Some(key) = &auth.access_key {
                let k = user
                    .access_keys
                    .iter()
                    .find(|k| k.id == *key)
                    .ok_or_else(|| format!("access key `{key}` does not belong to `{p}`"))?;
                if !k.active {
                    return Err(format!("access key `{key}` is inactive"));
                }
                // Long-term access keys: no MFA keys in the context.
            } else if let Some(mfa) = auth.mfa {
                if mfa && user.mfa_devices.is_empty() {
                    return Err(format!("`{p}` signed in with MFA but has no MFA device"));
                }
                s.temporary = true;
                s.mfa_present = Some(mfa);
                if mfa {
                    s.mfa_age = Some(auth.mfa_age_seconds.unwrap_or(0));
                }
            }
        }
        CallerKind::IdentityProvider { .. } => {
            if !req.chain.first().is_some_and(|h| matches!(h.api, StsApi::AssumeRoleWithSaml | StsApi::AssumeRoleWithWebIdentity)) {
                return Err("an identity provider principal must start with AssumeRoleWithSAML or AssumeRoleWithWebIdentity".into());
            }
        }
        _ => return Err(format!("`{p}`: a world request starts from a user, an account's root user or an identity provider")),
    }
    Ok(s)
}
