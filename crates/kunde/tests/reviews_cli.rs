//! `kunde import reviews FILE --preset …` run as the real binary: a file with bad rows is
//! refused line by line with a non-zero exit code, and a good file needs a review-site
//! touchpoint on a map (a new workspace has none) — the same path as the reviews page, whose
//! imports are tested in the web crate.

use std::path::Path;
use std::process::{Command, Output};

fn kunde(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kunde"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("KUNDE_TEST_PASSWORD", "correct horse battery")
        .env_remove("KUNDE_DATABASE_URL")
        .env_remove("KUNDE_CONFIG")
        .output()
        .expect("the kunde binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn bad_rows_are_named_and_reviews_need_a_review_site_touchpoint() {
    let dir = tempfile::tempdir().unwrap();
    let out = kunde(
        dir.path(),
        &[
            "user",
            "create",
            "--workspace",
            "Cykelsmeden",
            "--name",
            "Ole",
            "--email",
            "ole@cykelsmeden.test",
            "--role",
            "owner",
            "--password-env",
            "KUNDE_TEST_PASSWORD",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "source,author,rating,text,date,url\ngoogle,Ann,5,Fine,2026-01-01,\ngoogle,Bo,6,Hm,2026-01-02,\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    let args = [
        "import",
        "reviews",
        bad,
        "--preset",
        "generic",
        "--workspace-email",
        "ole@cykelsmeden.test",
    ];
    let out = kunde(dir.path(), &args);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3: '6' is not a rating from 1 to 5"),
        "{err}"
    );
    let good = dir.path().join("trustpilot.csv");
    std::fs::write(
        &good,
        "Review Id,Review Created (UTC),Review Stars,Review Content,Consumer Name\nt1,2026-01-01,4,Nice,Ann\n",
    )
    .unwrap();
    let good = good.to_str().unwrap();
    let args = [
        "import",
        "reviews",
        good,
        "--preset",
        "trustpilot",
        "--workspace-email",
        "ole@cykelsmeden.test",
    ];
    let out = kunde(dir.path(), &args);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("no journey has a touchpoint with the channel 'review site'"),
        "{err}"
    );
}
