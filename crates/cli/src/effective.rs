//! `iam-sim sweep FILE|-` (effective permissions over every catalog action) and
//! `iam-sim compare A B` (bounded testing of two policy sets for differing decisions).

use std::fmt::Write as _;

use iam_engine::catalog::Catalog;
use iam_engine::compare::{compare, Comparison};
use iam_engine::sweep::Sweep;
use iam_engine::{Options, Scenario};

use crate::api::Failure;
use crate::{parse_time, render_diags, usage_error, Env, Output};

struct Args {
    files: Vec<String>,
    json: bool,
    actions: bool,
    named: bool,
    limit: usize,
    now: Option<i64>,
}

fn parse_args(args: &[String], env: &Env, want: usize) -> Result<Args, String> {
    let mut out = Args {
        files: Vec::new(),
        json: false,
        actions: false,
        named: false,
        limit: 50,
        now: env.now_epoch_seconds,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => out.json = true,
            "--actions" if want == 1 => out.actions = true,
            "--named-resources" if want == 1 => out.named = true,
            "--no-clock" => out.now = None,
            "--now" => {
                let t = it.next().ok_or("--now needs a time")?;
                out.now = Some(parse_time(t).ok_or_else(|| format!("--now: `{t}` is not a time"))?);
            }
            "--limit" if want == 2 => {
                let n = it.next().ok_or("--limit needs a number")?;
                out.limit = n
                    .parse()
                    .map_err(|_| format!("--limit: `{n}` is not a number"))?;
            }
            f if out.files.len() < want && (f == "-" || !f.starts_with('-')) => {
                out.files.push(f.to_string());
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if out.files.len() < want {
        return Err(if want == 1 {
            "missing FILE (use - for standard input)".into()
        } else {
            "compare needs two scenario files, A and B".into()
        });
    }
    Ok(out)
}

/// Read and parse one scenario file (policy scenarios only).
fn load(file: &str, env: &Env) -> Result<Scenario, Output> {
    let name = if file == "-" { "<stdin>" } else { file };
    let text = crate::read_text(file, env)?;
    crate::api::policy_scenario(&text).map_err(|f| failed(&f, name))
}

fn failed(f: &Failure, name: &str) -> Output {
    Output {
        stderr: f.render(name),
        code: 2,
        ..Output::default()
    }
}

/// `iam-sim sweep FILE|- [--json] [--actions] [--named-resources] [--now TIME | --no-clock]`.
pub(crate) fn run_sweep(args: &[String], env: &Env) -> Output {
    let args = match parse_args(args, env, 1) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let file = args.files.first().cloned().unwrap_or_default();
    let name = if file == "-" {
        "<stdin>"
    } else {
        file.as_str()
    };
    let text = match crate::read_text(&file, env) {
        Ok(t) => t,
        Err(out) => return out,
    };
    let opts = Options {
        trace: false,
        now_epoch_seconds: args.now,
    };
    let swept = match crate::api::sweep(&text, &opts, args.named) {
        Ok(s) => s,
        Err(f) => return failed(&f, name),
    };
    let stderr = render_diags(name, &swept.warnings);
    let stdout = if args.json {
        let mut s = serde_json::to_string_pretty(&swept.sweep).unwrap_or_default();
        s.push('\n');
        s
    } else {
        match crate::api::catalog() {
            Ok(catalog) => render_sweep(&swept.scenario, catalog, &swept.sweep, args.actions),
            Err(f) => return failed(&f, name),
        }
    };
    Output {
        stdout,
        stderr,
        code: 0,
    }
}

fn render_sweep(s: &Scenario, catalog: &Catalog, r: &Sweep, actions: bool) -> String {
    let mut out = String::new();
    let src = catalog.source();
    let _ = writeln!(
        out,
        "sweep: {} catalog actions × {} resource{} = {} decisions (catalog {}@{})",
        r.counts.total,
        r.resources.len(),
        if r.resources.len() == 1 { "" } else { "s" },
        r.decisions,
        src.package,
        src.version
    );
    let _ = writeln!(
        out,
        "caller: {}",
        s.caller_arn.as_deref().unwrap_or("(unspecified)")
    );
    let _ = writeln!(out, "resources: {}", r.resources.join(", "));
    if !r.named_resources.is_empty() {
        let _ = writeln!(
            out,
            "named by the policies (tried with their service's actions): {}",
            r.named_resources.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "allowed {} · explicitly denied {} · implicitly denied {}",
        r.counts.allowed, r.counts.explicit_deny, r.counts.implicit_deny
    );
    let _ = writeln!(
        out,
        "(an action counts as allowed when some resource allows it)\n"
    );
    let shown: Vec<_> = r
        .services
        .iter()
        .filter(|s| s.counts.allowed + s.counts.explicit_deny > 0)
        .collect();
    if shown.is_empty() {
        let _ = writeln!(
            out,
            "no action of any service is allowed or explicitly denied"
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{:<22} {:>7} {:>6} {:>6}  allowed/total by access level",
        "SERVICE", "ALLOWED", "DENIED", "TOTAL"
    );
    for svc in &shown {
        let levels: Vec<String> = svc
            .levels
            .iter()
            .map(|l| {
                format!(
                    "{} {}/{}",
                    l.level.label(),
                    l.counts.allowed,
                    l.counts.total
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{:<22} {:>7} {:>6} {:>6}  {}",
            svc.prefix,
            svc.counts.allowed,
            svc.counts.explicit_deny,
            svc.counts.total,
            levels.join(", ")
        );
        if actions {
            for a in svc
                .actions
                .iter()
                .filter(|a| a.decision != iam_engine::EvalDecision::ImplicitDeny)
            {
                let on = match (&a.allowed_on, a.resource_free) {
                    (Some(r), _) => format!(" (on {r})"),
                    (None, true) => " (no resource types: on *)".to_string(),
                    (None, false) => String::new(),
                };
                let _ = writeln!(
                    out,
                    "    {:<12} {:<22} {}{on}",
                    a.decision.as_str(),
                    a.access_level.label(),
                    a.action
                );
            }
        }
    }
    out
}

/// `iam-sim compare A B [--json] [--limit N] [--now TIME | --no-clock]`; exit 1 when some
/// request is decided differently.
pub(crate) fn run_compare(args: &[String], env: &Env) -> Output {
    let args = match parse_args(args, env, 2) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let (fa, fb) = match args.files.as_slice() {
        [a, b] => (a.clone(), b.clone()),
        _ => return usage_error("compare needs two scenario files, A and B"),
    };
    let a = match load(&fa, env) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let b = match load(&fb, env) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let catalog = match crate::api::catalog() {
        Ok(c) => c,
        Err(f) => return failed(&f, &fa),
    };
    let opts = Options {
        trace: false,
        now_epoch_seconds: args.now,
    };
    let result = match compare(&a, &b, catalog, &opts) {
        Ok(r) => r,
        Err(e) => {
            let name = if e.side == 'A' { &fa } else { &fb };
            return Output {
                stderr: render_diags(name, &e.diagnostics),
                code: 2,
                ..Output::default()
            };
        }
    };
    let code = u8::from(!result.counterexamples.is_empty());
    let stdout = if args.json {
        let mut s = serde_json::to_string_pretty(&result).unwrap_or_default();
        s.push('\n');
        s
    } else {
        render_compare(&fa, &fb, &result, args.limit)
    };
    Output {
        stdout,
        stderr: String::new(),
        code,
    }
}

fn render_compare(fa: &str, fb: &str, r: &Comparison, limit: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "compare: A = {fa}, B = {fb}\n\
         BOUNDED TESTING, NOT A PROOF: only the requests below were tried; A and B may still \
         differ on others.\n\
         requests use A's caller, resource owner and context"
    );
    let _ = writeln!(
        out,
        "tried: {} actions ({} stand in for {} others that match the same action patterns on both sides, so are decided alike) × {} resources × {} context variants ({}) = {} requests; {} decisions made",
        r.actions,
        r.actions - r.unnamed_actions,
        r.unnamed_actions,
        r.resources.len(),
        r.grid_points,
        r.grid,
        r.requests,
        r.decisions
    );
    let _ = writeln!(out, "resources: {}", r.resources.join(", "));
    let _ = writeln!(
        out,
        "context keys varied: {}",
        if r.context_keys.is_empty() {
            "none (no condition on either side)".to_string()
        } else {
            r.context_keys.join(", ")
        }
    );
    if r.counterexamples.is_empty() {
        let _ = writeln!(out, "\nno difference found on the requests tried");
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} requests differ: only A allows {}, only B allows {}, both deny but differently {}",
        r.only_a_allows + r.only_b_allows + r.deny_kind_differs,
        r.only_a_allows,
        r.only_b_allows,
        r.deny_kind_differs
    );
    let _ = writeln!(
        out,
        "\ncounterexamples ({} of {}):",
        r.counterexamples.len().min(limit),
        r.counterexamples.len()
    );
    for c in r.counterexamples.iter().take(limit) {
        let ctx = if c.context.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = c
                .context
                .iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => format!("{k} absent"),
                })
                .collect();
            format!(" with {}", parts.join(", "))
        };
        let others = if c.same_for_other_actions > 0 {
            format!(
                " (and {} other actions decided alike)",
                c.same_for_other_actions
            )
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {} on {}{ctx}{others}", c.action, c.resource);
        for (side, s) in [("A", &c.a), ("B", &c.b)] {
            let by = if s.statements.is_empty() {
                String::new()
            } else {
                format!("  by {}", s.statements.join(", "))
            };
            let _ = writeln!(out, "    {side}: {}{by}", s.decision.as_str());
        }
    }
    out
}
