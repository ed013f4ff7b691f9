//! The `iam-sim` command line as a library: argument handling and output, with no process I/O,
//! so it can be tested directly. `main.rs` only reads the environment and prints.

pub mod api;
mod effective;
mod evaluate;
mod explain;
mod test_cmd;
mod validate;

pub use evaluate::{evaluate, Evaluated};
use iam_engine::{Diagnostic, Options};

/// What the process provides.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// Standard input, as bytes (read when a file argument is `-`).
    pub stdin: Vec<u8>,
    /// Whether colour is on unless `--color` says otherwise (stdout is a terminal).
    pub color_default: bool,
    /// The wall clock, as UNIX seconds.
    pub now_epoch_seconds: Option<i64>,
}

/// What the process should print and return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code: 0 success, 1 validation errors, 2 bad input or usage.
    pub code: u8,
}

const USAGE: &str = "\
iam-sim: evaluate AWS IAM policies offline

USAGE:
    iam-sim simulate FILE|- [--trace | --format aws] [--now TIME | --no-clock]
    iam-sim explain  FILE|- [--now TIME | --no-clock] [--color auto|always|never]
    iam-sim validate FILE|- [--type identity|resource|trust|boundary|scp|rcp|session|vpce] [--json]
    iam-sim sweep    FILE|- [--actions] [--named-resources] [--json] [--now TIME | --no-clock]
    iam-sim compare  A B [--limit N] [--json] [--now TIME | --no-clock]
    iam-sim test     FILE|DIR... [--format text|tap|junit] [--allow-unchecked] [--now TIME | --no-clock]

FILE is a scenario: the `aws iam simulate-custom-policy --cli-input-json` input (SCP levels in
OrderedOrganizationPolicyInputList), plus ResourceControlPolicyInputList,
SessionPolicyInputList, VpcEndpointPolicyInputList/VpcEndpointId/VpcId (a request through a
VPC endpoint), ManagementAccount and KeyManager (what SCPs and RCPs skip), or a World; a policy
may be an AWS managed policy's ARN (arn:aws:iam::aws:policy/NAME).

  simulate   print one result per (action, resource) as JSON (--trace adds the trace);
             --format aws prints AWS's current response instead: one result per action with
             ResourceSpecificResults, paginated by the scenario's MaxItems (default 100) and
             Marker
  explain    print a readable trace with source snippets
  validate   check a scenario, or one policy of --type (default identity), against the policy
             grammar, the AWS service catalog and best practices: one finding per line as
             FILE:LINE:COL: KIND CODE: message (--json for machines); exit 1 on any ERROR
  sweep      effective permissions: every catalog action against the scenario's resources and
             context, counted by service and access level (--actions lists the allowed and
             explicitly denied ones; --named-resources also tries each service's actions on
             the ARNs the policies name for it)
  compare    bounded testing, not a proof: catalog actions × representative resources × a
             grid of context values from both sides' conditions, with A's caller; prints the
             requests A and B decide differently (first --limit, default 50); exit 1 if any
  test       run the scenarios of .json files and the <pre class=iam-playground> and
             <iam-playground> examples of .html, .htm and .md files (folders are searched)
             and check their `Expected` decisions: one line per expectation and a summary (--format tap|junit for CI);
             exit 1 on a wrong decision or an example without `Expected` (unless
             --allow-unchecked), 2 when an example cannot be read

  --now TIME   request time for aws:CurrentTime/aws:EpochTime (ISO 8601 or epoch seconds;
               default: the system clock)
  --no-clock   leave aws:CurrentTime/aws:EpochTime out unless the scenario gives them

Exit status: 0 on success, 2 on bad input (messages on stderr as FILE:LINE:COL: message);
validate exits 1 when it finds an ERROR; compare exits 1 when A and B decide a request differently;
test exits 1 when an expectation fails.
";

struct Args {
    command: String,
    file: String,
    trace: bool,
    /// `--format aws`: AWS's current response shape.
    aws_format: bool,
    now: Option<i64>,
    color: bool,
}

fn parse_args(args: &[String], env: &Env) -> Result<Args, String> {
    let mut it = args.iter();
    let command = it.next().ok_or("missing command")?.clone();
    let mut file = None;
    let mut trace = false;
    let mut aws_format = false;
    let mut now = env.now_epoch_seconds;
    let mut color = env.color_default;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--trace" => trace = true,
            "--format" => {
                aws_format = match it.next().map(String::as_str) {
                    Some("aws") => true,
                    Some("results") => false,
                    _ => return Err("--format takes aws or results".into()),
                }
            }
            "--no-clock" => now = None,
            "--now" => {
                let t = it.next().ok_or("--now needs a time")?;
                now = Some(parse_time(t).ok_or_else(|| format!("--now: `{t}` is not a time"))?);
            }
            "--color" => {
                color = match it.next().map(String::as_str) {
                    Some("always") => true,
                    Some("never") => false,
                    Some("auto") => env.color_default,
                    _ => return Err("--color takes auto, always or never".into()),
                }
            }
            f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f.to_string()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let file = file.ok_or("missing FILE (use - for standard input)")?;
    if aws_format && (trace || command != "simulate") {
        return Err(
            "--format aws is for `simulate` without --trace (AWS's response has no trace)".into(),
        );
    }
    Ok(Args {
        command,
        file,
        trace,
        aws_format,
        now,
        color,
    })
}

/// A time given on the command line: epoch seconds or RFC 3339 (`2026-01-01T00:00:00Z`), as
/// UNIX seconds.
pub fn parse_time(t: &str) -> Option<i64> {
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    let dt = time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()?;
    Some(dt.unix_timestamp())
}

/// Run `iam-sim` with the given arguments (without the program name).
pub fn run(args: &[String], env: &Env) -> Output {
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        let code = if args.is_empty() { 2 } else { 0 };
        return Output {
            stdout: if code == 0 {
                USAGE.into()
            } else {
                String::new()
            },
            stderr: if code == 0 {
                String::new()
            } else {
                USAGE.into()
            },
            code,
        };
    }
    if args.iter().any(|a| a == "--version" || a == "-V") {
        return Output {
            stdout: format!("iam-sim {}\n", env!("CARGO_PKG_VERSION")),
            ..Output::default()
        };
    }
    if args.first().map(String::as_str) == Some("validate") {
        return validate::run(args.get(1..).unwrap_or_default(), env);
    }
    match args.first().map(String::as_str) {
        Some("sweep") => return effective::run_sweep(args.get(1..).unwrap_or_default(), env),
        Some("compare") => return effective::run_compare(args.get(1..).unwrap_or_default(), env),
        Some("test") => return test_cmd::run(args.get(1..).unwrap_or_default(), env),
        _ => {}
    }
    let args = match parse_args(args, env) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let text = match read_text(&args.file, env) {
        Ok(t) => t,
        Err(out) => return out,
    };
    match args.command.as_str() {
        "simulate" | "explain" => command(&args, &text),
        other => usage_error(&format!("unknown command `{other}`")),
    }
}

/// The text of `file` (`-`: standard input). A file that cannot be read, or is not UTF-8, is
/// bad input (exit 2); for the latter the message gives the line and column (in characters) of
/// the first byte that is not UTF-8.
pub(crate) fn read_text(file: &str, env: &Env) -> Result<String, Output> {
    let name = if file == "-" { "<stdin>" } else { file };
    let bytes = if file == "-" {
        env.stdin.clone()
    } else {
        std::fs::read(file).map_err(|e| Output {
            stderr: format!("{file}: cannot read: {e}\n"),
            code: 2,
            ..Output::default()
        })?
    };
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let (line, column) = position(bytes, at);
        let byte = bytes.get(at).copied().unwrap_or_default();
        Output {
            stderr: format!(
                "{name}:{line}:{column}: not UTF-8: byte 0x{byte:02X} does not start or continue a UTF-8 character (scenarios and policies are UTF-8 JSON; convert the file, e.g. `iconv -f latin1 -t utf-8`)\n"
            ),
            code: 2,
            ..Output::default()
        }
    })
}

/// 1-based line and column (in characters) of byte `at` in `bytes`, whose first `at` bytes
/// are valid UTF-8.
fn position(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

fn usage_error(message: &str) -> Output {
    Output {
        stderr: format!("iam-sim: {message}\n\n{USAGE}"),
        code: 2,
        ..Output::default()
    }
}

fn command(args: &Args, text: &str) -> Output {
    let name = if args.file == "-" {
        "<stdin>"
    } else {
        args.file.as_str()
    };
    let opts = Options {
        trace: args.trace || args.command == "explain",
        now_epoch_seconds: args.now,
    };
    let Evaluated {
        outcome,
        policies,
        input,
        page,
        ..
    } = match evaluate(text, &opts) {
        Ok(e) => e,
        Err(diags) => {
            return Output {
                stderr: render_diags(name, &diags),
                code: 2,
                ..Output::default()
            }
        }
    };
    let stderr = render_diags(name, &outcome.diagnostics);
    if args.command == "explain" {
        let what_if = explain::what_if(&input, &opts);
        let stdout = explain::render(&policies, &outcome, args.color, &what_if);
        return Output {
            stdout,
            stderr,
            code: 0,
        };
    }
    let mut stdout = if args.aws_format {
        let results = outcome.results.as_deref().unwrap_or_default();
        let catalog = api::catalog().ok();
        match iam_engine::simulate::aws::aws_response(results, catalog, page) {
            Ok(response) => serde_json::to_string_pretty(&response).unwrap_or_default(),
            Err(e) => {
                return Output {
                    stderr: format!("{stderr}{name}: error: {e}\n"),
                    code: 2,
                    ..Output::default()
                }
            }
        }
    } else {
        serde_json::to_string_pretty(&outcome).unwrap_or_default()
    };
    stdout.push('\n');
    Output {
        stdout,
        stderr,
        code: 0,
    }
}

/// `FILE:LINE:COL: severity: message [policy]` lines.
pub fn render_diags(file: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let pos = match (d.file_span, d.span, &d.policy_id) {
            (Some(s), _, _) => format!("{file}:{}:{}", s.start_line, s.start_column),
            (None, Some(s), Some(id)) => format!("{file}:{id}:{}:{}", s.start_line, s.start_column),
            (None, Some(s), None) => format!("{file}:{}:{}", s.start_line, s.start_column),
            (None, None, _) => file.to_string(),
        };
        let sev = if d.is_error() { "error" } else { "warning" };
        let within = match (&d.policy_id, d.span) {
            (Some(id), Some(s)) => format!(" [{id} {}:{}]", s.start_line, s.start_column),
            _ => String::new(),
        };
        out.push_str(&format!("{pos}: {sev}: {}{within}\n", d.message));
        if let Some(h) = &d.help {
            out.push_str(&format!("  help: {h}\n"));
        }
    }
    out
}
