//! Fields bound to one value of the request form: a text input (or textarea), a
//! yes / no / not-sent choice, and a checkbox.

use leptos::prelude::*;

use crate::model::state::{RequestForm, Tri};
use crate::store::Store;

/// Reads a text field of the form.
pub type Getter = fn(&RequestForm) -> String;
/// Writes a text field of the form.
pub type Setter = fn(&mut RequestForm, String);

/// A labelled text input (or textarea) bound to one field of the form.
#[component]
pub fn Field(
    label: &'static str,
    get: Getter,
    set: Setter,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] name: &'static str,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let value = move || store.state.with(|s| get(&s.request));
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        store.state.update(|s| set(&mut s.request, v));
    };
    let input = if multiline {
        view! {
            <textarea rows="2" name=name placeholder=placeholder prop:value=value on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" name=name placeholder=placeholder prop:value=value on:input=on_input/>
        }
        .into_any()
    };
    view! {
        <label class="field">
            <span class="label">{label}</span>
            {input}
        </label>
    }
}

/// A yes / no / not-sent choice for a boolean context key.
#[component]
pub fn TriField(
    label: &'static str,
    get: fn(&RequestForm) -> Tri,
    set: fn(&mut RequestForm, Tri),
) -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <label class="field">
            <span class="label"><code>{label}</code></span>
            <select
                prop:value=move || store.state.with(|s| get(&s.request).as_str())
                on:change=move |ev| {
                    let v = Tri::parse(&event_target_value(&ev));
                    store.state.update(|s| set(&mut s.request, v));
                }
            >
                {[Tri::Absent, Tri::True, Tri::False]
                    .into_iter()
                    .map(|t| {
                        let label = if t == Tri::Absent { "not in request" } else { t.as_str() };
                        view! {
                            <option
                                value=t.as_str()
                                selected=move || store.state.with(|s| get(&s.request) == t)
                            >
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A labelled checkbox bound to one yes/no field of the form.
#[component]
pub fn CheckField(
    label: &'static str,
    name: &'static str,
    get: fn(&RequestForm) -> bool,
    set: fn(&mut RequestForm, bool),
) -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <label class="field check">
            <input
                type="checkbox"
                name=name
                prop:checked=move || store.state.with(|s| get(&s.request))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    store.state.update(|s| set(&mut s.request, on));
                }
            />
            <span class="label">{label}</span>
        </label>
    }
}
