//! Build script: records the engine's version and the IAM catalog's source version, so share
//! links can say which versions made them (`IAM_ENGINE_VERSION`, `IAM_CATALOG_VERSION`,
//! `IAM_MANAGED_VERSION` for the AWS managed policies).

use std::fs;

fn main() {
    let engine = "crates/engine/Cargo.toml";
    let catalog = "crates/engine/data/iam-catalog.txt";
    println!("cargo:rerun-if-changed={engine}");
    println!("cargo:rerun-if-changed={catalog}");
    let engine_version = fs::read_to_string(engine)
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.split('"').next())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "unknown".into());
    // The catalog's `source` line: `source<TAB>package<TAB>version<TAB>date`.
    let catalog_version = fs::read_to_string(catalog)
        .ok()
        .and_then(|t| {
            t.lines()
                .take(20)
                .find_map(|l| l.strip_prefix("source\t"))
                .and_then(|rest| rest.split('\t').nth(1))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "unknown".into());
    // The managed policies' `source` line: `source<TAB>package<TAB>version`.
    let managed = "crates/engine/data/aws-managed-policies.txt";
    println!("cargo:rerun-if-changed={managed}");
    let managed_version = fs::read_to_string(managed)
        .ok()
        .and_then(|t| {
            t.lines()
                .take(20)
                .find_map(|l| l.strip_prefix("source\t"))
                .and_then(|rest| rest.split('\t').nth(1))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=IAM_MANAGED_VERSION={managed_version}");
    println!("cargo:rustc-env=IAM_ENGINE_VERSION={engine_version}");
    println!("cargo:rustc-env=IAM_CATALOG_VERSION={catalog_version}");
}
