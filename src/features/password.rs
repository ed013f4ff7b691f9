//! The Password policy mode: an account password policy (the fields of
//! `UpdateAccountPasswordPolicy`, or AWS's default policy) and a candidate password, checked
//! rule by rule with [`iam_engine::password::check`] on every keystroke. The password lives in
//! this component's memory only: it is never put in the URL, in storage, or sent anywhere.

use iam_engine::password::{check, validate_policy, Candidate, PasswordPolicy, RuleResult};
use leptos::prelude::*;

/// The results for a policy (`None`: AWS's default policy) and candidate.
pub fn results(policy: Option<&PasswordPolicy>, candidate: &Candidate) -> Vec<RuleResult> {
    check(policy, candidate)
}

fn number(ev: &leptos::ev::Event) -> Option<u32> {
    event_target_value(ev).trim().parse().ok()
}

/// A checkbox bound to a boolean field of the policy.
fn flag(
    policy: RwSignal<PasswordPolicy>,
    label: &'static str,
    name: &'static str,
    get: fn(&PasswordPolicy) -> bool,
    set: fn(&mut PasswordPolicy, bool),
) -> impl IntoView {
    view! {
        <label class="pw-flag">
            <input type="checkbox" data-field=name
                prop:checked=move || policy.with(get)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    policy.update(|p| set(p, on));
                }/>
            " " {label}
        </label>
    }
}

/// An optional number (reuse prevention, maximum age): a checkbox and a number field.
fn optional_number(
    policy: RwSignal<PasswordPolicy>,
    label: &'static str,
    name: &'static str,
    default: u32,
    get: fn(&PasswordPolicy) -> Option<u32>,
    set: fn(&mut PasswordPolicy, Option<u32>),
) -> impl IntoView {
    view! {
        <div class="pw-row">
            <label>
                <input type="checkbox" data-field=format!("{name}-on")
                    prop:checked=move || policy.with(get).is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        policy.update(|p| set(p, on.then_some(get(p).unwrap_or(default))));
                    }/>
                " " {label}
            </label>
            <input type="number" min="1" data-field=name
                disabled=move || policy.with(get).is_none()
                prop:value=move || policy.with(get).unwrap_or(default).to_string()
                on:input=move |ev| {
                    if let Some(n) = number(&ev) {
                        policy.update(|p| set(p, Some(n)));
                    }
                }/>
        </div>
    }
}

/// The Password policy mode.
#[component]
pub fn PasswordMode() -> impl IntoView {
    let custom = RwSignal::new(true);
    let policy = RwSignal::new(PasswordPolicy {
        minimum_password_length: 12,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        require_numbers: true,
        require_symbols: true,
        ..PasswordPolicy::default()
    });
    // The candidate and the other test inputs: component memory only.
    let password = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let previous = RwSignal::new(String::new());
    let age_days = RwSignal::new(None::<u32>);
    let account_name = RwSignal::new(String::new());

    let rules = Memo::new(move |_| {
        let candidate = Candidate {
            password: password.get(),
            account_names: account_name
                .with(|a| (!a.trim().is_empty()).then(|| a.trim().to_string()))
                .into_iter()
                .collect(),
            previous_passwords: previous.with(|p| {
                p.lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            }),
            current_password_age_days: age_days.get(),
        };
        if custom.get() {
            policy.with(|p| results(Some(p), &candidate))
        } else {
            results(None, &candidate)
        }
    });
    let policy_problems = move || {
        if custom.get() {
            policy.with(validate_policy)
        } else {
            Vec::new()
        }
    };
    let all_pass = move || rules.with(|r| r.iter().all(|r| r.passed));

    view! {
        <main class="password-layout">
            <section class="pane password-policy" aria-label="Password policy">
                <h2>"Account password policy"</h2>
                <div class="pw-row">
                    <label>
                        <input type="radio" name="pw-kind" data-field="default"
                            prop:checked=move || !custom.get()
                            on:change=move |_| custom.set(false)/>
                        " AWS default policy"
                    </label>
                    <label>
                        <input type="radio" name="pw-kind" data-field="custom"
                            prop:checked=move || custom.get()
                            on:change=move |_| custom.set(true)/>
                        " Custom policy"
                    </label>
                </div>
                <fieldset class="pw-fields" disabled=move || !custom.get()>
                    <div class="pw-row">
                        <label for="pw-min">"Minimum password length"</label>
                        <input id="pw-min" type="number" min="6" max="128" data-field="minimum-length"
                            prop:value=move || policy.with(|p| p.minimum_password_length.to_string())
                            on:input=move |ev| {
                                if let Some(n) = number(&ev) {
                                    policy.update(|p| p.minimum_password_length = n);
                                }
                            }/>
                    </div>
                    {flag(policy, "At least one uppercase letter (A-Z)", "uppercase",
                        |p| p.require_uppercase_characters, |p, v| p.require_uppercase_characters = v)}
                    {flag(policy, "At least one lowercase letter (a-z)", "lowercase",
                        |p| p.require_lowercase_characters, |p, v| p.require_lowercase_characters = v)}
                    {flag(policy, "At least one number (0-9)", "numbers",
                        |p| p.require_numbers, |p, v| p.require_numbers = v)}
                    {flag(policy, "At least one symbol", "symbols",
                        |p| p.require_symbols, |p, v| p.require_symbols = v)}
                    {optional_number(policy, "Prevent reuse of the last N passwords", "reuse", 5,
                        |p| p.password_reuse_prevention, |p, v| p.password_reuse_prevention = v)}
                    {optional_number(policy, "Passwords expire after N days", "max-age", 90,
                        |p| p.max_password_age, |p, v| p.max_password_age = v)}
                    {flag(policy, "Hard expiry: an administrator must reset an expired password", "hard-expiry",
                        |p| p.hard_expiry, |p, v| p.hard_expiry = v)}
                    {flag(policy, "Allow users to change their own password", "allow-change",
                        |p| p.allow_users_to_change_password, |p, v| p.allow_users_to_change_password = v)}
                </fieldset>
                <ul class="pw-policy-problems problems">
                    {move || {
                        policy_problems()
                            .into_iter()
                            .map(|p| view! { <li class="error">{p}</li> })
                            .collect_view()
                    }}
                </ul>
            </section>
            <section class="pane password-check" aria-label="Candidate password">
                <h2>"Candidate password"</h2>
                <p class="muted">
                    "Checked here, in your browser, as you type. It is never stored, put in the link or sent."
                </p>
                <div class="pw-row">
                    <label for="pw-candidate">"Password"</label>
                    <input id="pw-candidate" class="pw-candidate" autocomplete="off" spellcheck="false"
                        type=move || if show.get() { "text" } else { "password" }
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))/>
                    <label>
                        <input type="checkbox" class="pw-show"
                            prop:checked=move || show.get()
                            on:change=move |ev| show.set(event_target_checked(&ev))/>
                        " Show"
                    </label>
                </div>
                <Show when=move || !custom.get()>
                    <div class="pw-row">
                        <label for="pw-account">"Account name or email"</label>
                        <input id="pw-account" type="text" autocomplete="off" spellcheck="false"
                            prop:value=move || account_name.get()
                            on:input=move |ev| account_name.set(event_target_value(&ev))/>
                    </div>
                </Show>
                <Show when=move || custom.get() && policy.with(|p| p.password_reuse_prevention.is_some())>
                    <div class="pw-row">
                        <label for="pw-previous">"Previous passwords, newest first (one a line)"</label>
                        <textarea id="pw-previous" rows="3" autocomplete="off" spellcheck="false"
                            prop:value=move || previous.get()
                            on:input=move |ev| previous.set(event_target_value(&ev))></textarea>
                    </div>
                </Show>
                <Show when=move || custom.get() && policy.with(|p| p.max_password_age.is_some())>
                    <div class="pw-row">
                        <label for="pw-age">"Age of the current password (days)"</label>
                        <input id="pw-age" type="number" min="0"
                            prop:value=move || age_days.get().map(|d| d.to_string()).unwrap_or_default()
                            on:input=move |ev| age_days.set(number(&ev))/>
                    </div>
                </Show>
                <p class="pw-verdict" class:ok=all_pass class:fail=move || !all_pass() role="status">
                    {move || if all_pass() { "The password meets the policy." } else { "The password does not meet the policy." }}
                </p>
                <ul class="pw-rules">
                    {move || {
                        rules
                            .get()
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <li data-rule=r.rule data-passed=r.passed.to_string()
                                        class:ok=r.passed class:fail=!r.passed>
                                        <span class="mark" aria-hidden="true">{if r.passed { "✔" } else { "✘" }}</span>
                                        " "
                                        {r.text}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_password_fails_length() {
        let p = PasswordPolicy {
            minimum_password_length: 12,
            ..PasswordPolicy::default()
        };
        let c = Candidate {
            password: "Ab1!".into(),
            ..Candidate::default()
        };
        let r = results(Some(&p), &c);
        assert!(r.iter().any(|r| r.rule == "length" && !r.passed));
    }
}
