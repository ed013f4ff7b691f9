//! The Web Worker's entry points (wasm only): `js/engine-worker.js` loads this module with
//! `importScripts` and calls these functions when the page posts a job. Natively the binary
//! does nothing; the logic is the library, tested natively.

#[cfg(target_arch = "wasm32")]
mod bindings {
    use std::cell::RefCell;

    use iam_engine::sweep::Resources;
    use iam_worker::Session;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static SESSION: RefCell<Session> = RefCell::new(Session::default());
    }

    fn now(seconds: f64) -> Option<i64> {
        seconds.is_finite().then_some(seconds as i64)
    }

    fn json<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string(value)
            .unwrap_or_else(|e| format!("{{\"error\":\"cannot encode the reply: {e}\"}}"))
    }

    /// Parse the service catalog; returns an error message, or an empty string.
    #[wasm_bindgen]
    pub fn load_catalog(text: &str) -> String {
        SESSION.with(|s| match s.borrow_mut().load_catalog(text) {
            Ok(()) => String::new(),
            Err(e) => e,
        })
    }

    /// Sweep: a `SweepReply` as JSON. `now` is UNIX seconds (NaN for none); `named` adds the
    /// resources the policies name; `progress` is called as `progress(done, total)`.
    #[wasm_bindgen]
    pub fn sweep(
        scenario: &str,
        now_seconds: f64,
        named: bool,
        progress: &js_sys::Function,
    ) -> String {
        let over = if named {
            Resources::Named
        } else {
            Resources::Request
        };
        let mut report = |done: usize, total: usize| {
            let _ = progress.call2(&JsValue::NULL, &done.into(), &total.into());
            true
        };
        SESSION.with(|s| {
            json(
                &s.borrow()
                    .sweep(scenario, now(now_seconds), over, &mut report),
            )
        })
    }

    /// Live evaluation of a large input: an `EvaluateReply` as JSON (`job` is the page's job
    /// number, an integer).
    #[wasm_bindgen]
    pub fn evaluate(job: f64, scenario: &str, now_seconds: f64) -> String {
        SESSION.with(|s| {
            json(
                &s.borrow_mut()
                    .evaluate(job as u64, scenario, now(now_seconds)),
            )
        })
    }

    /// A page of statement traces of live evaluation `job`: a `StatementsReply` as JSON.
    #[wasm_bindgen]
    pub fn statements(job: f64, result: f64, policy_id: &str, from: f64, count: f64) -> String {
        SESSION.with(|s| {
            json(&s.borrow().statements(
                job as u64,
                result as usize,
                policy_id,
                from as usize,
                count as usize,
            ))
        })
    }

    /// A share link's data: base64url of the DEFLATE of `json` (see `iam_worker::link`).
    #[wasm_bindgen]
    pub fn pack(json: &str) -> String {
        iam_worker::link::pack(json.as_bytes())
    }

    /// Compare: a `CompareReply` as JSON.
    #[wasm_bindgen]
    pub fn compare(a: &str, b: &str, now_seconds: f64) -> String {
        SESSION.with(|s| json(&s.borrow().compare(a, b, now(now_seconds))))
    }
}

fn main() {}
