//! ⑤ The features: one folder (or file) per region or tool of the page, each exporting its top
//! component. A feature imports the levels below and, among the features, only `result`
//! (whose trace views serve the World mode, the sweep and the comparison); a helper two other
//! features need moves down a level.
//!
//! - `result`: the result pane, its trace views and the decision flowchart
//! - `editor`: the policy editor (models, markers, highlights, completion, hover, catalog)
//! - `policies`: the policy pane (layer tabs, documents, the editor's host)
//! - `request`: the request pane
//! - `world`: the World mode
//! - `password`: the Password policy mode
//! - `teach`: the gallery and exercises
//! - `saved`: scenarios saved in this browser
//! - `cli`: AWS CLI import and export
//! - `sweep`: effective permissions
//! - `compare`: policy comparison
//! - `embed`: the embed page and the Embed tool
//! - `help`: how the page works with the keyboard

pub mod cli;
pub mod compare;
pub mod editor;
pub mod embed;
pub mod help;
pub mod password;
pub mod policies;
pub mod request;
pub mod result;
pub mod saved;
pub mod sweep;
pub mod teach;
pub mod world;
