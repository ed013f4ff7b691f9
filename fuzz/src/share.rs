//! The app's share links: whatever the URL fragment, reading it never panics, and a state read
//! from a link is written back to a link that reads as the same state.
// Fuzz checks: a failed property must panic, so libFuzzer keeps the input.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use iam_playground::model::share;

/// What the first byte makes of the rest: a fragment as typed (`0`), the data of a `p1=` link
/// (`1`: the fuzzer works on the DEFLATE stream), the JSON inside a `p1=` link (`2`: compressed
/// here, so the fuzzer works on the envelope and the state), or a legacy `s=` link's JSON
/// (`3`).
pub fn fragment(data: &[u8]) -> Option<String> {
    let (&mode, rest) = data.split_first()?;
    Some(match mode % 4 {
        0 => String::from_utf8_lossy(rest).into_owned(),
        1 => format!("p1={}", URL_SAFE_NO_PAD.encode(rest)),
        2 => format!(
            "p1={}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(rest, 6))
        ),
        _ => format!("s={}", URL_SAFE_NO_PAD.encode(rest)),
    })
}

/// `share`: decode a fragment (and its other parameters); a state it holds survives being
/// encoded again, and builds a scenario.
pub fn share(data: &[u8]) {
    let Some(fragment) = fragment(data) else {
        return;
    };
    let _ = share::params(&fragment);
    let _ = share::mode(&fragment);
    let _ = share::embed_mode(&fragment);
    let _ = share::sweep_open(&fragment);
    let _ = share::dark_theme(&fragment);
    let Ok(Some(shared)) = share::decode(&fragment) else {
        return;
    };
    let _ = shared.version_notice();
    let again = share::encode(&shared.state);
    let back = share::decode(&again)
        .expect("a link this app wrote reads")
        .expect("it holds a state");
    assert_eq!(back.state, shared.state, "the state changed in a new link");
    let built = shared.state.to_scenario();
    let _ = iam_engine::scenario_to_json(&built.scenario);
}
