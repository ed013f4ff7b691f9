//! Small editors the World form and the request builder share: a text field, a list of texts,
//! tags, a policy (and a member holding one, which may be absent). A text field commits when it is left (`change`); a list or tags commit
//! once focus leaves the whole group (or on Enter), so typing a key and tabbing to its value
//! does not rewrite the text in between. A `<details>` remembers whether it was open across
//! the re-rendering an edit causes. A `<fieldset disabled>` around them makes them read-only
//! while the World text is not JSON.

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::model::world::edit::Path;
use crate::model::world::entities::WorldEdit;
use crate::model::world::form::{PolicyField, Tags};
use crate::model::world::json::Json;
use crate::ui::details::details_open;
use crate::ui::focus::focus_leaves;

/// Whether the `<details>` called `key` was left open, and the handler that remembers it.
pub fn fold(w: WorldEditor, key: String) -> (bool, impl Fn(web_sys::Event) + Clone + 'static) {
    let open = w.open.with_untracked(|o| o.contains(&key));
    let toggle = move |ev: web_sys::Event| {
        let now = details_open(&ev);
        if now != w.open.with_untracked(|o| o.contains(&key)) {
            w.open.update(|o| {
                if now {
                    o.insert(key.clone());
                } else {
                    o.remove(&key);
                }
            });
        }
    };
    (open, toggle)
}

/// A labelled text field; `on_commit` gets the new value.
#[component]
pub fn TextField(
    /// The label.
    label: &'static str,
    /// The value shown.
    value: String,
    /// Called with the new value when the field is left.
    on_commit: Callback<String>,
    /// Shown when empty.
    #[prop(optional)]
    placeholder: &'static str,
    /// `data-field` (for tests and styles).
    #[prop(optional)]
    field: &'static str,
) -> impl IntoView {
    view! {
        <label class="world-field" data-field=field>
            <span class="label">{label}</span>
            <input type="text" spellcheck="false" prop:value=value placeholder=placeholder
                on:change=move |ev| on_commit.run(event_target_value(&ev))/>
        </label>
    }
}

/// Rows edited in place and committed together: `rows` holds the values (no re-rendering while
/// typing), `shape` changes when a row is added or removed.
struct Rows<T: Send + Sync + 'static> {
    rows: StoredValue<Vec<T>>,
    shape: RwSignal<usize>,
    dirty: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for Rows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Rows<T> {}

impl<T: Clone + Send + Sync + 'static> Rows<T> {
    fn new(items: Vec<T>) -> Self {
        Self {
            shape: RwSignal::new(items.len()),
            rows: StoredValue::new(items),
            dirty: StoredValue::new(false),
        }
    }
    fn edit(self, i: usize, f: impl FnOnce(&mut T)) {
        self.rows.update_value(|r| {
            if let Some(x) = r.get_mut(i) {
                f(x);
            }
        });
        self.dirty.set_value(true);
    }
    fn push(self, v: T) {
        self.rows.update_value(|r| r.push(v));
        self.shape.update(|n| *n += 1);
    }
    fn remove(self, i: usize, commit: &Callback<Vec<T>>) {
        self.rows.update_value(|r| {
            if i < r.len() {
                r.remove(i);
            }
        });
        self.shape.update(|n| *n = n.saturating_sub(1));
        commit.run(self.rows.get_value());
    }
    fn flush(self, commit: &Callback<Vec<T>>) {
        if self.dirty.get_value() {
            self.dirty.set_value(false);
            commit.run(self.rows.get_value());
        }
    }
}

/// A list of texts, one field each, with add and remove.
#[component]
pub fn TextList(
    /// The label.
    label: &'static str,
    /// The texts.
    items: Vec<String>,
    /// Called with the whole list after an edit.
    on_commit: Callback<Vec<String>>,
    /// A `<datalist>` id to pick from.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Shown in an empty field.
    #[prop(optional)]
    placeholder: &'static str,
    /// `data-field`.
    #[prop(optional)]
    field: &'static str,
    /// The text on the add button.
    #[prop(optional)]
    add: &'static str,
) -> impl IntoView {
    let rows = Rows::new(items);
    let items = move || {
        rows.shape.track();
        rows.rows.with_value(|r| {
            r.iter()
                .enumerate()
                .map(|(i, v)| {
                    view! {
                        <span class="world-list-item">
                            <input type="text" spellcheck="false" prop:value=v.clone()
                                placeholder=placeholder list=list
                                aria-label=format!("{label} {}", i + 1)
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    rows.edit(i, |x| *x = v);
                                }/>
                            <button type="button" class="remove" title="Remove"
                                aria-label=format!("Remove {label} {}", i + 1)
                                on:click=move |_| rows.remove(i, &on_commit)>"×"</button>
                        </span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="world-list" data-field=field
            on:focusout=move |ev| if focus_leaves(&ev) { rows.flush(&on_commit) }
            on:keydown=move |ev| if ev.key() == "Enter" { rows.flush(&on_commit) }>
            <span class="label">{label}</span>
            {items}
            <button type="button" class="add" on:click=move |_| rows.push(String::new())>
                {if add.is_empty() { "+ add" } else { add }}
            </button>
        </div>
    }
}

/// Tags (or claims): key and value fields, with add and remove.
#[component]
pub fn TagsEditor(
    /// The label.
    label: &'static str,
    /// The tags.
    tags: Tags,
    /// Called with all tags after an edit (rows without a key are dropped by the model).
    on_commit: Callback<Tags>,
    /// `data-field`.
    #[prop(optional)]
    field: &'static str,
) -> impl IntoView {
    let rows = Rows::new(tags);
    let items = move || {
        rows.shape.track();
        rows.rows.with_value(|r| {
            r.iter()
                .enumerate()
                .map(|(i, (k, v))| {
                    view! {
                        <span class="world-tag">
                            <input type="text" class="key" spellcheck="false" prop:value=k.clone()
                                placeholder="key" aria-label=format!("{label} key {}", i + 1)
                                on:input=move |ev| {
                                    let k = event_target_value(&ev);
                                    rows.edit(i, |x| x.0 = k);
                                }/>
                            "="
                            <input type="text" class="value" spellcheck="false" prop:value=v.clone()
                                placeholder="value" aria-label=format!("{label} value {}", i + 1)
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    rows.edit(i, |x| x.1 = v);
                                }/>
                            <button type="button" class="remove" title="Remove"
                                aria-label=format!("Remove {label} {}", i + 1)
                                on:click=move |_| rows.remove(i, &on_commit)>"×"</button>
                        </span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="world-tags" data-field=field
            on:focusout=move |ev| if focus_leaves(&ev) { rows.flush(&on_commit) }
            on:keydown=move |ev| if ev.key() == "Enter" { rows.flush(&on_commit) }>
            <span class="label">{label}</span>
            {items}
            <button type="button" class="add"
                on:click=move |_| rows.push((String::new(), String::new()))>"+ add"</button>
        </div>
    }
}

/// The statements of a policy in one line, for its summary (`2 statements: Allow A, Deny`).
fn policy_summary(text: &str) -> String {
    let Ok(doc @ Json::Object(_)) = Json::parse(text) else {
        return "not JSON".into();
    };
    let list: Vec<&Json> = match doc.get("Statement") {
        Some(Json::Array(a)) => a.iter().collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    let sids: Vec<String> = list
        .iter()
        .map(|s| {
            let effect = s.get("Effect").and_then(Json::as_str).unwrap_or("?");
            match s.get("Sid").and_then(Json::as_str) {
                Some(sid) => format!("{effect} {sid}"),
                None => effect.to_string(),
            }
        })
        .collect();
    let n = list.len();
    format!(
        "{n} statement{}: {}",
        if n == 1 { "" } else { "s" },
        sids.join(", ")
    )
}

/// A policy as JSON in a text area, checked before it is written; folded to a summary.
#[component]
pub fn PolicyEditor(
    /// What it is (`Trust policy`, `Policy 2`).
    label: String,
    /// The policy.
    policy: PolicyField,
    /// Called with (text, as a string) once the text is JSON.
    on_commit: Callback<(String, bool)>,
    /// Remove it.
    #[prop(optional)]
    on_remove: Option<Callback<()>>,
    /// The key under which its open state is remembered.
    #[prop(optional)]
    fold_key: String,
) -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    let (open, toggle) = fold(w, fold_key);
    let error = RwSignal::new(None::<String>);
    let summary = policy_summary(&policy.text);
    let as_string = policy.as_string;
    let rows = policy.text.lines().count().clamp(4, 24);
    let remove = on_remove.map(|cb| {
        view! { <button type="button" class="remove" on:click=move |_| cb.run(())>"Remove"</button> }
    });
    view! {
        <details class="policy-field" open=open on:toggle=toggle>
            <summary>
                <span class="policy-label">{label.clone()}</span>
                " "
                <span class="muted">{summary}</span>
            </summary>
            <textarea class="policy-text" spellcheck="false" rows=rows aria-label=label
                prop:value=policy.text
                on:change=move |ev| {
                    let t = event_target_value(&ev);
                    match PolicyField::value(&t, as_string) {
                        Ok(_) => {
                            error.set(None);
                            on_commit.run((t, as_string));
                        }
                        Err(e) => error.set(Some(format!("Not written: {e}"))),
                    }
                }></textarea>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {remove}
        </details>
    }
}

/// Make a World form edit.
pub fn edit(w: WorldEditor, e: WorldEdit) {
    w.apply(|t| e.apply(t));
}

/// A member holding one policy (`TrustPolicy`, `PermissionsBoundary`, `Policy`): edit or
/// remove it, or add it.
pub fn single_policy(
    w: WorldEditor,
    label: &'static str,
    path: Path,
    policy: Option<&PolicyField>,
) -> impl IntoView {
    match policy {
        Some(p) => {
            let at = path.clone();
            let commit = Callback::new(move |(t, s): (String, bool)| edit(w, WorldEdit::Policy(at.clone(), t, s)));
            let key = path.to_string();
            let remove = Callback::new(move |()| edit(w, WorldEdit::RemoveAt(path.clone())));
            view! {
                <PolicyEditor label=label.to_string() policy=p.clone() on_commit=commit
                    on_remove=remove fold_key=key/>
            }
            .into_any()
        }
        None => view! {
            <button type="button" class="add" on:click=move |_| edit(w, WorldEdit::NewPolicy(path.clone()))>
                {format!("+ {}", label.to_lowercase())}
            </button>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::policy_summary;

    #[test]
    fn a_policy_is_summed_up_by_its_statements() {
        assert_eq!(
            policy_summary(
                r#"{"Statement": [{"Sid": "A", "Effect": "Allow"}, {"Effect": "Deny"}]}"#
            ),
            "2 statements: Allow A, Deny"
        );
        assert_eq!(policy_summary("{"), "not JSON");
    }
}
