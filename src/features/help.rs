//! The help: how the page works, with the keyboard first (every part is reachable without a
//! mouse, and the editor never traps Tab).

use leptos::prelude::*;

use crate::ui::hints::LEAVE_EDITOR;

/// The help section.
#[component]
pub fn Help() -> impl IntoView {
    view! {
        <div class="help">
            <h2>"Keyboard"</h2>
            <ul>
                <li>"The first Tab reaches the skip links: to the policy editor, the request or the result."</li>
                <li>"Tab moves through the page as it is laid out: header, modes, these tools, then the policies, the request and the result, left to right."</li>
                <li><strong>"In the policy editor: "</strong>{LEAVE_EDITOR}</li>
                <li>"Tab lists (modes, policy layers, the policies of a layer): the arrow keys, Home and End choose; Tab goes on."</li>
                <li>"Each tool opens with Enter or Space on its name. In the trace, Enter on a step selects its words in the editor; Enter on a box of the decision flowchart selects its statement."</li>
                <li>"Ctrl+Space in the editor lists what can go there (actions, condition keys, ARNs); Esc closes the list."</li>
            </ul>
            <h2>"Large policies"</h2>
            <p>
                "Policies of 64 KB or more are evaluated in a background worker, so typing stays smooth: the result shown dims until the new one is ready. Their traces list the statements that apply first; open the others as you need them."
            </p>
        </div>
    }
}
