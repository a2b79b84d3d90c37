//! The campaign form: what it sends, reading it into a campaign (or each field's error),
//! and the times it shows and reads in the business's time zone.

use crate::kit::{FieldErrors, Page};
use kunde_domain::{Language, NonEmpty, Segment, SegmentId, TouchpointId};
use kunde_store::{Campaign, CampaignVersion, NewCampaign, Offer};
use serde::Deserialize;

/// The weekdays' names, Monday first (the opening hours' keys).
pub const WEEKDAYS: [&str; 7] = [
    "hours-day-mon",
    "hours-day-tue",
    "hours-day-wed",
    "hours-day-thu",
    "hours-day-fri",
    "hours-day-sat",
    "hours-day-sun",
];

/// Held out by default, in per cent.
pub const DEFAULT_HOLDOUT: i64 = 10;
/// Messages a minute by default.
pub const DEFAULT_RATE: i64 = 60;
/// The most messages a minute the owner may set.
pub const MAX_RATE: i64 = 100_000;
/// The longest subject kept.
const SUBJECT_MAX: usize = 200;

/// What the campaign form sends: settings, then a subject and a body per language.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct CampaignForm {
    pub name: String,
    pub segment: String,
    pub touchpoint: String,
    pub holdout: String,
    pub rate: String,
    pub subject_en: String,
    pub body_en: String,
    pub subject_da: String,
    pub body_da: String,
    pub subject_sv: String,
    pub body_sv: String,
    pub subject_tl: String,
    pub body_tl: String,
    /// `newsletter` or `offer`.
    pub kind: String,
    /// The shared code; empty: one code per customer.
    pub offer_code: String,
    /// Dates (`YYYY-MM-DD`) in the business's zone, the first and the last day.
    pub valid_from: String,
    pub valid_until: String,
    /// A checkbox: present when ticked.
    pub repeat: Option<String>,
    pub repeat_nth: String,
    pub repeat_weekday: String,
    /// `HH:MM`.
    pub repeat_time: String,
    /// A checkbox, off by default: count clicks through redirect links.
    pub track_clicks: Option<String>,
}

/// One language's fields of the form, for the template.
pub struct VersionFields {
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub subject_error: String,
    pub body_error: String,
}

pub fn subject_field(l: Language) -> &'static str {
    match l {
        Language::En => "subject_en",
        Language::Da => "subject_da",
        Language::Sv => "subject_sv",
        Language::Tl => "subject_tl",
    }
}

pub fn body_field(l: Language) -> &'static str {
    match l {
        Language::En => "body_en",
        Language::Da => "body_da",
        Language::Sv => "body_sv",
        Language::Tl => "body_tl",
    }
}

impl CampaignForm {
    pub fn version(&self, l: Language) -> (&str, &str) {
        match l {
            Language::En => (&self.subject_en, &self.body_en),
            Language::Da => (&self.subject_da, &self.body_da),
            Language::Sv => (&self.subject_sv, &self.body_sv),
            Language::Tl => (&self.subject_tl, &self.body_tl),
        }
    }

    fn set_version(&mut self, v: &CampaignVersion) {
        let (s, b) = match v.language {
            Language::En => (&mut self.subject_en, &mut self.body_en),
            Language::Da => (&mut self.subject_da, &mut self.body_da),
            Language::Sv => (&mut self.subject_sv, &mut self.body_sv),
            Language::Tl => (&mut self.subject_tl, &mut self.body_tl),
        };
        *s = v.subject.clone();
        *b = v.body.clone();
    }

    pub fn of(c: &Campaign, zone: &str) -> Self {
        let date = |t: i64| {
            local_input(zone, Some(t))
                .map(|d| d[..10].to_owned())
                .unwrap_or_default()
        };
        let mut f = Self {
            kind: c.kind.clone(),
            offer_code: c
                .offer
                .as_ref()
                .and_then(|o| o.code.clone())
                .unwrap_or_default(),
            valid_from: c
                .offer
                .as_ref()
                .map(|o| date(o.valid_from))
                .unwrap_or_default(),
            valid_until: c
                .offer
                .as_ref()
                .map(|o| date(o.valid_until))
                .unwrap_or_default(),
            repeat: c.repeat.map(|_| "on".to_owned()),
            track_clicks: c.track_clicks.then(|| "on".to_owned()),
            repeat_nth: c.repeat.map(|r| r.0.to_string()).unwrap_or_default(),
            repeat_weekday: c.repeat.map(|r| r.1.to_string()).unwrap_or_default(),
            repeat_time: c
                .repeat
                .map(|r| format!("{:02}:{:02}", r.2 / 60, r.2 % 60))
                .unwrap_or_default(),
            name: c.name.clone(),
            segment: c.segment.map(|s| s.0.to_string()).unwrap_or_default(),
            touchpoint: c.touchpoint.map(|t| t.0.to_string()).unwrap_or_default(),
            holdout: c.holdout_percent.to_string(),
            rate: c.rate_per_minute.to_string(),
            ..Self::default()
        };
        for v in &c.versions {
            f.set_version(v);
        }
        f
    }

    /// The campaign the form describes, or each field's error. `default` is the business's
    /// language, whose version is required (every reader falls back to it).
    pub fn parse(
        &self,
        p: &Page,
        segments: &[Segment],
        touchpoints: &[(TouchpointId, String)],
        default: Language,
        zone: &str,
    ) -> Result<NewCampaign, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = NonEmpty::parse("name", &self.name)
            .ok()
            .filter(|n| n.as_str().chars().count() <= 200);
        if name.is_none() {
            errors.add_message("name", p.t("campaign-error-name"));
        }
        let segment = self
            .segment
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| segments.iter().any(|s| s.id.0 == *id));
        if segment.is_none() {
            errors.add_message("segment", p.t("campaign-error-segment"));
        }
        let touchpoint = match self.touchpoint.trim() {
            "" => Some(None),
            t => t
                .parse::<i64>()
                .ok()
                .filter(|id| touchpoints.iter().any(|(tp, _)| tp.0 == *id))
                .map(|id| Some(TouchpointId(id))),
        };
        if touchpoint.is_none() {
            errors.add_message("touchpoint", p.t("campaign-error-touchpoint"));
        }
        let holdout = self
            .holdout
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|h| (0..=50).contains(h));
        if holdout.is_none() {
            errors.add_message("holdout", p.t("campaign-error-holdout"));
        }
        let rate = self
            .rate
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|r| (1..=MAX_RATE).contains(r));
        if rate.is_none() {
            errors.add_message("rate", p.t("campaign-error-rate"));
        }
        let mut versions = Vec::new();
        for l in Language::ALL {
            let (subject, body) = self.version(l);
            let (subject, body) = (subject.trim(), body.trim());
            if subject.is_empty() && body.is_empty() {
                if l == default {
                    errors.add_message(
                        subject_field(l),
                        p.named("campaign-error-default-version", l.native_name()),
                    );
                }
                continue;
            }
            if subject.is_empty() || subject.chars().count() > SUBJECT_MAX {
                errors.add_message(subject_field(l), p.t("campaign-error-subject"));
            }
            if body.is_empty() {
                errors.add_message(body_field(l), p.t("campaign-error-body"));
            }
            versions.push(CampaignVersion {
                language: l,
                subject: subject.to_owned(),
                body: body.to_owned(),
            });
        }
        let offer = if self.kind == "offer" {
            self.offer(p, zone, &mut errors)
        } else {
            None
        };
        let repeat = if self.repeat.is_some() {
            let nth = self.repeat_nth.trim().parse::<i64>().unwrap_or(0);
            let weekday = self.repeat_weekday.trim().parse::<i64>().unwrap_or(0);
            let minute = self
                .repeat_time
                .trim()
                .split_once(':')
                .and_then(|(h, m)| Some(h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?))
                .filter(|_| self.repeat_time.trim().len() == 5)
                .unwrap_or(-1);
            let rule = super::repeat::Monthly::new(nth, weekday, minute);
            if rule.is_none() {
                errors.add_message("repeat", p.t("campaign-error-repeat"));
            }
            Some((nth, weekday, minute))
        } else {
            None
        };
        match (name, segment, touchpoint, holdout, rate) {
            (Some(name), Some(segment), Some(touchpoint), Some(holdout), Some(rate))
                if errors.is_empty() =>
            {
                Ok(NewCampaign {
                    name,
                    segment: SegmentId(segment),
                    touchpoint,
                    holdout_percent: holdout,
                    rate_per_minute: rate,
                    versions,
                    repeat,
                    offer,
                    track_clicks: self.track_clicks.is_some(),
                })
            }
            _ => Err(errors),
        }
    }

    /// The offer's code and dates, or their errors.
    fn offer(&self, p: &Page, zone: &str, errors: &mut FieldErrors) -> Option<Offer> {
        let code = self.offer_code.trim().to_uppercase();
        let code_ok = code.is_empty()
            || (code.len() <= 40 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        if !code_ok {
            errors.add_message("offer_code", p.t("campaign-error-code"));
        }
        let from = parse_local(zone, &format!("{}T00:00", self.valid_from.trim()));
        let until = parse_local(zone, &format!("{}T23:59", self.valid_until.trim()));
        match (from, until) {
            (Some(from), Some(until)) if from <= until && code_ok => Some(Offer {
                code: (!code.is_empty()).then_some(code),
                valid_from: from,
                valid_until: until + 59,
            }),
            _ => {
                if from.is_none() || until.is_none() || from > until {
                    errors.add_message("valid", p.t("campaign-error-valid"));
                }
                None
            }
        }
    }
}

/// `unix` as a `datetime-local` value in the business's zone.
pub fn local_input(zone: &str, unix: Option<i64>) -> Option<String> {
    let ts = jiff::Timestamp::from_second(unix?).ok()?;
    let d = crate::kit::format::zone(zone).to_datetime(ts);
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute()
    ))
}

/// A `datetime-local` value read in the business's zone, as a Unix time.
pub fn parse_local(zone: &str, value: &str) -> Option<i64> {
    let d: jiff::civil::DateTime = value.trim().parse().ok()?;
    let ts = crate::kit::format::zone(zone)
        .to_ambiguous_timestamp(d)
        .compatible()
        .ok()?;
    Some(ts.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_time_is_read_in_the_business_zone() {
        // 9:00 in Copenhagen in December is 8:00 UTC.
        let t = parse_local("Europe/Copenhagen", "2026-12-07T09:00").unwrap();
        assert_eq!(t, 1_796_630_400);
        assert_eq!(
            local_input("Europe/Copenhagen", Some(t)).as_deref(),
            Some("2026-12-07T09:00")
        );
        assert_eq!(parse_local("Europe/Copenhagen", "tomorrow"), None);
    }
}
