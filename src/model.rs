//! ① The model: the playground as plain data and pure functions (no reactivity, no browser),
//! all tested on the host. Every other level builds on it.
//!
//! - `managed`: AWS managed policies named by ARN: references, search, completion and hover
//! - `templates`: the texts new policy documents start from
//! - `state`: [`state::AppState`], policies and request form, and the engine scenario it builds
//! - `examples`: the example loaded on first visit (also `AppState`'s default)
//! - `share`: the state and the page's options in the URL fragment (links, embeds)
//! - `cli_input`: AWS CLI input documents in and out, and a trace as Markdown
//! - `exercise`: expected decisions checked against the results
//! - `world`: the World text as a form: read into the form, each form edit written back in place
//! - `lesson`: lessons over a World: the file format, a learner's progress, links to a step
//! - `text_edit`: the editor's edits of a document, applied to the state's text

pub mod cli_input;
pub mod examples;
pub mod exercise;
pub mod lesson;
pub mod managed;
pub mod share;
pub mod state;
pub mod templates;
pub mod text_edit;
pub mod world;
