//! Who gets a survey invitation, who a reminder, and who is left alone — decided from plain
//! facts and "now", so the rules can be tested with any clock.
//!
//! Rules (PRODUCT.md §4):
//! * an invitation goes only to a customer with an e-mail address who gave marketing consent
//!   and has not unsubscribed;
//! * a customer gets one invitation per survey: a second send to the same survey skips them;
//! * **fatigue**: a customer asked within the last `fatigue_days` (invited to any survey, or
//!   answered one) is not asked again; a reminder of an invitation already sent is not a new
//!   ask and is not held back by it;
//! * **reminder**: once, `reminder_days` after the invitation, if it has not been answered
//!   and the customer can still be reached (not unsubscribed, consent not withdrawn).
//!
//! `0` days turns the fatigue rule, or reminders, off.

use crate::CustomerId;

pub const DAY_SECONDS: i64 = 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleRules {
    pub fatigue_days: u32,
    pub reminder_days: u32,
}

/// A customer the owner asked to invite, with what the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    pub customer: CustomerId,
    pub has_email: bool,
    pub marketing_consent: bool,
    pub unsubscribed: bool,
    /// When this customer was last invited to, or answered, any survey.
    pub last_asked: Option<i64>,
}

impl Recipient {
    fn reachable(&self) -> Result<(), SkipReason> {
        if !self.has_email {
            Err(SkipReason::NoEmail)
        } else if !self.marketing_consent {
            Err(SkipReason::NoConsent)
        } else if self.unsubscribed {
            Err(SkipReason::Unsubscribed)
        } else {
            Ok(())
        }
    }
}

/// An invitation already sent, as the reminder rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentInvitation {
    pub id: i64,
    pub customer: CustomerId,
    pub sent_at: i64,
    pub reminded_at: Option<i64>,
    pub answered_at: Option<i64>,
    /// The customer still has consent and has not unsubscribed.
    pub reachable: bool,
}

/// Why a chosen customer gets no invitation now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    NoEmail,
    NoConsent,
    Unsubscribed,
    /// Already invited to this survey.
    AlreadyInvited,
    /// Asked too recently; may be asked again from `until` on.
    Fatigue {
        until: i64,
    },
}

impl SkipReason {
    /// A stable key for messages (`survey-skip-…`).
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::NoEmail => "no-email",
            SkipReason::NoConsent => "no-consent",
            SkipReason::Unsubscribed => "unsubscribed",
            SkipReason::AlreadyInvited => "already-invited",
            SkipReason::Fatigue { .. } => "fatigue",
        }
    }
}

/// The outcome of [`plan_invitations`], in the order the customers were given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvitationPlan {
    pub invite: Vec<CustomerId>,
    pub skipped: Vec<(CustomerId, SkipReason)>,
}

/// Decides which of `recipients` are invited to a survey now. `already_invited` are the
/// customers holding an invitation to this survey. A customer listed twice is planned once.
pub fn plan_invitations(
    recipients: &[Recipient],
    already_invited: &[CustomerId],
    rules: ScheduleRules,
    now: i64,
) -> InvitationPlan {
    let mut plan = InvitationPlan::default();
    let mut seen = std::collections::HashSet::new();
    let fatigue = i64::from(rules.fatigue_days) * DAY_SECONDS;
    for r in recipients {
        if !seen.insert(r.customer) {
            continue;
        }
        let decision = r.reachable().and_then(|()| {
            if already_invited.contains(&r.customer) {
                return Err(SkipReason::AlreadyInvited);
            }
            match r.last_asked {
                Some(t) if fatigue > 0 && now < t + fatigue => {
                    Err(SkipReason::Fatigue { until: t + fatigue })
                }
                _ => Ok(()),
            }
        });
        match decision {
            Ok(()) => plan.invite.push(r.customer),
            Err(reason) => plan.skipped.push((r.customer, reason)),
        }
    }
    plan
}

/// The invitations (ids) whose one reminder is due at `now`.
pub fn due_reminders(invitations: &[SentInvitation], rules: ScheduleRules, now: i64) -> Vec<i64> {
    if rules.reminder_days == 0 {
        return Vec::new();
    }
    let wait = i64::from(rules.reminder_days) * DAY_SECONDS;
    invitations
        .iter()
        .filter(|i| {
            i.reachable
                && i.answered_at.is_none()
                && i.reminded_at.is_none()
                && now >= i.sent_at + wait
        })
        .map(|i| i.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_767_225_600; // 2026-01-01

    fn reachable(id: i64, last_asked: Option<i64>) -> Recipient {
        Recipient {
            customer: CustomerId(id),
            has_email: true,
            marketing_consent: true,
            unsubscribed: false,
            last_asked,
        }
    }

    const RULES: ScheduleRules = ScheduleRules {
        fatigue_days: 30,
        reminder_days: 3,
    };

    #[test]
    fn fatigue_holds_a_customer_back_until_the_window_has_passed() {
        let asked = T0 - 10 * DAY_SECONDS;
        let r = [
            reachable(1, Some(asked)),
            reachable(2, None),
            reachable(3, Some(T0 - 30 * DAY_SECONDS)),
        ];
        let plan = plan_invitations(&r, &[], RULES, T0);
        assert_eq!(plan.invite, vec![CustomerId(2), CustomerId(3)]);
        assert_eq!(
            plan.skipped,
            vec![(
                CustomerId(1),
                SkipReason::Fatigue {
                    until: asked + 30 * DAY_SECONDS
                }
            )]
        );
        // One second before the window ends: still held back; at its end: invited.
        let until = asked + 30 * DAY_SECONDS;
        assert_eq!(
            plan_invitations(&r[..1], &[], RULES, until - 1).invite,
            vec![]
        );
        assert_eq!(
            plan_invitations(&r[..1], &[], RULES, until).invite,
            vec![CustomerId(1)]
        );
        // Fatigue off.
        let off = ScheduleRules {
            fatigue_days: 0,
            ..RULES
        };
        assert_eq!(
            plan_invitations(&r[..1], &[], off, T0).invite,
            vec![CustomerId(1)]
        );
    }

    #[test]
    fn consent_email_unsubscribe_and_a_second_send_are_respected() {
        let mut no_email = reachable(1, None);
        no_email.has_email = false;
        let mut no_consent = reachable(2, None);
        no_consent.marketing_consent = false;
        let mut gone = reachable(3, None);
        gone.unsubscribed = true;
        let invited = reachable(4, None);
        let fine = reachable(5, None);
        let plan = plan_invitations(
            &[no_email, no_consent, gone, invited, fine, fine],
            &[CustomerId(4)],
            RULES,
            T0,
        );
        assert_eq!(plan.invite, vec![CustomerId(5)]);
        assert_eq!(
            plan.skipped,
            vec![
                (CustomerId(1), SkipReason::NoEmail),
                (CustomerId(2), SkipReason::NoConsent),
                (CustomerId(3), SkipReason::Unsubscribed),
                (CustomerId(4), SkipReason::AlreadyInvited),
            ]
        );
        assert_eq!(SkipReason::Fatigue { until: 0 }.code(), "fatigue");
    }

    #[test]
    fn one_reminder_after_the_wait_only_when_unanswered_and_reachable() {
        let sent = |id, reminded_at, answered_at, reachable| SentInvitation {
            id,
            customer: CustomerId(id),
            sent_at: T0,
            reminded_at,
            answered_at,
            reachable,
        };
        let all = [
            sent(1, None, None, true),
            sent(2, Some(T0 + 3 * DAY_SECONDS), None, true),
            sent(3, None, Some(T0 + DAY_SECONDS), true),
            sent(4, None, None, false),
        ];
        assert!(due_reminders(&all, RULES, T0 + 3 * DAY_SECONDS - 1).is_empty());
        assert_eq!(due_reminders(&all, RULES, T0 + 3 * DAY_SECONDS), vec![1]);
        assert_eq!(due_reminders(&all, RULES, T0 + 40 * DAY_SECONDS), vec![1]);
        let off = ScheduleRules {
            reminder_days: 0,
            ..RULES
        };
        assert!(due_reminders(&all, off, T0 + 40 * DAY_SECONDS).is_empty());
    }
}
