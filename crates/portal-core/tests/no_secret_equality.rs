//! Secrets, MACs, hashes and tokens are compared in constant time only
//! (`Mac::verify_slice`) or looked up by their hash. This test fails when any
//! Rust source of the project compares such a value with `==` or `!=`.

use std::path::{Path, PathBuf};

const SENSITIVE: &[&str] = &["hash", "token", "mac", "secret", "signature", "digest"];

#[test]
fn no_equality_on_secret_material() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files: Vec<PathBuf> = rust_files(&crates).into_iter().filter(|f| !is_test_code(f)).collect();
    assert!(files.len() > 20, "the scan found too few sources ({}): is the path right?", files.len());
    let mut offenders = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if compares_secret_material(line) {
                offenders.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "compare secret material in constant time, not with ==/!=:\n{}",
        offenders.join("\n")
    );
}

/// Whether a line compares something named like secret material: a clause
/// (between `&&`/`||`) that holds `==` or `!=` and names such a value.
/// Deliberately broad: a false alarm costs a rename, a miss costs a leak.
/// Length checks (`x.len() == N`) leak nothing and pass.
fn compares_secret_material(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or_default().to_lowercase();
    code.split("&&").flat_map(|c| c.split("||")).any(|clause| {
        (clause.contains("==") || clause.contains("!="))
            && !clause.contains(".len()")
            && SENSITIVE.iter().any(|word| clause.contains(word))
    })
}

/// Test code may compare expected values; it never handles live secrets.
fn is_test_code(file: &Path) -> bool {
    file.components().any(|c| c.as_os_str() == "tests" || c.as_os_str() == "benches")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("target") {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_scan_flags_comparisons_and_nothing_else() {
    assert!(compares_secret_material("if expected_hash == received {"));
    assert!(compares_secret_material("    ok = token.as_str() != other;"));
    assert!(compares_secret_material("if a == secret.value {"));
    assert!(!compares_secret_material("if count == 3 {"));
    assert!(!compares_secret_material("let hash = sign(secret); // a == b"));
    assert!(!compares_secret_material("let ok = hash.len() == 64;"));
}
