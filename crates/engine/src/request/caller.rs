//! Who makes the request: the principal kinds IAM distinguishes, read from the caller ARN.

use serde::{Deserialize, Serialize};

use super::arn::{arn_components, is_account_id};

/// The kind of principal making the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CallerKind {
    /// `arn:aws:iam::ACCOUNT:root`.
    Root,
    /// `arn:aws:iam::ACCOUNT:user/[path/]NAME`.
    User {
        /// Friendly name.
        name: String,
    },
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` (or a role ARN: a session of that role).
    RoleSession {
        /// Role name.
        role: String,
        /// Session name, when known.
        session: Option<String>,
    },
    /// `arn:aws:sts::ACCOUNT:federated-user/NAME` (GetFederationToken).
    FederatedUser {
        /// Federated user name.
        name: String,
    },
    /// An AWS service principal such as `cloudtrail.amazonaws.com`.
    Service {
        /// The service principal name.
        name: String,
    },
    /// A SAML or OpenID Connect identity provider calling `AssumeRoleWithSAML`/`WithWebIdentity`.
    IdentityProvider {
        /// The provider ARN or well-known name (`accounts.google.com`).
        provider: String,
    },
    /// An unauthenticated request.
    Anonymous,
    /// No caller was given: only identity policies can be evaluated.
    Unspecified,
}

/// The caller of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Caller {
    /// The ARN (or service name) as given.
    pub arn: Option<String>,
    /// What kind of principal it is.
    #[serde(flatten)]
    pub kind: CallerKind,
    /// Its account, when it has one.
    pub account: Option<String>,
    /// ARN partition (`aws`, `aws-cn`, …).
    pub partition: String,
}

impl Caller {
    /// Read a caller ARN; `Err` says why it is not one.
    pub fn parse(arn: Option<&str>) -> Result<Self, String> {
        let Some(arn) = arn else {
            return Ok(Self {
                arn: None,
                kind: CallerKind::Unspecified,
                account: None,
                partition: "aws".into(),
            });
        };
        let read = read(arn)?;
        let owned = |s: &str| s.to_string();
        let kind = match read.kind {
            Kind::Root => CallerKind::Root,
            Kind::User(name) => CallerKind::User { name: owned(name) },
            Kind::RoleSession(role, session) => CallerKind::RoleSession {
                role: owned(role),
                session: session.map(owned),
            },
            Kind::FederatedUser(name) => CallerKind::FederatedUser { name: owned(name) },
            Kind::Service(name) => CallerKind::Service { name: owned(name) },
            Kind::IdentityProvider(provider) => CallerKind::IdentityProvider {
                provider: owned(provider),
            },
            Kind::Anonymous => CallerKind::Anonymous,
        };
        Ok(Self {
            arn: Some(arn.to_string()),
            kind,
            account: read.account.map(owned),
            partition: read.partition.to_string(),
        })
    }

    /// Whether `arn` reads as a caller ([`Caller::parse`] without building one).
    pub fn check(arn: &str) -> Result<(), String> {
        read(arn).map(|_| ())
    }

    /// Whether the caller is a role session or a federated-user session.
    pub fn is_session(&self) -> bool {
        matches!(
            self.kind,
            CallerKind::RoleSession { .. } | CallerKind::FederatedUser { .. }
        )
    }

    /// `aws:PrincipalArn`: the role ARN for a role session, the caller ARN otherwise.
    pub fn principal_arn(&self) -> Option<String> {
        match (&self.kind, &self.account) {
            (CallerKind::RoleSession { role, .. }, Some(acct)) => {
                Some(format!("arn:{}:iam::{acct}:role/{role}", self.partition))
            }
            (
                CallerKind::Service { .. }
                | CallerKind::Anonymous
                | CallerKind::Unspecified
                | CallerKind::IdentityProvider { .. },
                _,
            ) => None,
            _ => self.arn.clone(),
        }
    }

    /// `aws:PrincipalType`.
    pub fn principal_type(&self) -> Option<&'static str> {
        Some(match self.kind {
            CallerKind::Root => "Account",
            CallerKind::User { .. } => "User",
            CallerKind::RoleSession { .. } => "AssumedRole",
            CallerKind::FederatedUser { .. } => "FederatedUser",
            CallerKind::Anonymous => "Anonymous",
            CallerKind::Service { .. }
            | CallerKind::Unspecified
            | CallerKind::IdentityProvider { .. } => return None,
        })
    }

    /// A short description for traces: "IAM user `alice` of account 111122223333".
    pub fn describe(&self) -> String {
        let acct = self.account.as_deref().unwrap_or("?");
        match &self.kind {
            CallerKind::Root => format!("the root user of account {acct}"),
            CallerKind::User { name } => format!("IAM user `{name}` of account {acct}"),
            CallerKind::RoleSession {
                role,
                session: Some(s),
            } => {
                format!("session `{s}` of role `{role}` in account {acct}")
            }
            CallerKind::RoleSession {
                role,
                session: None,
            } => format!("a session of role `{role}` in account {acct}"),
            CallerKind::FederatedUser { name } => {
                format!("federated user `{name}` of account {acct}")
            }
            CallerKind::Service { name } => format!("service principal `{name}`"),
            CallerKind::Anonymous => "an anonymous caller".into(),
            CallerKind::IdentityProvider { provider } => {
                format!("a user federated through identity provider `{provider}`")
            }
            CallerKind::Unspecified => "an unspecified caller (no CallerArn)".into(),
        }
    }
}

/// A caller ARN read without copying: the parts of a [`Caller`] as slices of the ARN.
struct Read<'a> {
    kind: Kind<'a>,
    account: Option<&'a str>,
    partition: &'a str,
}

/// [`CallerKind`] with borrowed names (no `Unspecified`: there is an ARN).
enum Kind<'a> {
    Root,
    User(&'a str),
    RoleSession(&'a str, Option<&'a str>),
    FederatedUser(&'a str),
    Service(&'a str),
    IdentityProvider(&'a str),
    Anonymous,
}

fn read(arn: &str) -> Result<Read<'_>, String> {
    let plain = |kind| Read {
        kind,
        account: None,
        partition: "aws",
    };
    if arn == "*" || arn.eq_ignore_ascii_case("anonymous") {
        return Ok(plain(Kind::Anonymous));
    }
    const WEB_IDPS: [&str; 4] = [
        "accounts.google.com",
        "graph.facebook.com",
        "www.amazon.com",
        "cognito-identity.amazonaws.com",
    ];
    // Taken apart once (the resource keeps any further `:`, which no prefix below contains).
    let parts = arn_components(arn);
    let [_, _, service, _, _, resource] = parts;
    let is_provider_arn = arn.starts_with("arn:")
        && service == Some("iam")
        && resource
            .is_some_and(|r| r.starts_with("saml-provider/") || r.starts_with("oidc-provider/"));
    if WEB_IDPS.contains(&arn) || is_provider_arn {
        return Ok(plain(Kind::IdentityProvider(arn)));
    }
    if !arn.starts_with("arn:") {
        if arn.ends_with(".amazonaws.com") || arn.ends_with(".amazonaws.com.cn") {
            return Ok(plain(Kind::Service(arn)));
        }
        return Err(format!("`{arn}` is not a principal ARN"));
    }
    let [Some(_), Some(partition), Some(service), Some(_region), Some(account), Some(resource)] =
        parts
    else {
        return Err(format!("`{arn}` is not a principal ARN"));
    };
    if !is_account_id(account) {
        return Err(format!("`{arn}` has no 12-digit account ID"));
    }
    let kind = match (service, resource) {
        ("iam", "root") => Kind::Root,
        ("iam", r) if r.starts_with("user/") => {
            Kind::User(r.rsplit('/').next().unwrap_or_default())
        }
        ("iam", r) if r.starts_with("role/") => {
            Kind::RoleSession(r.rsplit('/').next().unwrap_or_default(), None)
        }
        ("sts", r) if r.starts_with("assumed-role/") => {
            let mut it = r.splitn(3, '/').skip(1);
            match (it.next(), it.next()) {
                (Some(role), Some(session)) if !role.is_empty() && !session.is_empty() => {
                    Kind::RoleSession(role, Some(session))
                }
                _ => {
                    return Err(format!(
                        "`{arn}`: an assumed-role ARN is `assumed-role/ROLE/SESSION`"
                    ))
                }
            }
        }
        ("sts", r) if r.starts_with("federated-user/") => {
            Kind::FederatedUser(r.trim_start_matches("federated-user/"))
        }
        _ => return Err(format!("`{arn}` is not a user, role, session or root ARN")),
    };
    Ok(Read {
        kind,
        account: Some(account),
        partition,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_caller_kinds() {
        let s = Caller::parse(Some("arn:aws:sts::111122223333:assumed-role/Dev/alice")).unwrap();
        assert_eq!(
            s.kind,
            CallerKind::RoleSession {
                role: "Dev".into(),
                session: Some("alice".into())
            }
        );
        assert_eq!(
            s.principal_arn().as_deref(),
            Some("arn:aws:iam::111122223333:role/Dev")
        );
        let u = Caller::parse(Some("arn:aws:iam::111122223333:user/div/bob")).unwrap();
        assert_eq!(u.kind, CallerKind::User { name: "bob".into() });
        assert!(Caller::parse(Some("arn:aws:s3:::bucket")).is_err());
        assert!(Caller::parse(Some("bob")).is_err());
    }
}
