//! Teaching: curated scenarios to open and exercises to check. Each is a panel of the tools bar.
//!
//! - `gallery`: curated scenarios with explanations and expected decisions (`gallery.json`)
//! - `exercise`: expected decisions, checked as the policies change

mod exercise;
mod gallery;

pub use exercise::Exercise;
pub use gallery::Gallery;
