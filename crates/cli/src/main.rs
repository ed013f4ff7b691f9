//! `iam-sim`: simulate, explain and validate IAM scenarios from the command line.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdin = Vec::new();
    let needs_stdin = args.iter().any(|a| a == "-");
    if needs_stdin && std::io::stdin().read_to_end(&mut stdin).is_err() {
        eprintln!("-: cannot read standard input");
        return ExitCode::from(2);
    }
    let env = iam_cli::Env {
        stdin,
        color_default: std::io::stdout().is_terminal(),
        now_epoch_seconds: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok()),
    };
    let out = iam_cli::run(&args, &env);
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    ExitCode::from(out.code)
}
