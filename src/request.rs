//! The request pane: who asks for what on which resource, and typed editors for the context
//! keys people reach for (tags, source IP, MFA, time, transport, region) plus free-form entries.

use iam_engine::ContextKeyType;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::{RequestForm, TagKind, Tri};
use crate::store::{now_seconds, Store};

type Getter = fn(&RequestForm) -> String;
type Setter = fn(&mut RequestForm, String);

/// A labelled text input (or textarea) bound to one field of the form.
#[component]
fn Field(
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
fn TriField(
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

/// A key–value table for one kind of tag.
#[component]
fn TagTable(kind: TagKind) -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        store.state.with(|s| {
            s.request
                .tags(kind)
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        })
    };
    let edit = move |id: u32, f: &dyn Fn(&mut crate::state::TagRow)| {
        store.state.update(|s| {
            if let Some(r) = s.request.tags_mut(kind).iter_mut().find(|r| r.id == id) {
                f(r);
            }
        });
    };
    let cell = move |id: u32, key: bool| {
        move || {
            store.state.with(|s| {
                s.request
                    .tags(kind)
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| if key { r.key.clone() } else { r.value.clone() })
                    .unwrap_or_default()
            })
        }
    };
    // One text input of a row: the tag key (`key`) or its value.
    let field = move |id: u32, key: bool| {
        let (class, label, placeholder) = if key {
            ("tag-key", "Tag key", "key")
        } else {
            ("tag-value", "Tag value", "value")
        };
        view! {
            <input
                type="text"
                class=class
                aria-label=label
                placeholder=placeholder
                prop:value=cell(id, key)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    edit(
                        id,
                        &|r| {
                            if key {
                                r.key = v.clone();
                            } else {
                                r.value = v.clone();
                            }
                        },
                    );
                }
            />
        }
    };
    view! {
        <fieldset class="tags" data-tags=format!("{kind:?}")>
            <legend>{kind.title()} " " <code>{kind.prefix()} "*"</code></legend>
            <For
                each=rows
                key=|id| *id
                children=move |id| {
                    view! {
                        <div class="row">
                            {field(id, true)}
                            {field(id, false)}
                            <button
                                type="button"
                                class="icon"
                                aria-label="Remove tag"
                                on:click=move |_| store.state.update(|s| s.request.tags_mut(kind).retain(|r| r.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.add_tag(kind, "", ""))>
                "+ Add tag"
            </button>
        </fieldset>
    }
}

/// `aws:MultiFactorAuthPresent` and `aws:MultiFactorAuthAge` (a slider).
#[component]
fn Mfa() -> impl IntoView {
    let store = expect_context::<Store>();
    let age = move || store.state.with(|s| s.request.mfa_age);
    view! {
        <TriField
            label="aws:MultiFactorAuthPresent"
            get=|r| r.mfa_present
            set=|r, v| r.mfa_present = v
        />
        <div class="field mfa-age">
            <label class="label">
                <input
                    type="checkbox"
                    prop:checked=move || age().is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        store.state.update(|s| s.request.mfa_age = on.then_some(s.request.mfa_age.unwrap_or(300)));
                    }
                />
                <code>"aws:MultiFactorAuthAge"</code>
            </label>
            <input
                type="range"
                min="0"
                max="7200"
                step="30"
                aria-label="Seconds since MFA sign-in"
                disabled=move || age().is_none()
                prop:value=move || age().unwrap_or(0).to_string()
                on:input=move |ev| {
                    let v = event_target_value(&ev).parse().ok();
                    store.state.update(|s| s.request.mfa_age = v);
                }
            />
            <output>{move || age().map_or("not in request".to_string(), |a| format!("{a} s"))}</output>
        </div>
    }
}

fn iso(epoch: i64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    String::from(d.to_iso_string())
}

/// `aws:CurrentTime`: the live clock, or a frozen instant (always frozen in a shared link).
#[component]
fn CurrentTime() -> impl IntoView {
    let store = expect_context::<Store>();
    let frozen = move || store.state.with(|s| s.request.current_time);
    view! {
        <div class="field">
            <span class="label"><code>"aws:CurrentTime"</code></span>
            <div class="inline">
                <input
                    type="text"
                    aria-label="aws:CurrentTime"
                    placeholder="now (live clock)"
                    prop:value=move || frozen().map(iso).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let t = v.trim();
                        if t.is_empty() {
                            store.state.update(|s| s.request.current_time = None);
                            return;
                        }
                        let ms = js_sys::Date::parse(t);
                        if ms.is_nan() {
                            store.notice.set(Some(format!("`{t}` is not a date and time")));
                        } else {
                            store.state.update(|s| s.request.current_time = Some((ms / 1000.0) as i64));
                        }
                    }
                />
                {move || {
                    if frozen().is_some() {
                        view! {
                            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.current_time = None)>
                                "Use live clock"
                            </button>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.current_time = Some(now_seconds()))>
                                "Freeze"
                            </button>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
    }
}

const TYPES: [ContextKeyType; 12] = [
    ContextKeyType::String,
    ContextKeyType::StringList,
    ContextKeyType::Numeric,
    ContextKeyType::NumericList,
    ContextKeyType::Boolean,
    ContextKeyType::BooleanList,
    ContextKeyType::Ip,
    ContextKeyType::IpList,
    ContextKeyType::Binary,
    ContextKeyType::BinaryList,
    ContextKeyType::Date,
    ContextKeyType::DateList,
];

/// Free-form context entries: key, type, values.
#[component]
fn FreeEntries() -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        store
            .state
            .with(|s| s.request.extra.iter().map(|e| e.id).collect::<Vec<_>>())
    };
    let get = move |id: u32, f: fn(&crate::state::FreeEntry) -> String| {
        move || {
            store.state.with(|s| {
                s.request
                    .extra
                    .iter()
                    .find(|e| e.id == id)
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let edit = move |id: u32, f: &dyn Fn(&mut crate::state::FreeEntry)| {
        store.state.update(|s| {
            if let Some(e) = s.request.extra.iter_mut().find(|e| e.id == id) {
                f(e);
            }
        });
    };
    view! {
        <fieldset class="free">
            <legend>"Other context keys"</legend>
            <For
                each=rows
                key=|id| *id
                children=move |id| {
                    view! {
                        <div class="row">
                            <input
                                type="text"
                                class="free-key"
                                aria-label="Context key"
                                placeholder="key, e.g. s3:prefix"
                                prop:value=get(id, |e| e.key.clone())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(id, &|e| e.key = v.clone());
                                }
                            />
                            <select
                                aria-label="Type"
                                prop:value=get(id, |e| e.key_type.clone())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(id, &|e| e.key_type = v.clone());
                                }
                            >
                                <option value="">"(no type)"</option>
                                {TYPES
                                    .iter()
                                    .map(|t| {
                                        let current = get(id, |e| e.key_type.clone());
                                        let name = t.as_str();
                                        view! {
                                            <option value=name selected=move || current() == name>
                                                {name}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <input
                                type="text"
                                class="free-values"
                                aria-label="Values, comma-separated"
                                placeholder="values, comma-separated"
                                prop:value=get(id, |e| e.values.clone())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(id, &|e| e.values = v.clone());
                                }
                            />
                            <button
                                type="button"
                                class="icon"
                                aria-label="Remove entry"
                                on:click=move |_| store.state.update(|s| s.request.extra.retain(|e| e.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.add_free("", "", ""))>
                "+ Add key"
            </button>
        </fieldset>
    }
}

/// The request pane.
#[component]
pub fn RequestPane() -> impl IntoView {
    view! {
        <section class="pane request" aria-label="Request">
            <h2>"Request"</h2>
            <Field
                label="Caller ARN"
                name="caller"
                placeholder="arn:aws:iam::111122223333:user/alice"
                get=|r| r.caller_arn.clone()
                set=|r, v| r.caller_arn = v
            />
            <Field
                label="Actions"
                name="actions"
                placeholder="s3:GetObject"
                multiline=true
                get=|r| r.actions.clone()
                set=|r, v| r.actions = v
            />
            <Field
                label="Resource ARNs"
                name="resources"
                placeholder="* (any resource)"
                multiline=true
                get=|r| r.resources.clone()
                set=|r, v| r.resources = v
            />
            <Field
                label="Resource owner"
                name="owner"
                placeholder="account of the resource ARN, else the caller's"
                get=|r| r.resource_owner.clone()
                set=|r, v| r.resource_owner = v
            />
            <h3>"Context"</h3>
            <TagTable kind=TagKind::Principal/>
            <TagTable kind=TagKind::Resource/>
            <TagTable kind=TagKind::Request/>
            <Field
                label="aws:SourceIp"
                name="source-ip"
                placeholder="not in request"
                get=|r| r.source_ip.clone()
                set=|r, v| r.source_ip = v
            />
            <Mfa/>
            <CurrentTime/>
            <TriField label="aws:SecureTransport" get=|r| r.secure_transport set=|r, v| r.secure_transport = v/>
            <Field
                label="aws:RequestedRegion"
                name="region"
                placeholder="not in request"
                get=|r| r.requested_region.clone()
                set=|r, v| r.requested_region = v
            />
            <FreeEntries/>
        </section>
    }
}
