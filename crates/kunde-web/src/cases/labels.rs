//! What the case pages share: a category's, a root cause's and a history entry's words in the
//! reader's language. The database keeps codes (built-in category codes, the built-in root
//! causes' names, [`CaseEvent`] codes); these turn them into words when a page is drawn.

use crate::kit::Page;
use crate::kit::i18n::Tr;
use kunde_domain::{CaseCategory, CaseCategoryId, CaseEntry, CaseEvent, EntryKind};

/// A category's name in the language of `tr`: translated for the built-in ones.
pub fn category_name(tr: crate::kit::i18n::Tr, c: &CaseCategory) -> String {
    match &c.builtin {
        Some(code) => tr.t(&format!("case-cat-{code}")),
        None => c.name.clone(),
    }
}

pub fn category_name_of(tr: Tr, categories: &[CaseCategory], id: CaseCategoryId) -> String {
    categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| category_name(tr, c))
        .unwrap_or_default()
}

/// A root cause's name in the language of `tr`: the built-in causes
/// ([`kunde_domain::DEFAULT_ROOT_CAUSES`], stored by their English name, which is their code)
/// are translated, the owner's own are shown as typed.
pub fn root_cause_name(tr: Tr, name: &str) -> String {
    let key = match name {
        "Booking by phone" => "case-cause-booking-by-phone",
        "Waiting time" => "case-cause-waiting-time",
        "Product fault" => "case-cause-product-fault",
        "Communication" => "case-cause-communication",
        "Price or invoice" => "case-cause-price-or-invoice",
        _ => return name.to_owned(),
    };
    tr.t(key)
}

/// What a history entry says, in the page's language: an event in words, anything else as
/// written.
pub fn entry_text(p: &Page, e: &CaseEntry) -> String {
    if e.kind != EntryKind::Event {
        return e.body.clone();
    }
    match CaseEvent::parse(&e.body) {
        Some(ev) => event_text(p, &ev),
        None => e.body.clone(),
    }
}

pub fn event_text(p: &Page, ev: &CaseEvent) -> String {
    match ev {
        CaseEvent::Updated {
            status,
            priority,
            assignee,
        } => p.tr.t_args(
            "case-event-updated",
            &[
                ("status", &p.t(&format!("case-status-{}", status.code()))),
                (
                    "priority",
                    &p.t(&format!("case-priority-{}", priority.code())),
                ),
                (
                    "assignee",
                    &assignee.clone().unwrap_or_else(|| p.t("case-unassigned")),
                ),
            ],
        ),
        CaseEvent::Closed { root_cause } => {
            p.named("case-event-closed", &root_cause_name(p.tr, root_cause))
        }
        CaseEvent::Grant {
            kind,
            amount,
            status,
        } => p.tr.t_args(
            "case-event-grant",
            &[
                ("kind", &p.t(&format!("case-grant-{}", kind.code()))),
                ("amount", &p.money(amount)),
                (
                    "status",
                    &p.t(&format!("case-grant-status-{}", status.code())),
                ),
            ],
        ),
    }
}
