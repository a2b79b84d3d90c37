//! A customer → group assignment, used for breakdowns by channel, segment or anything else
//! the caller knows about a customer.

use std::collections::HashMap;

use crate::{CustomerId, Error, EventLog};

/// Assigns each customer of a log to at most one named group.
///
/// The analytics core does not know what a channel or segment is: the caller passes the
/// assignment in, as an array indexed by customer id.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    names: Vec<String>,
    of_customer: Vec<Option<u32>>,
}

impl Grouping {
    /// `of_customer[c]` is the index in `names` of customer `c`'s group, or `None`.
    pub fn new(
        log: &EventLog,
        names: Vec<String>,
        of_customer: Vec<Option<u32>>,
    ) -> Result<Self, Error> {
        if of_customer.len() != log.customer_count() {
            return Err(Error::GroupingLength {
                expected: log.customer_count(),
                got: of_customer.len(),
            });
        }
        if let Some(bad) = of_customer
            .iter()
            .flatten()
            .find(|&&g| g as usize >= names.len())
        {
            return Err(Error::OutOfRange {
                what: "group index",
                min: 0.0,
                max: names.len() as f64 - 1.0,
                got: f64::from(*bad),
            });
        }
        Ok(Self { names, of_customer })
    }

    /// Builds a grouping from a function of the customer id and name.
    pub fn from_fn(
        log: &EventLog,
        mut key: impl FnMut(CustomerId, &str) -> Option<String>,
    ) -> Self {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut names = Vec::new();
        let of_customer = (0..log.customer_count() as u32)
            .map(|c| {
                let id = CustomerId(c);
                let name = key(id, log.customer_name(id))?;
                Some(*index.entry(name).or_insert_with_key(|name| {
                    names.push(name.clone());
                    names.len() as u32 - 1
                }))
            })
            .collect();
        Self { names, of_customer }
    }

    pub fn group_of(&self, customer: CustomerId) -> Option<u32> {
        self.of_customer.get(customer.0 as usize).copied().flatten()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn name(&self, group: u32) -> &str {
        &self.names[group as usize]
    }
}
