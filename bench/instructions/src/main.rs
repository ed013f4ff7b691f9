//! `iam-engine-instructions SCENARIO.json N [CATALOG | --json]`: `parse_scenario` + `simulate`
//! (untraced) N times, or with a catalog the compiled sweep N times, or with `--json` the JSON
//! reader alone on the scenario text and its first policy text N times. Run under callgrind by
//! `bench/instructions/run.sh`, which subtracts a run with N = 0.
#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u32>().ok()),
    ) else {
        eprintln!("usage: iam-engine-instructions SCENARIO.json N [CATALOG]");
        return ExitCode::FAILURE;
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return ExitCode::FAILURE;
    };
    let opts = iam_engine::Options {
        trace: false,
        now_epoch_seconds: Some(1_700_000_000),
    };
    let mut total = 0;
    if args.get(2).map(String::as_str) == Some("--json") {
        // The JSON reader alone: the scenario text, then the first policy text in it.
        let policy = iam_engine::parse_scenario(&text)
            .ok()
            .and_then(|s| s.identity_policies.first().map(|p| p.text.clone()))
            .unwrap_or_default();
        for _ in 0..n {
            for doc in [&text, &policy] {
                let arena = iam_engine::json::Arena::for_text(doc);
                if iam_engine::json::parse(std::hint::black_box(doc), &arena).is_ok() {
                    total += 1;
                }
            }
        }
    } else if let Some(catalog) = args.get(2) {
        let catalog = std::fs::read_to_string(catalog)
            .ok()
            .and_then(|c| iam_engine::catalog::Catalog::parse(&c).ok());
        let compiled = iam_engine::parse_scenario(&text)
            .ok()
            .and_then(|s| iam_engine::Compiled::new(&s).ok());
        let (Some(catalog), Some(compiled)) = (catalog, compiled) else {
            eprintln!("the catalog or the scenario does not read");
            return ExitCode::FAILURE;
        };
        for _ in 0..n {
            total += iam_engine::sweep::sweep(&compiled, &catalog, &opts).decisions;
        }
    } else {
        for _ in 0..n {
            let Ok(s) = iam_engine::parse_scenario(std::hint::black_box(&text)) else {
                eprintln!("{path} does not parse");
                return ExitCode::FAILURE;
            };
            total += iam_engine::simulate(&s, &opts)
                .results
                .map_or(0, |r| r.len());
        }
    }
    println!("{total}");
    ExitCode::SUCCESS
}
