//! Benchmarks of the analytics core on synthetic data, printed as plain figures.
//!
//! `cargo bench -p kunde-analytics` runs funnel and retention over 1M and 10M events
//! (add 50M with `KUNDE_BENCH_SIZES=1000000,10000000,50000000`) and BG/NBD plus
//! Gamma-Gamma fits on CDNOW and on 1M synthetic customers. With `KUNDE_BENCH_DATA=dir`
//! it also writes the generated data and Kunde's answers there, so `bench/run.sh` can run
//! the same queries in chDB, DuckDB and `lifetimes` and compare.
//!
//! A second generated set (`wide/mod.rs`: 64-bit customer ids, 20 touchpoints) runs at the
//! sizes in `KUNDE_BENCH_WIDE_SIZES` (10M by default; empty skips it); `--wide-only` runs
//! only that set.

use std::io::Write;
use std::time::Instant;

use kunde_analytics::clv::{CustomerSummary, FitOptions, fit_bgnbd, fit_gamma_gamma};
use kunde_analytics::funnel::Funnel;
use kunde_analytics::retention::{RetentionQuery, retention};
use kunde_analytics::{CustomerId, EventLogBuilder, Period, TouchpointId};

mod wide;

/// A small fixed-seed generator (SplitMix64), so every run sees the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const TOUCHPOINTS: u16 = 8;
const START: i64 = 1_704_067_200; // 2024-01-01

/// Journeys that move forward through 8 touchpoints but often go back to an earlier one
/// or jump anywhere; about 10 events per customer over up to four months. Returned in a
/// shuffled order, as a real import would arrive.
fn journeys(events: usize, seed: u64) -> (Vec<u32>, Vec<i64>, Vec<u16>) {
    let mut rng = Rng(seed);
    let (mut cs, mut ts, mut tps) = (
        Vec::with_capacity(events),
        Vec::with_capacity(events),
        Vec::with_capacity(events),
    );
    let mut customer = 0u32;
    while cs.len() < events {
        let count = (1 + rng.below(19) as usize).min(events - cs.len());
        let mut t = START + rng.below(120 * 86_400) as i64;
        let mut tp = 0u16;
        for _ in 0..count {
            cs.push(customer);
            ts.push(t);
            tps.push(tp);
            let u = rng.unit();
            tp = if u < 0.6 {
                (tp + 1).min(TOUCHPOINTS - 1)
            } else if u < 0.85 {
                rng.below(u64::from(tp) + 1) as u16
            } else {
                rng.below(u64::from(TOUCHPOINTS)) as u16
            };
            t += if rng.unit() < 0.8 {
                rng.below(6 * 3600) as i64
            } else {
                rng.below(20 * 86_400) as i64
            };
        }
        customer += 1;
    }
    for i in (1..cs.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        cs.swap(i, j);
        ts.swap(i, j);
        tps.swap(i, j);
    }
    (cs, ts, tps)
}

fn write_column<T: Copy>(path: &str, values: &[T], to_bytes: impl Fn(T) -> Vec<u8>) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for &v in values {
        out.write_all(&to_bytes(v)).expect("write");
    }
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// Runs for the CPU-time figures: the process CPU time is counted in 10 ms ticks, so one
/// run of a 50 ms query would be too coarse.
const CPU_RUNS: usize = 5;

/// Mean CPU seconds (all threads) of `CPU_RUNS` runs of `f`.
fn cpu_per_run<R>(mut f: impl FnMut() -> R) -> f64 {
    let c = cpu_seconds();
    for _ in 0..CPU_RUNS {
        std::hint::black_box(f());
    }
    (cpu_seconds() - c) / CPU_RUNS as f64
}

/// CPU seconds used so far by this process, all threads (user + system, Linux only, in
/// clock ticks of 10 ms): on a shared machine the wall times depend on the load, the CPU
/// time much less.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let fields: Vec<f64> = s[s.rfind(')')? + 2..]
                .split(' ')
                .skip(11)
                .take(2)
                .filter_map(|f| f.parse().ok())
                .collect();
            (fields.len() == 2).then(|| (fields[0] + fields[1]) / 100.0)
        })
        .unwrap_or(f64::NAN)
}

fn bench_events(n: usize, data_dir: Option<&str>) {
    let (cs, ts, tps) = journeys(n, 42);
    let customers = cs.iter().max().map_or(0, |&c| c as usize + 1);
    if let Some(dir) = data_dir {
        write_column(&format!("{dir}/events_{n}.customer.u32"), &cs, |v| {
            v.to_le_bytes().to_vec()
        });
        write_column(&format!("{dir}/events_{n}.time.u32"), &ts, |v| {
            (v as u32).to_le_bytes().to_vec()
        });
        write_column(&format!("{dir}/events_{n}.touchpoint.u16"), &tps, |v| {
            v.to_le_bytes().to_vec()
        });
    }
    // Interning happens while reading; the build measured here sorts and packs the columns.
    let load = |order: &[usize]| {
        let mut builder = EventLogBuilder::with_capacity(n);
        for c in 0..customers {
            builder.customer(&c.to_string());
        }
        for tp in 0..TOUCHPOINTS {
            builder
                .touchpoint(&format!("t{tp}"))
                .expect("few touchpoints");
        }
        for &i in order {
            builder
                .push_ids(CustomerId(cs[i]), ts[i], TouchpointId(tps[i]), 0.0)
                .expect("known ids");
        }
        builder
    };
    // Events as a store delivers them from its (customer, time) index.
    let mut sorted_order: Vec<usize> = (0..n).collect();
    sorted_order.sort_unstable_by_key(|&i| (cs[i], ts[i], tps[i]));
    let builder = load(&sorted_order);
    drop(sorted_order);
    let c = cpu_seconds();
    let t = Instant::now();
    let sorted_log = builder.build();
    let cpu_build_sorted = cpu_seconds() - c;
    let build_sorted = secs(t);
    drop(sorted_log);
    let builder = load(&(0..n).collect::<Vec<_>>());
    drop((cs, ts, tps));
    let c = cpu_seconds();
    let t = Instant::now();
    let log = builder.build();
    let build = secs(t);
    let cpu_build = cpu_seconds() - c;
    let funnel = Funnel::new((0..4).map(TouchpointId).collect(), 86_400).expect("valid funnel");
    // What `windowFunnel` returns: the number of customers at each level.
    let t = Instant::now();
    let levels = funnel.count_levels(&log);
    let funnel_time = secs(t);
    let cpu_funnel = cpu_per_run(|| funnel.count_levels(&log));
    // The full report: counts, drop-off, dropped customers, step-time median and p90.
    let t = Instant::now();
    let report = funnel.report(&log);
    let report_time = secs(t);
    let cpu_report = cpu_per_run(|| funnel.report(&log));
    let reached: Vec<u64> = (1..levels.len())
        .map(|k| levels[k..].iter().sum())
        .collect();
    let steps: Vec<u64> = report.steps.iter().map(|s| s.customers).collect();
    assert_eq!(reached, steps, "level counts and report agree");
    let now = START + 200 * 86_400;
    let t = Instant::now();
    let query = RetentionQuery {
        period: Period::Week,
        cohort_event: None,
        return_event: None,
        periods: 8,
        now,
    };
    let cohorts = retention(&log, &query);
    let retention_time = secs(t);
    let cpu_retention = cpu_per_run(|| retention(&log, &query));
    println!(
        "events {n:>9}  customers {:>8}  build {build:.3} s (pre-sorted input {build_sorted:.3} s)  \
         funnel levels {funnel_time:.3} s  funnel report {report_time:.3} s  retention {retention_time:.3} s  \
         {:.2} bytes/event\n    CPU seconds (all threads): build {cpu_build:.2} (pre-sorted {cpu_build_sorted:.2})  \
         per run of {CPU_RUNS}: funnel levels {cpu_funnel:.3}  funnel report {cpu_report:.3}  retention {cpu_retention:.3}",
        log.customer_count(),
        log.bytes_per_event()
    );
    if let Some(dir) = data_dir {
        let rows: Vec<String> = cohorts
            .cohorts
            .iter()
            .map(|c| {
                let week = Period::Week.key_of(c.cohort.start()).index;
                let active: Vec<String> = c
                    .active
                    .iter()
                    .map(|a| a.unwrap_or(0).to_string())
                    .collect();
                format!("\"{week}\": [{}]", active.join(", "))
            })
            .collect();
        let json = format!(
            "{{\"events\": {n}, \"build\": {build}, \"build_sorted\": {build_sorted}, \"funnel\": {funnel_time}, \
             \"funnel_report\": {report_time}, \"retention\": {retention_time}, \
             \"cpu\": {{\"build\": {cpu_build}, \"build_sorted\": {cpu_build_sorted}, \"funnel\": {cpu_funnel}, \
             \"funnel_report\": {cpu_report}, \"retention\": {cpu_retention}}}, \"cpu_runs\": {CPU_RUNS}, \
             \"bytes_per_event\": {}, \"funnel_steps\": {steps:?}, \"cohorts\": {{{}}}}}\n",
            log.bytes_per_event(),
            rows.join(", ")
        );
        std::fs::write(format!("{dir}/kunde_{n}.json"), json).expect("write results");
    }
}

/// Customers drawn from a BG/NBD process with known parameters, observed for 52 weeks at
/// daily resolution (so many customers share the same (x, t_x, T)), with Gamma-Gamma spend.
fn synthetic_customers(n: usize, seed: u64) -> Vec<CustomerSummary> {
    let mut rng = Rng(seed);
    // Gamma(shape, 1) by Marsaglia–Tsang (shape ≥ 1; boosted for shape < 1).
    fn gamma(rng: &mut Rng, shape: f64) -> f64 {
        if shape < 1.0 {
            return gamma(rng, shape + 1.0) * rng.unit().max(1e-300).powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let (u1, u2) = (rng.unit().max(1e-300), rng.unit());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            let v = (1.0 + c * z).powi(3);
            if v > 0.0 && rng.unit().max(1e-300).ln() < 0.5 * z * z + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
    let (r, alpha, a, b) = (0.25, 4.0, 0.8, 2.5);
    let (p, q, g) = (6.0, 4.0, 15.0);
    (0..n)
        .map(|_| {
            let lambda = gamma(&mut rng, r) / alpha;
            let ga = gamma(&mut rng, a);
            let dropout = ga / (ga + gamma(&mut rng, b));
            let big_t = f64::from(1 + rng.below(364) as u32) / 7.0;
            let nu = gamma(&mut rng, q) / g;
            let (mut t, mut x, mut last) = (0.0, 0.0, 0.0);
            let mut spend = 0.0;
            loop {
                t += -rng.unit().max(1e-300).ln() / lambda;
                if t > big_t {
                    break;
                }
                let day = (t * 7.0).floor() / 7.0;
                x += 1.0;
                last = day;
                spend += gamma(&mut rng, p) / nu;
                if rng.unit() < dropout {
                    break;
                }
            }
            let monetary = if x > 0.0 { spend / x } else { 0.0 };
            CustomerSummary::new(x, last.min(big_t), big_t, monetary).expect("valid")
        })
        .collect()
}

/// Fits both models and prints the parameters; returns the BG/NBD and Gamma-Gamma times
/// and the BG/NBD fit's mean CPU time.
fn bench_clv(name: &str, customers: &[CustomerSummary]) -> (f64, f64, f64) {
    let t = Instant::now();
    let bg = fit_bgnbd(customers, &FitOptions::default());
    let bg_time = secs(t);
    let t = Instant::now();
    let gg = fit_gamma_gamma(customers, &FitOptions::default());
    let gg_time = secs(t);
    match (bg, gg) {
        (Ok(bg), Ok(gg)) => println!(
            "clv {name}: {} customers ({} distinct)  BG/NBD {bg_time:.3} s r={:.4} alpha={:.4} a={:.4} b={:.4} ll={:.1}  \
             Gamma-Gamma {gg_time:.3} s p={:.4} q={:.4} gamma={:.4}",
            customers.len(),
            bg.distinct_customers,
            bg.params.r,
            bg.params.alpha,
            bg.params.a,
            bg.params.b,
            bg.log_likelihood,
            gg.params.p,
            gg.params.q,
            gg.params.gamma
        ),
        (bg, gg) => println!("clv {name}: fit failed: {:?} {:?}", bg.err(), gg.err()),
    }
    let bg_cpu = cpu_per_run(|| fit_bgnbd(customers, &FitOptions::default()));
    (bg_time, gg_time, bg_cpu)
}

fn main() {
    let data_dir = std::env::var("KUNDE_BENCH_DATA").ok();
    let sizes = std::env::var("KUNDE_BENCH_SIZES").unwrap_or_else(|_| "1000000,10000000".into());
    let wide_sizes = std::env::var("KUNDE_BENCH_WIDE_SIZES").unwrap_or_else(|_| "10000000".into());
    let wide_only = std::env::args().any(|a| a == "--wide-only");
    // `--clv-only` skips the event benchmarks, `--events-only` the CLV fits.
    if !std::env::args().any(|a| a == "--clv-only") {
        if !wide_only {
            for n in sizes.split(',').filter_map(|s| s.trim().parse().ok()) {
                bench_events(n, data_dir.as_deref());
            }
        }
        for n in wide_sizes.split(',').filter_map(|s| s.trim().parse().ok()) {
            wide::bench(n, data_dir.as_deref());
        }
    }
    if wide_only {
        return;
    }
    let cdnow: Vec<CustomerSummary> = include_str!("../tests/data/cdnow_customers_summary.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|x| x.parse().expect("number")).collect();
            CustomerSummary::new(v[1], v[2], v[3], v[4]).expect("valid")
        })
        .collect();
    if std::env::args().any(|a| a == "--events-only") {
        return;
    }
    let cdnow_times = bench_clv("cdnow", &cdnow);
    let synthetic = synthetic_customers(1_000_000, 7);
    if let Some(dir) = &data_dir {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(format!("{dir}/clv_1m.csv")).expect("create"),
        );
        writeln!(out, "customer_id,frequency,recency,T,monetary_value").expect("write");
        for (i, c) in synthetic.iter().enumerate() {
            writeln!(
                out,
                "{i},{},{:.6},{:.6},{:.6}",
                c.frequency, c.recency, c.t, c.monetary_value
            )
            .expect("write");
        }
    }
    let synthetic_times = bench_clv("synthetic 1M", &synthetic);
    if let Some(dir) = &data_dir {
        let json = format!(
            "{{\"cdnow\": [{}, {}, {}], \"synthetic 1M\": [{}, {}, {}]}}\n",
            cdnow_times.0,
            cdnow_times.1,
            cdnow_times.2,
            synthetic_times.0,
            synthetic_times.1,
            synthetic_times.2
        );
        std::fs::write(format!("{dir}/kunde_clv.json"), json).expect("write results");
    }
}
