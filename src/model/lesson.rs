//! Lessons: the seed tutorials (and a teacher's own) as numbered steps over a World, each with
//! a question whose answer stays hidden until the learner predicts it.
//!
//! - `format`: the lesson file format ([`format::Lesson`]) and the scenario of each step
//! - `progress`: predictions, what is shown, and the score ([`progress::Progress`])
//! - `link`: a lesson step in the URL fragment

pub mod format;
pub mod link;
pub mod progress;
