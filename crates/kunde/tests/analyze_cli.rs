//! `kunde analyze` run as the real binary on small files (issue 20's command-line part):
//! JSON names customers by the file's ids, `clv` reads the `lifetimes` package's column
//! names and runs without spend, and `churn` and `revenue` answer like the others.

use std::path::Path;
use std::process::Command;

fn analyze(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_kunde"))
        .arg("analyze")
        .args(args)
        .arg("--json")
        .output()
        .expect("the kunde binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).expect("JSON output")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const EVENTS: &str = "customer_id,timestamp,touchpoint,amount
9007199254740993,2023-01-05,order,100
9007199254740993,2023-02-10,order,50
9007199254740993,2024-01-20,order,70
42,2023-01-20,order,30
42,2023-01-21,visit,
77,2023-03-01,order,20
77,2024-03-15,order,25
";

#[test]
fn json_names_customers_by_the_ids_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "events.csv", EVENTS);
    let funnel = analyze(&["funnel", &file, "--steps", "order,visit", "--window", "30d"]);
    assert_eq!(
        funnel["steps"][0]["dropped_customers"],
        serde_json::json!(["9007199254740993", "77"])
    );
    let rfm = analyze(&["rfm", &file]);
    assert_eq!(rfm["customers"][0]["customer"], "9007199254740993");
    assert_eq!(rfm["customers"][1]["customer"], "42");
}

#[test]
fn churn_and_revenue_answer_from_an_event_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "events.csv", EVENTS);
    let churn = analyze(&[
        "churn",
        &file,
        "--threshold-days",
        "90",
        "--now",
        "2024-04-01",
    ]);
    assert_eq!(churn["threshold_days"], 90);
    assert_eq!(churn["proposal"]["basis"]["code"], "too_few_gaps");
    // Everyone left at least once within the first year: 42 at day 90, 77 at day 90 and
    // 9007199254740993 at day 36 + 90 = 126.
    assert_eq!(churn["survival"]["curve"]["events"], 3);
    assert_eq!(churn["survival"]["after_years"][0]["survival"], 0.0);
    let months = churn["lifecycle"]["periods"].as_array().unwrap();
    assert_eq!(months[0]["period"], "2023-01");
    assert_eq!(months[0]["new"], 2);
    let resurrected: u64 = months
        .iter()
        .map(|m| m["resurrected"].as_u64().unwrap())
        .sum();
    assert_eq!(resurrected, 2);

    let revenue = analyze(&["revenue", &file, "--period", "year"]);
    let years = revenue["periods"].as_array().unwrap();
    assert_eq!(years.len(), 2);
    assert_eq!(years[0]["period"], "2023");
    assert_eq!(years[0]["new_revenue"], 150.0);
    assert_eq!(years[1]["repeat_revenue"], 95.0);
    // 2023: 150 new + 50 repeat; 2024: 0 new + 95 repeat.
    assert_eq!(years[1]["yoy_repeat_growth_percent"], 90.0);
    assert_eq!(years[1]["yoy_new_growth_percent"], -100.0);
}

#[test]
fn clv_reads_lifetimes_files_and_runs_without_spend() {
    let dir = tempfile::tempdir().unwrap();
    let cdnow = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../kunde-analytics/tests/data/cdnow_customers_summary.csv"
    ))
    .unwrap();
    // `lifetimes`' own summary files call the id column `ID` and may have no spend.
    let no_spend: String = std::iter::once("ID,frequency,recency,T".to_owned())
        .chain(cdnow.lines().skip(1).map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            cells[..4].join(",")
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let file = write(dir.path(), "summary.csv", &no_spend);
    let report = analyze(&["clv", &file]);
    assert!(report["gamma_gamma"].is_null());
    assert!(
        report["spend_note"]
            .as_str()
            .unwrap()
            .contains("monetary_value")
    );
    // Fader, Hardie & Lee (2005): r = 0.243 on CDNOW.
    let r = report["bgnbd"]["params"]["r"].as_f64().unwrap();
    assert!((r - 0.2426).abs() < 1e-3, "{r}");
    let first = &report["customers"][0];
    assert!(
        first["lifetime_value"].is_null() && first["expected_purchases"].as_f64().unwrap() > 0.0
    );

    let with_spend = write(dir.path(), "spend.csv", &cdnow);
    let report = analyze(&["clv", &with_spend]);
    assert!(report["gamma_gamma"]["params"]["q"].as_f64().unwrap() > 1.0);
    assert!(report["customers"][0]["lifetime_value"].as_f64().unwrap() > 0.0);
}
