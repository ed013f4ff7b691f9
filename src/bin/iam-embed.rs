//! The embed's own build (`embed.html`): the engine and the embed page only, no editor, World
//! mode, sweep or other tools, so that a docs page's example loads little before its first
//! decision.

fn main() {
    iam_playground::shell::embed::mount();
}
