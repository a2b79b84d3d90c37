//! The notices the journey pages show after a redirect (`?done=…`), declared once.

use crate::kit::Page;
use crate::kit::extract::Notices;

/// Notices this module's redirects may ask for (`?done=…`).
pub(super) struct JourneyNotices;

impl Notices for JourneyNotices {
    const KEYS: &'static [&'static str] = &[
        "journey-created",
        "tp-added",
        "journey-saved",
        "journey-deleted",
        "stage-added",
        "stage-saved",
        "stage-deleted",
        "tp-saved",
        "tp-deleted",
        "tobe-created",
        "sub-created",
        "moved",
    ];
}

pub(super) fn notice(mut p: Page, done: Option<&'static str>) -> Page {
    p.notice = done.map(|d| match d {
        "journey-created" | "tp-added" => p.t(d),
        _ => p.t(&format!("map-done-{d}")),
    });
    p
}
