//! Where a context key comes from in a World, so that a suggestion changes what the learner
//! would change: the resource's or the role's tags for `aws:ResourceTag/*`, the principal's
//! tags or a hop's session tags for `aws:PrincipalTag/*`, MFA at sign-in or on a hop for the
//! MFA keys, a hop's external ID and session tags for `sts:ExternalId` and `aws:RequestTag/*`
//! in the hop's call, and the request's context for everything else the World does not derive.

use super::change::{TagOwner, Target};
use crate::scenario::world::{StsApi, WorldScenario};

/// Where in the chain a request's evaluation stopped or is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    /// Hop `n` of the chain (0-based): its call to STS.
    Hop(usize),
    /// The request itself, after the chain.
    Final,
}

/// The tag key after the `/` of `key` when `key` starts with `prefix` (case-insensitively).
fn tag_of<'k>(key: &'k str, prefix: &str) -> Option<&'k str> {
    let head = key.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| key.get(prefix.len()..))
        .flatten()
        .filter(|t| !t.is_empty())
}

/// The World fact (or facts, in order of preference) that would set `key` for the request at
/// `point` on `resource`; `derived` tells whether the World or the engine derives the key's
/// value now. Empty when the learner cannot set the key (the caller's ARN, account, user
/// name, …: those are who asks, not what the request carries).
pub(crate) fn targets(
    ws: &WorldScenario,
    point: Point,
    resource: &str,
    key: &str,
    derived: bool,
) -> Vec<Target> {
    let chain = &ws.request.chain;
    let before = match point {
        Point::Hop(i) => i,
        Point::Final => chain.len(),
    };
    let resource_tag = tag_of(key, "aws:ResourceTag/").or_else(|| tag_of(key, "iam:ResourceTag/"));
    if let Some(tag) = resource_tag {
        let tag = tag.to_string();
        return match point {
            Point::Hop(i) => chain
                .get(i)
                .and_then(|h| h.role_arn.clone())
                .map(|arn| Target::Tag {
                    owner: TagOwner::Role,
                    arn,
                    tag,
                })
                .into_iter()
                .collect(),
            Point::Final => {
                let w = &ws.world;
                let under = |arn: &str| {
                    resource == arn
                        || resource
                            .strip_prefix(arn)
                            .is_some_and(|rest| rest.starts_with('/'))
                };
                let owner = w
                    .resources
                    .iter()
                    .find(|r| under(&r.arn))
                    .map(|r| (TagOwner::Resource, r.arn.clone()))
                    .or_else(|| {
                        w.users
                            .iter()
                            .find(|u| u.arn == resource)
                            .map(|u| (TagOwner::User, u.arn.clone()))
                    })
                    .or_else(|| {
                        w.roles
                            .iter()
                            .find(|r| r.arn == resource)
                            .map(|r| (TagOwner::Role, r.arn.clone()))
                    });
                match owner {
                    Some((owner, arn)) => vec![Target::Tag { owner, arn, tag }],
                    None => vec![Target::Context],
                }
            }
        };
    }
    if let Some(tag) = tag_of(key, "aws:PrincipalTag/") {
        let mut out = Vec::new();
        // A session tag passed on the way wins over the role's own tag.
        let passed = (0..before).rev().find(|j| {
            chain
                .get(*j)
                .is_some_and(|h| h.tags.iter().any(|(k, _)| k.eq_ignore_ascii_case(tag)))
        });
        if let Some(j) = passed {
            out.push(Target::SessionTag {
                hop: j,
                tag: tag.to_string(),
            });
        }
        let role = (0..before)
            .rev()
            .filter_map(|j| chain.get(j))
            .find(|h| h.api != StsApi::GetSessionToken)
            .and_then(|h| h.role_arn.clone());
        match role {
            Some(arn) => out.push(Target::Tag {
                owner: TagOwner::Role,
                arn,
                tag: tag.to_string(),
            }),
            None => {
                if ws.world.users.iter().any(|u| u.arn == ws.request.principal) {
                    out.push(Target::Tag {
                        owner: TagOwner::User,
                        arn: ws.request.principal.clone(),
                        tag: tag.to_string(),
                    });
                }
            }
        }
        return out;
    }
    let lower = key.to_ascii_lowercase();
    if lower == "aws:multifactorauthpresent" || lower == "aws:multifactorauthage" {
        // MFA at sign-in, or passed with a hop before (a hop's own call carries the MFA it
        // passes).
        let through = match point {
            Point::Hop(i) => i + 1,
            Point::Final => chain.len(),
        };
        let mut out = vec![Target::SignInMfa];
        out.extend((0..through).map(|hop| Target::HopMfa { hop }));
        return out;
    }
    if let Point::Hop(hop) = point {
        if lower == "sts:externalid" {
            return vec![Target::ExternalId { hop }];
        }
        if let Some(tag) = tag_of(key, "aws:RequestTag/") {
            return vec![Target::SessionTag {
                hop,
                tag: tag.to_string(),
            }];
        }
        // A hop's call carries no context of the request's.
        return Vec::new();
    }
    if derived {
        return Vec::new();
    }
    vec![Target::Context]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parse_input, Input};

    fn world(text: &str) -> WorldScenario {
        match parse_input(text) {
            Ok((Input::World(w), _)) => *w,
            other => panic!("not a world: {other:?}"),
        }
    }

    #[test]
    fn tags_come_from_the_resource_the_role_or_the_user() {
        let ws = world(
            r#"{"World": {
                  "Users": [{"Arn": "arn:aws:iam::111122223333:user/arnav", "Tags": {"team": "eng"}}],
                  "Roles": [{"Arn": "arn:aws:iam::111122223333:role/eng",
                             "TrustPolicy": {"Version": "2012-10-17", "Statement": []}}],
                  "Resources": [{"Arn": "arn:aws:s3:::bucket"}]},
                "Request": {"Principal": "arn:aws:iam::111122223333:user/arnav",
                  "AssumeRoleChain": [{"Api": "AssumeRole", "RoleArn": "arn:aws:iam::111122223333:role/eng",
                                       "RoleSessionName": "a", "Tags": {"team": "eng"}}],
                  "ActionNames": ["s3:GetObject"], "ResourceArns": ["arn:aws:s3:::bucket/key"]}}"#,
        );
        let r = "arn:aws:s3:::bucket/key";
        assert_eq!(
            targets(&ws, Point::Final, r, "aws:ResourceTag/team", true),
            [Target::Tag {
                owner: TagOwner::Resource,
                arn: "arn:aws:s3:::bucket".into(),
                tag: "team".into()
            }]
        );
        // The session tag passed by hop 0, then the role's own tag.
        assert_eq!(
            targets(&ws, Point::Final, r, "aws:PrincipalTag/Team", true).len(),
            2
        );
        // At hop 0 the caller is the user.
        assert_eq!(
            targets(&ws, Point::Hop(0), r, "aws:PrincipalTag/team", true),
            [Target::Tag {
                owner: TagOwner::User,
                arn: "arn:aws:iam::111122223333:user/arnav".into(),
                tag: "team".into()
            }]
        );
        assert_eq!(
            targets(&ws, Point::Final, r, "aws:SourceIp", false),
            [Target::Context]
        );
        assert!(targets(&ws, Point::Final, r, "aws:username", true).is_empty());
        assert_eq!(
            targets(&ws, Point::Hop(0), r, "sts:ExternalId", false),
            [Target::ExternalId { hop: 0 }]
        );
    }
}
