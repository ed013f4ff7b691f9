//! Texts the page says in more than one place.

/// How to leave the policy editor with the keyboard (under the editor and in the help).
pub const LEAVE_EDITOR: &str = "Tab and Shift+Tab leave the editor (press Esc first to close a suggestion); Ctrl+M switches Tab to indenting and back.";
