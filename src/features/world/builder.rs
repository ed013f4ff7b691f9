//! The request builder: who makes the request (one click per user or root user), the chain
//! of STS calls before it, the actions and resources, how the caller signed in with the
//! request's context, and the VPC endpoint it comes through. Every control rewrites the World
//! text at its place (`model::world`).
//!
//! - `who`: the caller picker
//! - `hops`: the chain editor
//! - `target`: actions and resources, with pickers from the World and the catalog
//! - `auth`: MFA and the context entries
//! - `endpoint`: the VPC endpoint the request comes through, with its policy

mod auth;
mod endpoint;
mod hops;
mod target;
mod who;

use leptos::prelude::*;

use auth::Auth;
use endpoint::Endpoint;
use hops::Chain;
use target::Target;
use who::Who;

/// The request builder.
#[component]
pub fn RequestBuilder() -> impl IntoView {
    view! {
        <div class="request-builder">
            <Who/>
            <Chain/>
            <Target/>
            <Auth/>
            <Endpoint/>
        </div>
    }
}
