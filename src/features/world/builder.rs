//! The request builder: who makes the request (one click per user or root user), the chain
//! of STS calls before it, the actions and resources, and how the caller signed in with the
//! request's context. Every control rewrites the World text at its place (`model::world`).
//!
//! - `who`: the caller picker
//! - `hops`: the chain editor
//! - `target`: actions and resources, with pickers from the World and the catalog
//! - `auth`: MFA and the context entries

mod auth;
mod hops;
mod target;
mod who;

use leptos::prelude::*;

use auth::Auth;
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
        </div>
    }
}
