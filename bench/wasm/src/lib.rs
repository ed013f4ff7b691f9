//! Benchmark entry points: the engine in wasm, with compiled policies kept resident in the
//! instance and only strings and numbers crossing the JS boundary.
#![forbid(unsafe_code)]

use iam_engine::catalog::Catalog;
use iam_engine::{parse_scenario, simulate, Compiled, EvalDecision, Options, RequestContext};
use wasm_bindgen::prelude::*;

fn opts() -> Options {
    Options {
        trace: false,
        now_epoch_seconds: Some(1_700_000_000),
    }
}

/// Parse, compile and decide every (action, resource) of a scenario; the number allowed.
#[wasm_bindgen]
pub fn parse_compile_decide(text: &str) -> u32 {
    let Ok(s) = parse_scenario(text) else {
        return u32::MAX;
    };
    let Ok(c) = Compiled::new(&s) else {
        return u32::MAX;
    };
    let mut n = 0;
    for r in c.resources() {
        let rc = c.context_for(r, &opts());
        for a in &s.action_names {
            n += u32::from(c.decision(&rc, a) == EvalDecision::Allowed);
        }
    }
    n
}

/// `parse_scenario` + `simulate` (the uncompiled path); the number of results.
#[wasm_bindgen]
pub fn parse_simulate(text: &str) -> u32 {
    let Ok(s) = parse_scenario(text) else {
        return u32::MAX;
    };
    simulate(&s, &opts())
        .results
        .map_or(u32::MAX, |r| r.len() as u32)
}

/// A compiled scenario kept in the instance.
#[wasm_bindgen]
pub struct Engine {
    compiled: Compiled,
    contexts: Vec<RequestContext>,
    actions: Vec<String>,
    catalog: Option<Catalog>,
}

#[wasm_bindgen]
impl Engine {
    /// Compile a scenario.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<Engine, JsValue> {
        let s = parse_scenario(text).map_err(|d| JsValue::from_str(&format!("{d:?}")))?;
        let compiled = Compiled::new(&s).map_err(|d| JsValue::from_str(&format!("{d:?}")))?;
        let contexts = compiled
            .resources()
            .iter()
            .map(|r| compiled.context_for(r, &opts()))
            .collect();
        Ok(Engine {
            compiled,
            contexts,
            actions: s.action_names,
            catalog: None,
        })
    }

    /// Decide every (action, resource) of the scenario; the number allowed.
    pub fn decide_all(&self) -> u32 {
        let mut n = 0;
        for a in &self.actions {
            for rc in &self.contexts {
                n += u32::from(self.compiled.decision(rc, a) == EvalDecision::Allowed);
            }
        }
        n
    }

    /// Load the service catalog (for sweeps).
    pub fn load_catalog(&mut self, text: &str) -> bool {
        self.catalog = Catalog::parse(text).ok();
        self.catalog.is_some()
    }

    /// Sweep every catalog action; the number of decisions made.
    pub fn sweep(&self) -> u32 {
        match &self.catalog {
            Some(c) => iam_engine::sweep::sweep(&self.compiled, c, &opts()).decisions as u32,
            None => 0,
        }
    }
}
