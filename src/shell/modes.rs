//! The top-level modes: Policies (the playground), World (a small AWS world and an STS chain)
//! and Password policy. The other modes are built on their first visit and then kept (hidden),
//! so their editor and fields survive switching back and forth. The mode other than Policies
//! is in the URL fragment (`m=world`), next to the state.

use leptos::prelude::*;

use crate::features::password::PasswordMode;
use crate::features::world::WorldMode;
use crate::shell::tools::WorldTools;
use crate::ui::tablist::{on_keydown, tab_index};

/// Which mode is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Policy lists and a request.
    Policies,
    /// A World scenario.
    World,
    /// The password policy checker.
    Password,
}

impl Mode {
    const ALL: [Mode; 3] = [Mode::Policies, Mode::World, Mode::Password];

    fn label(self) -> &'static str {
        match self {
            Mode::Policies => "Policies",
            Mode::World => "World",
            Mode::Password => "Password policy",
        }
    }

    /// The mode an id (as [`Mode::id`] gives) names.
    pub fn from_id(id: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The id used in the page (`data-mode`) and the URL (`m=`).
    pub fn id(self) -> &'static str {
        match self {
            Mode::Policies => "policies",
            Mode::World => "world",
            Mode::Password => "password",
        }
    }
}

/// `display` for a part shown only in `mode` (`contents` keeps the page's layout as it was).
pub fn display_when(current: RwSignal<Mode>, mode: Mode) -> impl Fn() -> &'static str {
    move || {
        if current.get() == mode {
            "contents"
        } else {
            "none"
        }
    }
}

/// The mode switch.
#[component]
pub fn ModeTabs(
    /// The mode shown.
    mode: RwSignal<Mode>,
) -> impl IntoView {
    let tabs = Mode::ALL
        .into_iter()
        .map(|m| {
            view! {
                <button type="button" role="tab" class="mode-tab" data-mode=m.id()
                    aria-selected=move || (mode.get() == m).to_string()
                    tabindex=move || tab_index(mode.get() == m)
                    on:click=move |_| mode.set(m)>
                    {m.label()}
                </button>
            }
        })
        .collect_view();
    // A landmark around the tab list (a `nav` with the tab list's role would be neither).
    view! {
        <nav aria-label="Mode">
            <div class="mode-tabs" role="tablist" aria-label="Mode" on:keydown=on_keydown>{tabs}</div>
        </nav>
    }
}

/// The World and Password modes (built on first visit).
#[component]
pub fn ModeViews(
    /// The mode shown.
    mode: RwSignal<Mode>,
) -> impl IntoView {
    let seen_world = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || mode.get() == Mode::World
    });
    let seen_password = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || mode.get() == Mode::Password
    });
    view! {
        <div class="mode-view" data-mode="world" style:display=display_when(mode, Mode::World)>
            <Show when=move || seen_world.get()>
                <WorldMode><WorldTools/></WorldMode>
            </Show>
        </div>
        <div class="mode-view" data-mode="password" style:display=display_when(mode, Mode::Password)>
            <Show when=move || seen_password.get()>
                <PasswordMode/>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Mode;

    #[test]
    fn ids_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::from_id(m.id()), Some(m));
        }
        assert_eq!(Mode::from_id("nope"), None);
    }
}
