//! The principal at some point of the chain: its policies, tags and credentials.

use crate::scenario::read::PolicyInput;
use crate::scenario::world::Tags;

/// The principal at some point of the chain.
#[derive(Debug, Clone, Default)]
pub(crate) struct Session {
    /// Its ARN (a user, a root user, an identity provider, or an assumed-role session).
    pub(crate) arn: String,
    /// Its account.
    pub(crate) account: Option<String>,
    /// Its identity-based policies (a user's with its groups', or the role's).
    pub(crate) identity: Vec<PolicyInput>,
    /// Its permissions boundary.
    pub(crate) boundary: Option<PolicyInput>,
    /// The session policy passed when the session was created.
    pub(crate) session_policies: Vec<PolicyInput>,
    /// Principal tags (role tags overridden by session tags).
    pub(crate) tags: Tags,
    /// Transitive session tag keys, carried along role chaining.
    pub(crate) transitive: Vec<String>,
    /// `aws:MultiFactorAuthPresent`, when the credentials say.
    pub(crate) mfa_present: Option<bool>,
    /// `aws:MultiFactorAuthAge`, in seconds.
    pub(crate) mfa_age: Option<i64>,
    /// Whether the credentials are temporary.
    pub(crate) temporary: bool,
    /// Whether this is a role session (role chaining limits).
    pub(crate) role_session: bool,
    /// When the temporary credentials were issued and expire (nanoseconds since the epoch).
    pub(crate) issued_at: Option<i128>,
    /// When they expire (nanoseconds since the epoch).
    pub(crate) expires_at: Option<i128>,
    /// Whether this is an account's root user.
    pub(crate) root: bool,
    /// Whether the principal has an MFA device to pass.
    pub(crate) has_mfa_device: bool,
    /// GetSessionToken credentials obtained without MFA: no IAM or STS API calls.
    pub(crate) session_token_without_mfa: bool,
    /// GetSessionToken credentials: no STS calls but `AssumeRole` and `GetCallerIdentity`.
    pub(crate) session_token: bool,
    /// `aws:SourceIdentity`.
    pub(crate) source_identity: Option<String>,
    /// `aws:FederatedProvider`, for sessions from a SAML or OIDC provider.
    pub(crate) federated_provider: Option<String>,
    /// `aws:userid`.
    pub(crate) userid: Option<String>,
    /// `aws:username` (IAM users).
    pub(crate) username: Option<String>,
}

/// Set a tag, replacing one with the same key (keys compare case-insensitively).
pub(crate) fn set_tag(tags: &mut Tags, key: &str, value: &str) {
    tags.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
    tags.push((key.to_string(), value.to_string()));
}

/// An instant as an RFC 3339 timestamp.
pub(crate) fn show_time(nanos: i128) -> String {
    crate::policy::values::rfc3339_nanos(nanos)
        .unwrap_or_else(|| format!("{} s since the epoch", nanos / 1_000_000_000))
}
