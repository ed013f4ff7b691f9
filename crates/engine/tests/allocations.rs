//! Allocations per small decision, counted with a counting global allocator (issue 15 item 3;
//! the figure is quoted in `bench/README.md`). The scenario is the criterion benchmark's `small`
//! one (`crates/engine/benches/decide.rs`), from scenario text to both results, untraced.
//!
//! `cargo test -p iam-engine --test allocations -- --nocapture` prints the counts. This file
//! holds one test only, so no other test allocates while it counts.

use std::alloc::System;

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

/// The system allocator, counting every allocation and reallocation.
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The benchmark's `small` scenario, as `serde_json` writes it (keys sorted).
const SMALL: &str = r#"{"ActionNames":["s3:GetObject","s3:PutObject"],"CallerArn":"arn:aws:iam::111122223333:user/alice","ContextEntries":[{"ContextKeyName":"aws:PrincipalTag/team","ContextKeyValues":["eng"]},{"ContextKeyName":"aws:SourceIp","ContextKeyType":"ip","ContextKeyValues":["203.0.113.7"]}],"PolicyInputList":["{\"Statement\":[{\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"eng\"}},\"Effect\":\"Allow\",\"Resource\":[\"arn:aws:s3:::team-bucket\",\"arn:aws:s3:::team-bucket/*\"],\"Sid\":\"ReadTeamObjects\"},{\"Action\":\"s3:PutObject\",\"Effect\":\"Allow\",\"Resource\":\"arn:aws:s3:::team-bucket/home/${aws:username}/*\",\"Sid\":\"WriteOwnPrefix\"},{\"Action\":\"s3:*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}},\"Effect\":\"Deny\",\"Resource\":\"*\",\"Sid\":\"OfficeOnly\"}],\"Version\":\"2012-10-17\"}"],"ResourceArns":["arn:aws:s3:::team-bucket/home/alice/notes.txt"]}"#;

#[test]
fn small_decision_allocations() {
    let options = iam_engine::Options {
        trace: false,
        now_epoch_seconds: Some(1_700_000_000),
    };
    // Once first, so that lazily built statics are not counted.
    let warm = iam_engine::parse_scenario(SMALL).unwrap();
    drop(iam_engine::simulate(&warm, &options));
    drop(warm);

    let region = Region::new(GLOBAL);
    let scenario = iam_engine::parse_scenario(SMALL).unwrap();
    let parsed = region.change();
    let outcome = iam_engine::simulate(&scenario, &options);
    let decided = region.change();
    let results = outcome.results.unwrap();
    let decisions: Vec<&str> = results.iter().map(|r| r.eval_decision.as_str()).collect();
    assert_eq!(decisions, ["allowed", "allowed"]);
    let count = |s: stats_alloc::Stats| s.allocations + s.reallocations;
    let (parse, simulate) = (count(parsed), count(decided) - count(parsed));
    println!(
        "{} allocations per small decision incl. parsing ({parse} parse_scenario + {simulate} simulate, 2 decisions)",
        parse + simulate
    );
    // A guard against regressions, with room for small changes elsewhere (181 when written,
    // 140 after the second pass of issue 15 item 3, 101 with policy words as `SmolStr`, 76
    // with each JSON document's tree in one arena kept per thread, 70 with the caller's names
    // as `SmolStr` too; 83 with the request context and the caller back to `String`s, which
    // the docs-site embed's 250 KB budget could not take as `SmolStr` code; 75 when a context
    // without a trace derived only the keys its policies read).
    assert!(
        parse + simulate <= 82,
        "{parse} + {simulate} allocations: more than the 82 allowed"
    );
}
