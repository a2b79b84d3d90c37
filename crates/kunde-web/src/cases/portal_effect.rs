//! The case report's "before and after the client portal" section (issue 16): for the
//! customers who signed in to the portal, their cases per customer-month before and after
//! their first sign-in, for all cases and per category (so a billing category's "was my
//! invoice paid?" cases can be read on their own). The figure is computed by the pure
//! `kunde_analytics::portal_use`; this file only gathers its inputs.

use super::labels::category_name;
use crate::kit::i18n::Tr;
use kunde_analytics::portal_use::{Adopter, BeforeAfter, cases_before_after};
use kunde_domain::{Case, CaseCategory, CustomerId};
use std::collections::HashMap;

/// One row: all cases (`category: None`) or one category's.
pub struct PortalLine {
    pub label: String,
    pub category: Option<i64>,
    pub r: BeforeAfter,
}

/// The rows of the section: all cases first, then each category with a case of a portal
/// customer. Empty when no customer has signed in to the portal.
pub fn lines(
    tr: Tr,
    adopters: &[(CustomerId, i64, i64)],
    cases: &[Case],
    categories: &[CaseCategory],
    now: i64,
) -> Vec<PortalLine> {
    if adopters.is_empty() {
        return Vec::new();
    }
    let of = |category: Option<i64>| -> BeforeAfter {
        let mut opened: HashMap<CustomerId, Vec<i64>> = HashMap::new();
        for c in cases
            .iter()
            .filter(|c| category.is_none_or(|k| c.category_id.0 == k))
        {
            // A case without a customer (an anonymous answer's) belongs to no adopter.
            if let Some(customer) = c.customer_id {
                opened.entry(customer).or_default().push(c.created_at);
            }
        }
        let input: Vec<Adopter> = adopters
            .iter()
            .map(|(customer, since, first_use)| Adopter {
                since: *since,
                first_use: *first_use,
                cases: opened.remove(customer).unwrap_or_default(),
            })
            .collect();
        cases_before_after(&input, now)
    };
    let mut out = vec![PortalLine {
        label: tr.t("case-report-portal-all"),
        category: None,
        r: of(None),
    }];
    for cat in categories {
        let r = of(Some(cat.id.0));
        if r.cases_before + r.cases_after > 0 {
            out.push(PortalLine {
                label: category_name(tr, cat),
                category: Some(cat.id.0),
                r,
            });
        }
    }
    out
}
