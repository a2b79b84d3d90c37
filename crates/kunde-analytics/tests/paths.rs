//! Paths and Sankey flows, loops included, and where funnel drop-outs went.

mod common;

use common::{log, tps};
use kunde_analytics::funnel::Funnel;
use kunde_analytics::paths::{Direction, PathQuery, paths, paths_after_drop};

const JOURNEYS: &str = "
    ann 0 ad
    ann 1 site
    ann 2 cart
    ann 3 site      # back-step
    ann 4 buy
    bo 0 ad
    bo 1 site
    bo 2 site
    bo 3 cart
    cy 0 site
    cy 1 cart
    dan 5 review
";

fn query(anchor: Option<&str>, log: &kunde_analytics::EventLog) -> PathQuery {
    PathQuery {
        anchor: anchor.map(|a| log.touchpoint_id(a).unwrap()),
        direction: Direction::After,
        depth: 3,
        top: 10,
        collapse_repeats: false,
    }
}

#[test]
fn paths_after_an_anchor_keep_loops_and_back_steps() {
    let log = log(JOURNEYS);
    let report = paths(&log, &query(Some("site"), &log)).unwrap();
    assert_eq!(report.customers, 3);
    let top: Vec<(String, u64)> = report
        .top_paths
        .iter()
        .map(|p| (p.touchpoints.join(">"), p.customers))
        .collect();
    assert_eq!(
        top,
        [
            ("site>cart".to_owned(), 1),
            ("site>cart>site>buy".to_owned(), 1),
            ("site>site>cart".to_owned(), 1),
        ]
    );
    // Node "cart" at depth 1 holds ann and cy; the link site(0) → cart(1) carries both.
    let cart1 = report
        .nodes
        .iter()
        .find(|n| n.depth == 1 && n.touchpoint == "cart")
        .unwrap();
    assert_eq!(cart1.customers, 2);
    let site0 = report.nodes.iter().find(|n| n.depth == 0).unwrap();
    let link = report
        .links
        .iter()
        .find(|l| l.source == site0.id && l.target == cart1.id)
        .unwrap();
    assert_eq!(link.customers, 2);
    let collapsed = paths(
        &log,
        &PathQuery {
            collapse_repeats: true,
            ..query(Some("site"), &log)
        },
    )
    .unwrap();
    assert_eq!(collapsed.top_paths[0].touchpoints, ["site", "cart"]);
    assert_eq!(collapsed.top_paths[0].customers, 2);
}

#[test]
fn paths_before_walk_back_in_time() {
    let log = log(JOURNEYS);
    let q = PathQuery {
        direction: Direction::Before,
        depth: 2,
        ..query(Some("cart"), &log)
    };
    let report = paths(&log, &q).unwrap();
    let top: Vec<String> = report
        .top_paths
        .iter()
        .map(|p| p.touchpoints.join("<"))
        .collect();
    assert_eq!(top, ["cart<site", "cart<site<ad", "cart<site<site"]);
    let from_start = paths(&log, &query(None, &log)).unwrap();
    assert_eq!(from_start.customers, 4);
    assert!(paths(&log, &PathQuery { depth: 0, ..q }).is_err());
}

#[test]
fn where_did_funnel_drop_outs_go() {
    let log = log(JOURNEYS);
    let funnel = Funnel::new(tps(&log, &["site", "cart", "buy"]), 100).unwrap();
    let outcomes = funnel.evaluate(&log);
    // bo and cy reached the cart but did not buy.
    let report = paths_after_drop(&log, &funnel, &outcomes, 2, &query(None, &log)).unwrap();
    assert_eq!(report.customers, 2);
    let top: Vec<String> = report
        .top_paths
        .iter()
        .map(|p| p.touchpoints.join(">"))
        .collect();
    assert_eq!(top, ["cart"]);
    assert!(paths_after_drop(&log, &funnel, &outcomes, 3, &query(None, &log)).is_err());
}
