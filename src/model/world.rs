//! The World text as a form: read it into what the World form and the request builder show,
//! and turn each form edit into an edit of the text at one path, keeping the rest of the user's
//! formatting. The text stays the source of truth; text that is not JSON is never edited.
//!
//! - `json`: JSON values with ordered members, written laid out for their place
//! - `edit`: edits of a JSON text at a path, in place
//! - `form`: the World text read into the form ([`form::WorldForm`]), with the paths of its parts
//! - `entities`: the World form's edits (users, groups, roles, resources, organization)
//! - `request`: the request builder: choices, new hops, and its edits

pub mod edit;
pub mod entities;
pub mod form;
pub mod json;
pub mod request;
