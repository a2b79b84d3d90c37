//! Channel economics on a hand-made order book: CAC, values, ratio, payback and verdicts.

mod common;

use common::{DAY, log};
use kunde_analytics::channels::{
    ChannelQuery, ChannelSpend, Verdict, channel_economics, customers_in_spend_months,
};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::{Grouping, Period};

fn at(m: u32, d: u32) -> i64 {
    days_from_civil(2024, m, d) * DAY
}

fn spend(channel: &str, month: u32, amount: f64) -> ChannelSpend {
    ChannelSpend {
        channel: channel.to_owned(),
        month: Period::Month.key_of(at(month, 1)),
        amount,
    }
}

#[test]
fn each_channel_gets_its_cost_value_payback_and_verdict() {
    let log = log(&format!(
        "ads1 {} order 50
         ads1 {} order 50
         ads2 {} order 30
         ads3 {} order 10      # acquired after the spend months: not in CAC
         friends1 {} order 80
         nobody {} order 99    # no channel: left out",
        at(1, 10),
        at(3, 5),
        at(2, 10),
        at(4, 2),
        at(1, 20),
        at(1, 5),
    ));
    let grouping = Grouping::from_fn(&log, |_, name| {
        ["ads", "friends"]
            .into_iter()
            .find(|c| name.starts_with(c))
            .map(str::to_owned)
    });
    let spends = [
        spend("ads", 1, 100.0),
        spend("ads", 2, 100.0),
        spend("print", 3, 50.0),
    ];
    // ads1 has a prediction of 20, nobody else.
    let predicted: Vec<Option<f64>> = (0..log.customer_count())
        .map(|c| (c == 0).then_some(20.0))
        .collect();
    let query = ChannelQuery {
        months: 12,
        ..ChannelQuery::new(at(6, 15))
    };
    let report = channel_economics(&log, &grouping, &spends, &predicted, &query);
    let names: Vec<&str> = report.iter().map(|c| c.channel.as_str()).collect();
    assert_eq!(names, ["ads", "friends", "print"]);

    let ads = &report[0];
    assert_eq!(
        (
            ads.new_customers,
            ads.new_customers_in_spend_months,
            ads.spend
        ),
        (3, 2, 200.0)
    );
    assert_eq!(ads.cac, Some(100.0));
    let historic = 140.0 / 3.0;
    assert!((ads.average_historic_value.unwrap() - historic).abs() < 1e-9);
    assert_eq!(ads.average_predicted_value, Some(20.0));
    assert!((ads.value_cost_ratio.unwrap() - (historic + 20.0) / 100.0).abs() < 1e-9);
    // Per customer by months since acquisition: ads3 is seen for 3 months (Apr–Jun), ads2
    // for 5, ads1 for 6; ads1's second order lands in its third month.
    let curve: Vec<Option<f64>> = ads.cumulative_revenue_per_customer[..7].to_vec();
    assert_eq!(
        curve,
        [
            Some(30.0),
            Some(30.0),
            Some(140.0 / 3.0),
            Some(65.0),
            Some(65.0),
            Some(100.0),
            None
        ]
    );
    assert_eq!(ads.payback_months, Some(6));
    assert_eq!(ads.verdict, Verdict::DoesNotPay);

    let friends = &report[1];
    assert_eq!(
        (friends.cac, friends.verdict),
        (None, Verdict::UnknownWithoutSpend)
    );
    assert_eq!(friends.average_historic_value, Some(80.0));
    assert_eq!(friends.verdict.code(), "unknown_without_spend");

    let print = &report[2];
    assert_eq!((print.new_customers, print.cac), (0, None));
    assert_eq!(print.verdict, Verdict::DoesNotPay);

    // A lower bar makes ads pay.
    let lenient = ChannelQuery {
        pays_at_ratio: 0.5,
        ..query
    };
    let again = channel_economics(&log, &grouping, &spends, &predicted, &lenient);
    assert_eq!(again[0].verdict, Verdict::Pays);

    let ids = customers_in_spend_months(&log, &grouping, &spends, "ads", at(6, 15));
    let names: Vec<&str> = ids.iter().map(|&c| log.customer_name(c)).collect();
    assert_eq!(names, ["ads1", "ads2"]);
}

proptest::proptest! {
    /// Every buyer with a channel is counted once; CAC's customers are among them; a
    /// channel's verdict is unknown exactly when it has no spend.
    #[test]
    fn channels_partition_the_buyers(
        orders in proptest::collection::vec((0u8..20, 0i64..400, 0u8..3), 0..120),
        spends in proptest::collection::vec((0u8..4, 0u32..12, 0u16..500), 0..10),
    ) {
        let mut b = kunde_analytics::EventLogBuilder::new();
        for &(c, day, amount) in &orders {
            b.push(&format!("c{c}"), at(1, 1) + day * DAY, "order", f64::from(amount)).unwrap();
        }
        let log = b.build();
        let grouping = Grouping::from_fn(&log, |id, _| (id.0 % 4 != 3).then(|| format!("ch{}", id.0 % 4)));
        let spends: Vec<ChannelSpend> = spends
            .iter()
            .map(|&(c, m, a)| spend(&format!("ch{c}"), m + 1, f64::from(a)))
            .collect();
        let now = at(1, 1) + 400 * DAY;
        let report = channel_economics(&log, &grouping, &spends, &[], &ChannelQuery::new(now));
        let buyers = log
            .customers()
            .filter(|e| e.customer.0 % 4 != 3 && e.amounts.iter().any(|&a| a > 0.0))
            .count() as u64;
        proptest::prop_assert_eq!(report.iter().map(|c| c.new_customers).sum::<u64>(), buyers);
        for c in &report {
            proptest::prop_assert!(c.new_customers_in_spend_months <= c.new_customers);
            let has_spend = spends.iter().any(|s| s.channel == c.channel);
            proptest::prop_assert_eq!(c.verdict == Verdict::UnknownWithoutSpend, !has_spend);
            proptest::prop_assert_eq!(c.average_predicted_value, None);
        }
    }
}
