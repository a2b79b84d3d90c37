//! JSON output names customers by the ids of the input file: the analytics core numbers
//! customers internally (`CustomerId`, an index into the log), which mean nothing to the
//! person who wrote the file.

use kunde_analytics::{CustomerId, EventLog};
use serde_json::Value;

/// Fields that hold one internal customer index, and fields that hold a list of them.
const ONE: &[&str] = &["customer"];
const MANY: &[&str] = &["dropped_customers", "customers_in_spend_months"];

/// Serializes `value` and replaces every internal customer index under the fields above
/// with the customer's id from the file.
pub fn with_customer_ids(
    value: &impl serde::Serialize,
    log: &EventLog,
) -> serde_json::Result<Value> {
    let mut json = serde_json::to_value(value)?;
    rename(&mut json, log);
    Ok(json)
}

fn name(v: &mut Value, log: &EventLog) {
    if let Some(i) = v.as_u64().and_then(|i| u32::try_from(i).ok())
        && (i as usize) < log.customer_count()
    {
        *v = Value::String(log.customer_name(CustomerId(i)).to_owned());
    }
}

fn rename(v: &mut Value, log: &EventLog) {
    match v {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if ONE.contains(&key.as_str()) {
                    name(child, log);
                } else if MANY.contains(&key.as_str())
                    && let Value::Array(items) = child
                {
                    items.iter_mut().for_each(|i| name(i, log));
                } else {
                    rename(child, log);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rename(i, log)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_indices_become_the_file_ids() {
        let mut b = kunde_analytics::EventLogBuilder::new();
        b.push("9007199254740993", 1, "visit", 0.0).unwrap();
        b.push("42", 2, "visit", 0.0).unwrap();
        let log = b.build();
        let report = serde_json::json!({
            "steps": [{"dropped_customers": [1, 0], "customers": 2}],
            "customer": 0,
        });
        let named = with_customer_ids(&report, &log).unwrap();
        assert_eq!(
            named,
            serde_json::json!({
                "steps": [{"dropped_customers": ["42", "9007199254740993"], "customers": 2}],
                "customer": "9007199254740993",
            })
        );
    }
}
