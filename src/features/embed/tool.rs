//! The Embed tool: everything a docs author needs to show the current scenario on a docs page —
//! a live preview at the chosen width, the address of the site that will serve the embed (this
//! site by default, with a warning when that is a local address), and copy buttons for the
//! `<pre class="iam-playground">` block (with `embed.js`'s script tag), the `<iframe>` HTML and a
//! Markdown link. Every snippet carries the same scenario document, with the current decisions
//! recorded as its `Expected` decisions so that `iam-sim test` can check the page.

use leptos::prelude::*;

use crate::features::embed::preview::Preview;
use crate::model::cli_input::export_docs;
use crate::model::exercise::expect_current;
use crate::model::share::{
    iframe_html, markdown_link, pre_block, script_tag, EmbedMode, EmbedTheme,
};
use crate::platform::page::{copy_text, page_url};
use crate::store::Store;

/// The folder of a page address: `https://h/p/` for `https://h/p/index.html` or `https://h/p/`.
pub fn site_folder(page: &str) -> String {
    match page.rfind('/') {
        Some(i) => page.get(..=i).unwrap_or(page).to_string(),
        None => page.to_string(),
    }
}

/// Whether readers elsewhere cannot reach `base`: a loopback or unspecified host, a file, or
/// not an http(s) address at all.
pub fn local_address(base: &str) -> bool {
    let Some(rest) = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
    else {
        return true;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let name = if host.starts_with('[') {
        host.split(']')
            .next()
            .map_or(host, |h| h.trim_start_matches('['))
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let name = name.to_ascii_lowercase();
    let loopback_v4 = name.split('.').count() == 4
        && name.split('.').all(|p| p.parse::<u8>().is_ok())
        && name.starts_with("127.");
    name.is_empty()
        || name == "localhost"
        || name.ends_with(".localhost")
        || loopback_v4
        || name == "0.0.0.0"
        || name == "::1"
        || name == "::"
}

/// One snippet with its copy button.
fn snippet(
    label: &'static str,
    kind: &'static str,
    rows: usize,
    text: Memo<String>,
    status: RwSignal<String>,
) -> impl IntoView {
    let copy = move |_| {
        let t = text.get_untracked();
        leptos::task::spawn_local(async move {
            status.set(if copy_text(&t).await {
                format!("{label}: copied.")
            } else {
                format!("{label}: select the text and copy it.")
            });
        });
    };
    view! {
        <div class="embed-out" data-snippet=kind>
            <div class="embed-out-head">
                <span class="embed-out-label" id=format!("embed-{kind}-label")>{label}</span>
                <button type="button" class="copy" on:click=copy>{format!("Copy {}", label.to_lowercase())}</button>
            </div>
            <textarea class="snippet" readonly rows=rows aria-labelledby=format!("embed-{kind}-label") prop:value=move || text.get()></textarea>
        </div>
    }
}

/// The Embed tool.
#[component]
pub fn EmbedTool() -> impl IntoView {
    let store = expect_context::<Store>();
    let base = RwSignal::new(site_folder(&page_url()));
    let editable = RwSignal::new(false);
    let theme = RwSignal::new(EmbedTheme::Light);
    let width = RwSignal::new("100%".to_string());
    let record = RwSignal::new(true);
    let height = RwSignal::new(420);
    let status = RwSignal::new(String::new());

    let mode = Signal::derive(move || {
        if editable.get() {
            EmbedMode::Editable
        } else {
            EmbedMode::ReadOnly
        }
    });
    let has_own = move || store.state.with(|s| !s.expected.is_empty());
    // The scenario document every snippet carries.
    let text = Memo::new(move |_| {
        let mut st = store.state.get();
        if st.expected.is_empty() && record.get() {
            st.expected = store.evaluation.with(|e| {
                e.results
                    .as_deref()
                    .filter(|_| !e.stale)
                    .map(|r| expect_current(r))
                    .unwrap_or_default()
            });
        }
        export_docs(&st)
    });
    let opts = move || (mode.get(), theme.get());
    let title = move || {
        let actions = store.state.with(|s| s.request.actions.clone());
        format!("IAM policy example: {actions}")
    };
    let docs = Memo::new(move |_| {
        format!(
            "{}\n\n{}",
            script_tag(&base.get()),
            text.with(|t| pre_block(t, opts()))
        )
    });
    let iframe = Memo::new(move |_| {
        text.with(|t| {
            let h = u32::try_from(height.get()).unwrap_or(420);
            format!(
                "{}\n{}",
                iframe_html(&base.get(), t, opts(), &title(), h),
                script_tag(&base.get())
            )
        })
    });
    let markdown = Memo::new(move |_| {
        text.with(|t| {
            markdown_link(
                &base.get(),
                t,
                "Open this example in the IAM policy playground",
            )
        })
    });
    let local = move || local_address(&base.get());

    view! {
        <div class="embed-tool">
            <p class="hint">
                "Put the scenario on a docs page: publish the "<code>"site/"</code>" folder ("
                <code>"scripts/build-site.sh"</code>"), add its "<code>"embed.js"</code>
                " once, and write examples as "<code>"<pre class=\"iam-playground\">"</code>
                " blocks; each becomes this embed, and "<code>"iam-sim test"</code>" checks its decisions."
            </p>
            <div class="embed-options">
                <label class="embed-base">
                    "Site address "
                    <input type="url" class="embed-base-url" spellcheck="false"
                        prop:value=move || base.get()
                        on:input=move |ev| base.set(event_target_value(&ev))/>
                </label>
                <label>
                    <input type="checkbox" class="embed-editable"
                        prop:checked=move || editable.get()
                        on:change=move |ev| editable.set(event_target_checked(&ev))/>
                    " Editable"
                </label>
                <label>
                    "Theme "
                    <select class="embed-theme" on:change=move |ev| {
                        theme.set(match event_target_value(&ev).as_str() {
                            "dark" => EmbedTheme::Dark,
                            "auto" => EmbedTheme::Auto,
                            _ => EmbedTheme::Light,
                        })
                    }>
                        <option value="light">"light"</option>
                        <option value="dark">"dark"</option>
                        <option value="auto">"reader's system"</option>
                    </select>
                </label>
                <label>
                    "Preview width "
                    <select class="embed-width" on:change=move |ev| width.set(event_target_value(&ev))>
                        <option value="100%">"full"</option>
                        <option value="800px">"800 px"</option>
                        <option value="640px">"640 px"</option>
                        <option value="480px">"480 px"</option>
                        <option value="360px">"360 px (phone)"</option>
                    </select>
                </label>
                <Show when=move || !has_own()>
                    <label>
                        <input type="checkbox" class="embed-record"
                            prop:checked=move || record.get()
                            on:change=move |ev| record.set(event_target_checked(&ev))/>
                        " Record the current decisions as "<code>"Expected"</code>
                    </label>
                </Show>
            </div>
            <Show when=local>
                <p class="embed-local-warning" role="note">
                    "This is a local address: readers of your docs cannot reach it. Enter the address where you publish "
                    <code>"site/"</code>" (for example "<code>"https://docs.example.com/iam/"</code>")."
                </p>
            </Show>
            <Preview text mode theme=theme.into() width=width.into() height/>
            <p class="embed-status" role="status" aria-live="polite">{move || status.get()}</p>
            {snippet("Docs page", "pre", 10, docs, status)}
            {snippet("Iframe HTML", "iframe", 4, iframe, status)}
            {snippet("Markdown link", "markdown", 3, markdown, status)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_folder_is_the_page_address_up_to_its_last_slash() {
        assert_eq!(
            site_folder("https://h.test/docs/iam/index.html"),
            "https://h.test/docs/iam/"
        );
        assert_eq!(
            site_folder("https://h.test/docs/iam/"),
            "https://h.test/docs/iam/"
        );
        assert_eq!(site_folder("https://h.test/"), "https://h.test/");
    }

    #[test]
    fn local_addresses_are_the_ones_readers_cannot_reach() {
        for local in [
            "http://127.0.0.1:8080/",
            "http://localhost:8080/",
            "http://app.localhost/",
            "http://[::1]:8000/x/",
            "http://0.0.0.0/",
            "file:///home/me/site/",
            "site/",
            "",
        ] {
            assert!(local_address(local), "{local}");
        }
        for public in [
            "https://docs.example.com/iam/",
            "https://user@docs.example.com:8443/",
            "http://[2001:db8::1]/",
            "https://127.example.com/",
        ] {
            assert!(!local_address(public), "{public}");
        }
    }
}
