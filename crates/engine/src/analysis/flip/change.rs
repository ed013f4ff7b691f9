//! What a suggestion changes, what it achieves, and how it reads: a [`Change`] sets or removes
//! one context key, either in the request's `ContextEntries` or through the World fact that
//! derives it ([`Target`]); a [`Suggestion`] is a set of changes checked to flip the decision;
//! [`WhatIf`] is the answer for one request.

use serde::Serialize;

use crate::request::context::ContextEntry;
use crate::scenario::world::{Tags, WorldScenario};
use crate::scenario::Scenario;
use crate::trace::EvalDecision;

/// What the suggestions aim for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Goal {
    /// Make a denied request allowed ("what would make it allowed?").
    Allow,
    /// Make an allowed request denied ("what would deny it?").
    Deny,
}

impl Goal {
    /// The goal for a request decided `d`: allow what is denied, deny what is allowed.
    pub fn against(d: EvalDecision) -> Self {
        if d == EvalDecision::Allowed {
            Self::Deny
        } else {
            Self::Allow
        }
    }

    /// Whether `d` reaches the goal.
    pub fn reached(self, d: EvalDecision) -> bool {
        (d == EvalDecision::Allowed) == (self == Self::Allow)
    }

    /// "allowed" or "denied".
    pub fn word(self) -> &'static str {
        match self {
            Self::Allow => "allowed",
            Self::Deny => "denied",
        }
    }
}

/// Whose tag a [`Target::Tag`] changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TagOwner {
    /// A resource of the World.
    Resource,
    /// An IAM user.
    User,
    /// An IAM role.
    Role,
}

impl TagOwner {
    fn word(self) -> &'static str {
        match self {
            Self::Resource => "resource",
            Self::User => "user",
            Self::Role => "role",
        }
    }
}

/// Where a change is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "where", rename_all = "camelCase")]
pub enum Target {
    /// The request's context (`ContextEntries`).
    Context,
    /// A tag of a resource, user or role of the World.
    #[serde(rename_all = "camelCase")]
    Tag {
        /// Whose tag.
        owner: TagOwner,
        /// Its ARN.
        arn: String,
        /// The tag key.
        tag: String,
    },
    /// A session tag passed by a hop of the chain (0-based).
    #[serde(rename_all = "camelCase")]
    SessionTag {
        /// The hop.
        hop: usize,
        /// The tag key.
        tag: String,
    },
    /// The `ExternalId` a hop passes.
    ExternalId {
        /// The hop.
        hop: usize,
    },
    /// Whether the principal signed in with MFA (`Request.Authentication`), and how long ago.
    SignInMfa,
    /// Whether a hop passes MFA (`SerialNumber` and `TokenCode`).
    HopMfa {
        /// The hop.
        hop: usize,
    },
}

/// One change: a context key set to a value or removed, through its [`Target`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The context key the change sets (as the policy names it).
    pub key: String,
    /// Its values before the change (empty: absent).
    pub now: Vec<String>,
    /// Its value after the change (`None`: absent).
    pub to: Option<String>,
    /// Where the change is made.
    pub target: Target,
    /// For numbers, dates and addresses, the condition the value was taken from (`to` is one
    /// example of what it accepts): "`NumericLessThan` `3600`".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wants: Option<String>,
}

/// Changes checked to flip a request's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// The changes, all needed (no smaller set among those tried flips the decision).
    pub changes: Vec<Change>,
    /// The decision with the changes applied (re-evaluated, never inferred).
    pub decision: EvalDecision,
}

/// What would flip one request's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// What the suggestions aim for.
    pub goal: Goal,
    /// The request's decision now.
    pub decision: EvalDecision,
    /// The smallest change sets found that reach the goal, closest statement's keys first.
    pub suggestions: Vec<Suggestion>,
    /// When there is none: why, in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub none: Option<String>,
    /// How many evaluations the search made.
    pub evaluations: usize,
    /// Whether the search stopped at its budget before trying every change set up to its size
    /// limit (a smaller or other suggestion may exist).
    pub cut_short: bool,
}

fn shown(values: &[String]) -> String {
    if values.is_empty() {
        "absent".to_string()
    } else {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn shown_to(to: Option<&str>) -> String {
    to.map_or_else(|| "absent".to_string(), |v| format!("`{v}`"))
}

fn bool_of(v: Option<&str>) -> bool {
    v.is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

impl Change {
    /// The change in words, to follow "allowed if …": "`aws:SourceIp` were `203.0.113.0`
    /// (now `198.51.100.1`)", "the tag `access-team` of resource `…` were `eng` (now `qas`;
    /// `aws:ResourceTag/access-team`)".
    pub fn words(&self) -> String {
        let now = shown(&self.now);
        let to = shown_to(self.to.as_deref());
        let wants = self
            .wants
            .as_ref()
            .map(|w| format!("; the condition wants {w}"))
            .unwrap_or_default();
        let key = &self.key;
        match &self.target {
            Target::Context => match &self.to {
                Some(_) => format!("`{key}` were {to} (now {now}{wants})"),
                None => format!("`{key}` were absent (now {now})"),
            },
            Target::Tag { owner, arn, tag } => match &self.to {
                Some(_) => format!(
                    "the tag `{tag}` of {} `{arn}` were {to} (now {now}; `{key}`{wants})",
                    owner.word()
                ),
                None => format!(
                    "{} `{arn}` had no tag `{tag}` (now {now}; `{key}`)",
                    owner.word()
                ),
            },
            Target::SessionTag { hop, tag } => match &self.to {
                Some(_) => format!(
                    "hop {} passed the session tag `{tag}` as {to} (now {now}; `{key}`)",
                    hop + 1
                ),
                None => format!(
                    "hop {} passed no session tag `{tag}` (now {now}; `{key}`)",
                    hop + 1
                ),
            },
            Target::ExternalId { hop } => format!(
                "hop {} passed the external ID {to} (now {now}; `{key}`)",
                hop + 1
            ),
            Target::SignInMfa => {
                if key.eq_ignore_ascii_case("aws:MultiFactorAuthAge") {
                    format!("the principal had signed in with MFA {to} seconds before (now {now}; `{key}`{wants})")
                } else if bool_of(self.to.as_deref()) {
                    format!("the principal signed in with MFA (now {now}; `{key}`)")
                } else {
                    format!("the principal signed in without MFA (now {now}; `{key}`)")
                }
            }
            Target::HopMfa { hop } => format!(
                "hop {} passed MFA (`SerialNumber` and `TokenCode`; now `{key}` is {now})",
                hop + 1
            ),
        }
    }

    /// Apply the change to a policy-list scenario (only [`Target::Context`] changes apply;
    /// the others are ignored): the key's entries are replaced by one with the new value, or
    /// with no value when it is removed (a key given with no value is absent, which also hides
    /// a value the engine would derive).
    pub fn apply(&self, s: &mut Scenario) {
        if self.target == Target::Context {
            set_entry(&mut s.context_entries, &self.key, self.to.as_deref());
        }
    }

    /// Apply the change to a World scenario.
    pub fn apply_to_world(&self, ws: &mut WorldScenario) {
        let to = self.to.as_deref();
        let req = &mut ws.request;
        match &self.target {
            Target::Context => set_entry(&mut req.context_entries, &self.key, to),
            Target::Tag { owner, arn, tag } => {
                let w = &mut ws.world;
                let tags = match owner {
                    TagOwner::Resource => w
                        .resources
                        .iter_mut()
                        .find(|r| r.arn == *arn)
                        .map(|r| &mut r.tags),
                    TagOwner::User => w
                        .users
                        .iter_mut()
                        .find(|u| u.arn == *arn)
                        .map(|u| &mut u.tags),
                    TagOwner::Role => w
                        .roles
                        .iter_mut()
                        .find(|r| r.arn == *arn)
                        .map(|r| &mut r.tags),
                };
                if let Some(tags) = tags {
                    set_tag(tags, tag, to);
                }
            }
            Target::SessionTag { hop, tag } => {
                if let Some(h) = req.chain.get_mut(*hop) {
                    set_tag(&mut h.tags, tag, to);
                }
            }
            Target::ExternalId { hop } => {
                if let Some(h) = req.chain.get_mut(*hop) {
                    h.external_id = to.map(str::to_string);
                }
            }
            Target::SignInMfa => {
                let auth = req.authentication.get_or_insert_with(Default::default);
                if self.key.eq_ignore_ascii_case("aws:MultiFactorAuthAge") {
                    auth.mfa = Some(to.is_some());
                    auth.mfa_age_seconds = to.and_then(|v| v.parse().ok());
                } else {
                    auth.mfa = Some(bool_of(to));
                }
            }
            Target::HopMfa { hop } => {
                if let Some(h) = req.chain.get_mut(*hop) {
                    h.mfa = Some(true);
                }
            }
        }
    }
}

/// Set a key of a context entry list to one value, or to no value (absent).
fn set_entry(entries: &mut Vec<ContextEntry>, key: &str, to: Option<&str>) {
    entries.retain(|e| !e.key.eq_ignore_ascii_case(key));
    entries.push(ContextEntry {
        key: key.to_string(),
        values: to.map(str::to_string).into_iter().collect(),
        key_type: None,
    });
}

/// Set a tag (key compared case-insensitively, as AWS compares tag keys in conditions), or
/// remove it.
fn set_tag(tags: &mut Tags, key: &str, to: Option<&str>) {
    let at = tags.iter().position(|(k, _)| k.eq_ignore_ascii_case(key));
    match (at, to) {
        (Some(i), Some(v)) => {
            if let Some(t) = tags.get_mut(i) {
                t.1 = v.to_string();
            }
        }
        (Some(i), None) => {
            tags.remove(i);
        }
        (None, Some(v)) => tags.push((key.to_string(), v.to_string())),
        (None, None) => {}
    }
}

impl Suggestion {
    /// "allowed if `aws:SourceIp` were `203.0.113.0` (now …) and …".
    pub fn words(&self) -> String {
        let goal = Goal::against(EvalDecision::Allowed);
        let verb = if self.decision == EvalDecision::Allowed {
            Goal::Allow.word()
        } else {
            goal.word()
        };
        let parts: Vec<String> = self.changes.iter().map(Change::words).collect();
        format!("{verb} if {}", parts.join(" and "))
    }
}
