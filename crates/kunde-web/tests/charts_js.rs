//! The chart script (`assets/charts.js`) run in Node with a stand-in for the page and for
//! ECharts, so the option it hands ECharts is checked without a browser. Issue 17: the funnel
//! is drawn as horizontal bars with each step's name beside its bar, never over the counts.

use std::process::Command;

/// Runs charts.js on one `data-chart` element whose JSON is `data`, and returns the option
/// passed to ECharts as JSON (functions are replaced by what they return for the first data
/// item).
fn option_for(data: &str) -> serde_json::Value {
    let script = format!(
        r#"
const fs = require('fs');
let captured = null;
const el = {{ hidden: true, getAttribute: () => 'data' }};
global.window = {{
  echarts: {{ init: () => ({{ setOption: (o) => {{ captured = o; }}, resize: () => {{}} }}) }},
  addEventListener: () => {{}},
}};
global.document = {{
  readyState: 'complete',
  querySelectorAll: () => [el],
  getElementById: () => ({{ textContent: {data:?} }}),
  addEventListener: () => {{}},
}};
eval(fs.readFileSync({path:?}, 'utf8'));
const first = captured.series[0].data[0];
const label = captured.series[0].label;
captured.series[0].label = Object.assign({{}}, label, {{
  formatted: label.formatter({{ name: first.name, value: first.value, data: first }}),
}});
console.log(JSON.stringify(captured));
"#,
        data = data,
        path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/charts.js"),
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .output()
        .expect("node runs (it is installed for the browser tests)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the option as JSON")
}

#[test]
fn the_funnel_is_horizontal_bars_with_names_beside_them_and_counts_at_their_ends() {
    let option = option_for(
        r#"{"type":"funnel","label":"customers","steps":[
            {"name":"A very long name of the web shop's booking page","value":1200,"percent":"100"},
            {"name":"Call to book","value":300,"percent":"25"}]}"#,
    );
    let series = &option["series"][0];
    assert_eq!(series["type"], "bar", "{option}");
    assert_eq!(option["yAxis"]["type"], "category");
    assert_eq!(
        option["yAxis"]["data"],
        serde_json::json!([
            "A very long name of the web shop's booking page",
            "Call to book"
        ]),
        "the names are on the axis beside the bars"
    );
    assert_eq!(option["yAxis"]["inverse"], true, "the first step on top");
    assert_eq!(series["label"]["position"], "right");
    let label = series["label"]["formatted"].as_str().unwrap();
    assert_eq!(label, "1200 (100 %)");
    assert!(!label.contains("web shop"), "no name drawn over a count");
}
