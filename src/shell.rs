//! ⑥ The shell: the page's layout, the mode switch, the header and the tools bar, and the
//! named effects that keep the URL and the theme in step. It may use every level below.
//!
//! - `tools`: the tools bar (gallery, exercise, sweep, compare, flowchart, saved, CLI, embed),
//!   and the World mode's sections of other features (sweep, compare)
//! - `modes`: the mode switch (Policies, World, Password policy)
//! - `skip`: the skip links, first in the Tab order
//! - `header`: title, example reset, share link, theme, notice
//! - `app`: the page and its named effects
//! - `embed`: the embed page (its own build)

pub mod app;
pub mod embed;
pub mod header;
pub mod modes;
pub mod skip;
pub mod tools;

pub use app::App;
