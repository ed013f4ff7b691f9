//! The request pane: who asks for what on which resource, the path it takes (a VPC endpoint)
//! and what the organization says of the accounts, and typed editors for the context keys
//! people reach for (tags, source IP, MFA, time, transport, region) plus free-form entries.
//!
//! - `fields`: a text field, a yes / no / not-sent choice or a checkbox bound to the form
//! - `tags`: a tag table
//! - `mfa`: MFA present and MFA age
//! - `time`: `aws:CurrentTime`, live or frozen
//! - `free_entries`: any other context key

mod fields;
mod free_entries;
mod mfa;
mod tags;
mod time;

use leptos::prelude::*;

use crate::model::state::TagKind;
use fields::{CheckField, Field, TriField};
use free_entries::FreeEntries;
use mfa::Mfa;
use tags::TagTable;
use time::CurrentTime;

/// The request pane.
#[component]
pub fn RequestPane() -> impl IntoView {
    view! {
        <section class="pane request" id="request-pane" tabindex="-1" aria-label="Request">
            <h2>"Request"</h2>
            <Field
                label="Caller ARN"
                name="caller"
                placeholder="arn:aws:iam::111122223333:user/alice"
                get=|r| r.caller_arn.clone()
                set=|r, v| r.caller_arn = v
            />
            <Field
                label="Actions"
                name="actions"
                placeholder="s3:GetObject"
                multiline=true
                get=|r| r.actions.clone()
                set=|r, v| r.actions = v
            />
            <Field
                label="Resource ARNs"
                name="resources"
                placeholder="* (any resource)"
                multiline=true
                get=|r| r.resources.clone()
                set=|r, v| r.resources = v
            />
            <Field
                label="Resource owner"
                name="owner"
                placeholder="account of the resource ARN, else the caller's"
                get=|r| r.resource_owner.clone()
                set=|r, v| r.resource_owner = v
            />
            <h3>"Network path and organization"</h3>
            <Field
                label="VPC endpoint ID"
                name="vpce-id"
                placeholder="not through an endpoint (vpce-…)"
                get=|r| r.vpc_endpoint_id.clone()
                set=|r, v| r.vpc_endpoint_id = v
            />
            <Field
                label="Endpoint's VPC ID"
                name="vpc-id"
                placeholder="vpc-…"
                get=|r| r.vpc_id.clone()
                set=|r, v| r.vpc_id = v
            />
            <Field
                label="Management account"
                name="management-account"
                placeholder="SCPs and RCPs skip this account"
                get=|r| r.management_account.clone()
                set=|r, v| r.management_account = v
            />
            <CheckField
                label="The KMS keys are AWS managed keys (RCPs skip them)"
                name="aws-managed-keys"
                get=|r| r.aws_managed_keys
                set=|r, v| r.aws_managed_keys = v
            />
            <h3>"Context"</h3>
            <TagTable kind=TagKind::Principal/>
            <TagTable kind=TagKind::Resource/>
            <TagTable kind=TagKind::Request/>
            <Field
                label="aws:SourceIp"
                name="source-ip"
                placeholder="not in request"
                get=|r| r.source_ip.clone()
                set=|r, v| r.source_ip = v
            />
            <Mfa/>
            <CurrentTime/>
            <TriField label="aws:SecureTransport" get=|r| r.secure_transport set=|r, v| r.secure_transport = v/>
            <Field
                label="aws:RequestedRegion"
                name="region"
                placeholder="not in request"
                get=|r| r.requested_region.clone()
                set=|r, v| r.requested_region = v
            />
            <FreeEntries/>
        </section>
    }
}
