//! The event log written to bytes and read back is the same log; damaged bytes are refused.

use kunde_analytics::{CustomerId, Error, EventLog, EventLogBuilder};

type Row = (u8, i64, u8, u16);

fn build(rows: &[Row]) -> EventLog {
    let mut b = EventLogBuilder::new();
    for &(c, t, tp, amount) in rows {
        // Names with non-ASCII letters, as real customers have.
        b.push(
            &format!("kunde-ø{c}"),
            t,
            &format!("tp-å{tp}"),
            f64::from(amount) / 4.0,
        )
        .unwrap();
    }
    b.build()
}

fn same(a: &EventLog, b: &EventLog) {
    assert_eq!(a.customer_count(), b.customer_count());
    assert_eq!(a.event_count(), b.event_count());
    assert_eq!(a.touchpoint_names(), b.touchpoint_names());
    assert_eq!(a.has_amounts(), b.has_amounts());
    for c in 0..a.customer_count() as u32 {
        let c = CustomerId(c);
        let name = a.customer_name(c);
        assert_eq!(name, b.customer_name(c));
        assert_eq!(b.customer_id(name), Some(c), "names are found again");
        let (x, y) = (a.events_of(c), b.events_of(c));
        assert_eq!((x.times, x.touchpoints), (y.times, y.touchpoints));
        assert_eq!(
            x.amounts.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            y.amounts.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }
}

proptest::proptest! {
    #[test]
    fn a_log_read_back_from_its_bytes_is_the_same_log(
        rows in proptest::collection::vec((0u8..40, -1000i64..1_000_000, 0u8..9, 0u16..400), 0..300)
    ) {
        let log = build(&rows);
        let back = EventLog::from_bytes(&log.to_bytes()).unwrap();
        same(&log, &back);
    }

    #[test]
    fn any_damaged_byte_is_refused(
        rows in proptest::collection::vec((0u8..10, 0i64..1000, 0u8..4, 0u16..10), 1..40),
        at in 0usize..10_000,
        flip in 1u8..=255,
    ) {
        let mut bytes = build(&rows).to_bytes();
        let at = at % bytes.len();
        bytes[at] ^= flip;
        proptest::prop_assert!(matches!(EventLog::from_bytes(&bytes), Err(Error::CorruptFile(_))));
    }
}

#[test]
fn truncated_or_foreign_files_are_refused() {
    let bytes = build(&[(1, 10, 0, 4), (2, 20, 1, 0)]).to_bytes();
    for cut in [0, 7, 12, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            matches!(
                EventLog::from_bytes(&bytes[..cut]),
                Err(Error::CorruptFile(_))
            ),
            "cut at {cut}"
        );
    }
    assert!(EventLog::from_bytes(b"PK\x03\x04 not a log at all").is_err());
    let empty = build(&[]);
    same(&empty, &EventLog::from_bytes(&empty.to_bytes()).unwrap());
}

#[test]
fn a_large_log_decoded_on_two_threads_reads_back_the_same() {
    // Past the size from which the columns and the name index are decoded side by side.
    let rows: Vec<Row> = (0..150_000u32)
        .map(|i| {
            (
                (i % 251) as u8,
                i64::from(i * 7 % 100_003),
                (i % 9) as u8,
                (i % 13) as u16,
            )
        })
        .collect();
    let log = build(&rows);
    let bytes = log.to_bytes();
    same(&log, &EventLog::from_bytes(&bytes).unwrap());
    // Written after other bytes, the log's bytes are the same.
    let mut out = b"header".to_vec();
    log.write_bytes(&mut out);
    assert_eq!(&out[6..], &bytes[..]);
    // A damaged amount or time is still refused.
    for at in [bytes.len() - 20, bytes.len() / 2] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x40;
        assert!(matches!(
            EventLog::from_bytes(&bad),
            Err(Error::CorruptFile(_))
        ));
    }
}
