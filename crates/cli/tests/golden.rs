//! Golden tests: run the real `iam-sim` binary and compare stdout, stderr and the exit code
//! with files in `tests/golden/`. Regenerate with `UPDATE_GOLDEN=1 cargo test -p iam-cli`.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn run(args: &[&str], stdin: Option<&str>) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iam-sim"));
    cmd.args(args)
        .current_dir(dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn golden(name: &str, args: &[&str], stdin: Option<&str>) {
    let (stdout, stderr, code) = run(args, stdin);
    let actual = format!(
        "$ iam-sim {}\n--- exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        args.join(" ")
    );
    let path = dir().join(format!("{name}.out"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {path:?}: run with UPDATE_GOLDEN=1"));
    if actual != expected {
        let (n, (a, e)) = actual
            .lines()
            .zip(expected.lines().chain(std::iter::repeat("<end of file>")))
            .enumerate()
            .find(|(_, (a, e))| a != e)
            .unwrap_or((actual.lines().count(), ("<end of output>", "")));
        panic!("golden file {name}.out differs at line {}:\n  got:      {a}\n  expected: {e}\n(UPDATE_GOLDEN=1 to accept)", n + 1);
    }
}

#[test]
fn simulate_prints_the_aws_shaped_response() {
    golden(
        "simulate-abac",
        &["simulate", "abac.json", "--no-clock"],
        None,
    );
}

#[test]
fn simulate_with_trace() {
    golden(
        "simulate-trace",
        &[
            "simulate",
            "aws-cli-input.json",
            "--trace",
            "--now",
            "2026-01-01T00:00:00Z",
        ],
        None,
    );
}

#[test]
fn aws_cli_input_file_works_unchanged() {
    // Cross-account: the bucket policy trusts account 111122223333 and carlos's identity policy
    // allows only ListBucket (UG cross-account policy evaluation logic).
    golden(
        "simulate-aws-cli",
        &["simulate", "aws-cli-input.json", "--no-clock"],
        None,
    );
}

#[test]
fn explain_shows_layers_and_snippets() {
    golden(
        "explain-abac",
        &["explain", "abac.json", "--no-clock", "--color", "never"],
        None,
    );
}

#[test]
fn validate_reports_every_error_with_file_positions() {
    golden("validate-broken", &["validate", "broken.json"], None);
}

#[test]
fn validate_a_policy_reports_every_finding() {
    // One line per finding as FILE:LINE:COL: KIND CODE: message; exit 1 on an ERROR.
    golden("validate-policy", &["validate", "policy-issues.json"], None);
}

#[test]
fn validate_a_trust_policy_as_json() {
    golden(
        "validate-trust-json",
        &["validate", "trust.json", "--type", "trust", "--json"],
        None,
    );
}

#[test]
fn validate_a_clean_scenario_exits_0() {
    golden("validate-clean", &["validate", "abac.json"], None);
}

#[test]
fn validate_input_that_is_not_json_exits_2() {
    golden(
        "validate-not-json",
        &["validate", "-", "--type", "scp"],
        Some("{\"Version\": \"2012-10-17\", \"Statement\": [}"),
    );
}

#[test]
fn simulate_bad_input_exits_2() {
    golden("simulate-broken", &["simulate", "broken.json"], None);
}

#[test]
fn reads_standard_input() {
    let text = std::fs::read_to_string(dir().join("abac.json")).unwrap();
    golden(
        "simulate-stdin",
        &["simulate", "-", "--no-clock"],
        Some(&text),
    );
}

#[test]
fn json_syntax_error_in_stdin() {
    golden(
        "stdin-syntax-error",
        &["simulate", "-"],
        Some("{\"ActionNames\": [\"s3:GetObject\"],\n  \"PolicyInputList\": [}\n"),
    );
}

#[test]
fn usage_errors_exit_2() {
    golden("usage", &["frobnicate", "x.json"], None);
}

#[test]
fn world_scenario_with_an_assume_role_hop() {
    // The cross-account delegation tutorial [S1 §IAM tutorial: Delegate access across AWS
    // accounts using IAM roles]: David assumes UpdateApp in the production account.
    golden(
        "explain-world",
        &["explain", "world.json", "--no-clock", "--color", "never"],
        None,
    );
}

#[test]
fn explain_abac_world_says_what_would_flip_each_request() {
    // The ABAC tutorial [S1 §IAM tutorial: Define permissions to access AWS resources based on
    // tags] Step 5: as access-peg-engineering, Arnav reads the peg engineering secret (allowed)
    // but not the peg QA secret (the `access-team` tags differ): the closest statements, and
    // the change to the World that would flip each decision.
    golden(
        "explain-abac-world",
        &[
            "explain",
            "abac-world.json",
            "--no-clock",
            "--color",
            "never",
        ],
        None,
    );
}

#[test]
fn explain_mfa_age_names_the_limit() {
    // [UG id_credentials_mfa_configure-api-require] MFA-protected API access with
    // `aws:MultiFactorAuthAge` under an hour: two missing facts at once, an unconditional
    // explicit deny, and an action no statement names.
    golden(
        "explain-mfa-age",
        &["explain", "mfa-age.json", "--no-clock", "--color", "never"],
        None,
    );
}

#[test]
fn sweep_counts_effective_permissions_by_service_and_level() {
    golden(
        "sweep-abac",
        &["sweep", "abac.json", "--now", "1700000000", "--actions"],
        None,
    );
}

#[test]
fn sweep_over_named_resources_shows_where_an_action_is_allowed() {
    // The request names an object; s3:ListBucket is allowed only on the bucket the policy names.
    golden(
        "sweep-named",
        &[
            "sweep",
            "compare-new.json",
            "--now",
            "1700000000",
            "--actions",
            "--named-resources",
        ],
        None,
    );
}

#[test]
fn sweep_needs_no_action_names() {
    // No ActionNames and no ResourceArns: every action on `*` (nothing), and on the queue the
    // policy names.
    golden(
        "sweep-policies-only",
        &[
            "sweep",
            "policies-only.json",
            "--no-clock",
            "--actions",
            "--named-resources",
        ],
        None,
    );
}

#[test]
fn compare_lists_counterexamples_as_bounded_testing() {
    // B adds s3:GetObjectVersion and turns `Bool` into `BoolIfExists` in the TLS guard: B allows
    // one more action, and denies every request that lacks aws:SecureTransport.
    golden(
        "compare-old-new",
        &[
            "compare",
            "compare-old.json",
            "compare-new.json",
            "--now",
            "1700000000",
            "--limit",
            "12",
        ],
        None,
    );
}

#[test]
fn compare_of_a_scenario_with_itself_finds_nothing() {
    golden(
        "compare-same",
        &[
            "compare",
            "compare-old.json",
            "compare-old.json",
            "--no-clock",
        ],
        None,
    );
}

#[test]
fn action_patterns_expand_against_the_catalog() {
    // Issue 4 item 4: `ActionNames` may hold patterns; each action of the catalog that the
    // pattern covers is evaluated and the results are grouped by pattern.
    golden(
        "explain-patterns",
        &["explain", "patterns.json", "--no-clock", "--color", "never"],
        None,
    );
}

#[test]
fn test_passes_on_a_docs_folder_whose_examples_are_right() {
    // A docs folder: an HTML page (a plain block and one written with character references
    // inside <code>), a Markdown page with a World example (and code showing the syntax, which
    // is not an example), a scenario file, and a package.json that is not a scenario.
    golden("test-docs-site", &["test", "docs-site", "--no-clock"], None);
}

#[test]
fn test_fails_on_a_deliberately_wrong_expectation() {
    // docs-wrong/guide.html is docs-site/guide.html with s3:DeleteObject expected `allowed`:
    // the policy grants only s3:GetObject, so it is an implicit deny (SPEC §6.3: no allow).
    golden(
        "test-docs-wrong",
        &["test", "docs-wrong/guide.html", "--no-clock"],
        None,
    );
}

#[test]
fn test_checks_iam_playground_elements_as_well_as_pre_blocks() {
    // public/embed.js embeds `<iam-playground>` elements too, so they are checked: the second
    // example expects `allowed` without MFA, but the policy's `Bool` condition on an absent
    // `aws:MultiFactorAuthPresent` does not match (SPEC §4.3, §4.6: a condition on a missing key is
    // false), so no statement allows it — an implicit deny.
    golden(
        "test-docs-element",
        &["test", "docs-element.html", "--no-clock"],
        None,
    );
}

#[test]
fn test_writes_tap() {
    golden(
        "test-docs-wrong-tap",
        &["test", "docs-wrong", "--format", "tap", "--no-clock"],
        None,
    );
}

#[test]
fn test_writes_junit_xml() {
    golden(
        "test-docs-wrong-junit",
        &["test", "docs-wrong", "--format", "junit", "--no-clock"],
        None,
    );
}

#[test]
fn test_bad_examples_exit_2_with_positions_in_the_page() {
    // Positions point into the Markdown file: through character references, and through a
    // policy written as a JSON string inside the example.
    golden(
        "test-docs-bad",
        &["test", "docs-bad.md", "--no-clock"],
        None,
    );
}

#[test]
fn test_reports_an_example_without_expectations() {
    golden(
        "test-docs-unchecked",
        &["test", "docs-unchecked.html", "--no-clock"],
        None,
    );
    golden(
        "test-docs-unchecked-allowed",
        &[
            "test",
            "docs-unchecked.html",
            "--allow-unchecked",
            "--format",
            "tap",
            "--no-clock",
        ],
        None,
    );
}

#[test]
fn test_of_a_folder_without_examples_fails() {
    golden("test-nothing", &["test", "docs-empty", "--no-clock"], None);
}

/// Issue 12's example in AWS's current shape: an Allow-all SCP level, then a level denying
/// `ec2:RunInstances` (`OrderedOrganizationPolicyInputList`, root first) — explicitly denied.
#[test]
fn ordered_organization_policies_are_scp_levels() {
    golden(
        "simulate-ordered-scps",
        &["simulate", "aws-ordered-scps.json", "--no-clock"],
        None,
    );
    golden(
        "simulate-ordered-scps-aws",
        &[
            "simulate",
            "aws-ordered-scps.json",
            "--no-clock",
            "--format",
            "aws",
        ],
        None,
    );
}

/// A file made from `aws iam simulate-custom-policy --generate-cli-skeleton input` with every
/// field filled: no warning about AWS's own fields; `--format aws` honours `MaxItems` and the
/// `Marker`; `validate` explains `ResourceHandlingOption`.
#[test]
fn a_filled_cli_skeleton_runs_without_warnings() {
    golden(
        "simulate-skeleton",
        &["simulate", "aws-skeleton.json", "--no-clock"],
        None,
    );
    golden(
        "simulate-skeleton-aws",
        &[
            "simulate",
            "aws-skeleton.json",
            "--no-clock",
            "--format",
            "aws",
        ],
        None,
    );
    golden(
        "validate-skeleton",
        &["validate", "aws-skeleton.json"],
        None,
    );
}

/// `--format aws` pages by `MaxItems`; the `Marker` of a truncated page gives the next one.
#[test]
fn aws_format_paginates() {
    golden(
        "simulate-aws-page-1",
        &[
            "simulate",
            "aws-page-1.json",
            "--no-clock",
            "--format",
            "aws",
        ],
        None,
    );
    golden(
        "simulate-aws-page-2",
        &[
            "simulate",
            "aws-page-2.json",
            "--no-clock",
            "--format",
            "aws",
        ],
        None,
    );
}

/// The AWS CLI reference's `simulate-custom-policy` example: AWS reports its statement at
/// line 1, columns 38 to 167; so does `--format aws`.
#[test]
fn aws_format_positions_match_the_aws_reference_example() {
    golden(
        "simulate-aws-reference",
        &[
            "simulate",
            "aws-reference-example.json",
            "--no-clock",
            "--format",
            "aws",
        ],
        None,
    );
}

/// Issue 12, item 6: a World role with `arn:aws:iam::aws:policy/ReadOnlyAccess` attached is
/// evaluated with that policy's document (the user's boundary is the AWS managed
/// `PowerUserAccess`); the trace names it "ReadOnlyAccess (AWS managed, v…)".
#[test]
fn aws_managed_policies_by_arn() {
    golden(
        "simulate-world-managed",
        &["simulate", "world-managed.json", "--no-clock"],
        None,
    );
    golden(
        "explain-world-managed",
        &["explain", "world-managed.json", "--no-clock"],
        None,
    );
}

/// An unknown managed policy name, or one without its path, is a positioned error with "did
/// you mean".
#[test]
fn unknown_managed_policies_are_errors_with_a_suggestion() {
    golden(
        "simulate-managed-typo",
        &["simulate", "managed-typo.json", "--no-clock"],
        None,
    );
    golden(
        "validate-managed-typo",
        &["validate", "managed-typo.json"],
        None,
    );
}

#[test]
fn input_that_is_not_utf8_exits_2_with_its_position() {
    // The file has a Latin-1 `é` (byte 0xE9) on line 4: the message points at it.
    golden("validate-not-utf8", &["validate", "not-utf8.json"], None);
    golden("simulate-not-utf8", &["simulate", "not-utf8.json"], None);
}

#[test]
fn explain_names_the_exemption_that_decides() {
    // SPEC §12.3: SCPs do not affect service-linked roles; §12.4: GetCallerIdentity needs no
    // permission. Both say so in the steps.
    golden(
        "explain-service-linked-role",
        &[
            "explain",
            "service-linked-role.json",
            "--no-clock",
            "--color",
            "never",
        ],
        None,
    );
}

#[test]
fn explain_shows_the_vpc_endpoint_layer() {
    // SPEC §12.7: the endpoint policy's gate, and aws:SourceVpce/aws:SourceVpc derived.
    golden(
        "explain-vpc-endpoint",
        &[
            "explain",
            "vpc-endpoint.json",
            "--no-clock",
            "--color",
            "never",
        ],
        None,
    );
    golden(
        "simulate-vpc-endpoint",
        &["simulate", "vpc-endpoint.json", "--no-clock"],
        None,
    );
}
