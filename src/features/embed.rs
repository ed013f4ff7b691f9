//! Embeds, for docs sites: the embed page and the Embed tool. The embed page shows a scenario's
//! policies (read-only, or editable in plain text areas), the request and its context, and a
//! decision per (action, resource) with a collapsed "Why?" (the app's trace view), without the
//! editor; it is `embed.html` (its own small build, `src/bin/iam-embed.rs`) for the links
//! `public/embed.js` and the Embed tool write, and the playground's own `#embed=…&p1=…` links
//! still open it. The host page talks to it with `postMessage`.
//!
//! - `messages`: the `postMessage` protocol with the host page
//! - `context`: the request context the decision used
//! - `page`: the embed page
//! - `preview`: the Embed tool's live preview
//! - `tool`: the Embed tool (snippets to copy)

mod context;
mod messages;
mod page;
mod preview;
mod tool;

pub use page::{Embed, Unreadable};
pub use tool::EmbedTool;
