//! Reading the `kunde analyze` inputs: event CSVs and customer-summary CSVs, with errors
//! that name the line and say what is wrong.

use anyhow::{Context, Result, anyhow, bail};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::clv::CustomerSummary;
use kunde_analytics::{EventLog, EventLogBuilder};

fn open(path: &std::path::Path) -> Result<csv::Reader<std::fs::File>> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))
}

fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers.iter().position(|h| h.eq_ignore_ascii_case(name))
}

fn required(headers: &csv::StringRecord, name: &str) -> Result<usize> {
    column(headers, name).ok_or_else(|| {
        anyhow!(
            "the header has no `{name}` column (found: {})",
            headers.iter().collect::<Vec<_>>().join(", ")
        )
    })
}

/// Reads `customer_id,timestamp,touchpoint[,amount]` rows into an event log.
pub fn events(path: &std::path::Path) -> Result<EventLog> {
    let mut reader = open(path)?;
    let headers = reader
        .headers()
        .context("cannot read the header line")?
        .clone();
    let (c, t, tp) = (
        required(&headers, "customer_id")?,
        required(&headers, "timestamp")?,
        required(&headers, "touchpoint")?,
    );
    let amount = column(&headers, "amount");
    let mut builder = EventLogBuilder::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => bail!("line {line}: {e}"),
        }
        let line = record.position().map_or(line, |p| p.line());
        let field = |i: usize, what: &str| -> Result<&str> {
            match record.get(i) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => bail!("line {line}: `{what}` is empty"),
            }
        };
        let customer = field(c, "customer_id")?;
        let time =
            parse_timestamp(field(t, "timestamp")?).map_err(|why| anyhow!("line {line}: {why}"))?;
        let touchpoint = field(tp, "touchpoint")?;
        let value = match amount.and_then(|i| record.get(i)).filter(|v| !v.is_empty()) {
            None => 0.0,
            Some(v) => v
                .parse::<f64>()
                .ok()
                .filter(|a| a.is_finite())
                .ok_or_else(|| anyhow!("line {line}: amount {v:?} is not a number"))?,
        };
        builder
            .push(customer, time, touchpoint, value)
            .map_err(|e| anyhow!("line {line}: {e}"))?;
    }
    Ok(builder.build())
}

/// Reads `customer_id,frequency,recency,T[,monetary_value]` rows; the id column may also be
/// called `ID`, as in the `lifetimes` package's files. Also says whether there was spend.
pub fn summaries(path: &std::path::Path) -> Result<(Vec<(String, CustomerSummary)>, bool)> {
    let mut reader = open(path)?;
    let headers = reader
        .headers()
        .context("cannot read the header line")?
        .clone();
    let id = match column(&headers, "customer_id").or_else(|| column(&headers, "ID")) {
        Some(i) => i,
        None => required(&headers, "customer_id` or `ID")?,
    };
    let f = required(&headers, "frequency")?;
    let r = required(&headers, "recency")?;
    let t = required(&headers, "T")?;
    // Without spend the BG/NBD model still runs; only the values need it.
    let m = column(&headers, "monetary_value");
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| anyhow!("{e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        let number = |i: usize, what: &str| -> Result<f64> {
            let v = record.get(i).unwrap_or("");
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| anyhow!("line {line}: {what} {v:?} is not a number"))
        };
        let monetary = match m {
            Some(i) => number(i, "monetary_value")?,
            None => 0.0,
        };
        let summary = CustomerSummary::new(
            number(f, "frequency")?,
            number(r, "recency")?,
            number(t, "T")?,
            monetary,
        )
        .map_err(|why| anyhow!("line {line}: {why}"))?;
        out.push((record.get(id).unwrap_or("").to_owned(), summary));
    }
    Ok((out, m.is_some()))
}

/// Unix seconds, or ISO 8601: `2024-03-01`, `2024-03-01T10:00:00Z`, `2024-03-01 10:00:00`,
/// with optional fractional seconds and `Z` or `±HH:MM` offset (no offset means UTC).
pub fn parse_timestamp(s: &str) -> Result<i64, String> {
    if let Ok(seconds) = s.parse::<i64>() {
        return Ok(seconds);
    }
    let bad = || {
        format!("timestamp {s:?} is neither Unix seconds nor ISO 8601 like 2024-03-01T10:00:00Z")
    };
    let b = s.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Result<i64, String> {
        let part = s.get(range).ok_or_else(bad)?;
        if part.bytes().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            part.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(bad());
    }
    let days = days_from_civil(year, month as u32, day as u32);
    if kunde_analytics::civil::civil_from_days(days) != (year, month as u32, day as u32) {
        return Err(format!("timestamp {s:?} is not a real date"));
    }
    let mut seconds = days * 86_400;
    if b.len() == 10 {
        return Ok(seconds);
    }
    if !(b[10] == b'T' || b[10] == b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || mi > 59 || se > 60 {
        return Err(bad());
    }
    seconds += h * 3600 + mi * 60 + se;
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        rest = &frac[digits..];
    }
    match rest {
        "" | "Z" | "z" => Ok(seconds),
        offset
            if offset.len() == 6
                && (offset.starts_with('+') || offset.starts_with('-'))
                && &offset[3..4] == ":" =>
        {
            let oh: i64 = offset[1..3].parse().map_err(|_| bad())?;
            let om: i64 = offset[4..6].parse().map_err(|_| bad())?;
            let sign = if offset.starts_with('+') { 1 } else { -1 };
            Ok(seconds - sign * (oh * 3600 + om * 60))
        }
        _ => Err(bad()),
    }
}

/// Durations like `3600`, `90s`, `30m`, `2h`, `7d`, `2w`, in seconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("duration {s:?} should look like 3600, 30m, 2h or 7d"))?;
    let unit = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 604_800,
        _ => {
            return Err(format!(
                "duration {s:?}: unknown unit {unit:?} (use s, m, h, d or w)"
            ));
        }
    };
    Ok(n * unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_unix_seconds_and_iso_8601() {
        assert_eq!(parse_timestamp("1709287200"), Ok(1_709_287_200));
        assert_eq!(parse_timestamp("2024-03-01T10:00:00Z"), Ok(1_709_287_200));
        assert_eq!(parse_timestamp("2024-03-01 10:00:00"), Ok(1_709_287_200));
        assert_eq!(
            parse_timestamp("2024-03-01T12:00:00.250+02:00"),
            Ok(1_709_287_200)
        );
        assert_eq!(parse_timestamp("2024-03-01"), Ok(1_709_251_200));
        assert!(
            parse_timestamp("2024-02-30")
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(parse_timestamp("yesterday").is_err());
        assert!(parse_timestamp("2024-03-01T10:00").is_err());
        assert_eq!(parse_duration("7d"), Ok(604_800));
        assert!(parse_duration("7y").is_err());
    }
}
