//! Which as-is touchpoint each step of the demo's to-be journey redesigns, so the
//! redesigned map shows the as-is numbers next to its steps out of the box. Steps that
//! replace nothing (the workshop video, the approval by SMS) have no entry.

use crate::business::touchpoints as k;

/// (to-be touchpoint key, as-is touchpoint key).
pub fn counterparts() -> Vec<(String, String)> {
    [
        ("tobe_local_ad", k::GOOGLE_AD),
        ("tobe_friend_card", k::FRIEND),
        ("tobe_reviews", k::REVIEWS),
        ("tobe_website", k::WEBSITE),
        // The call-back replaces the phone queue, the weak step of the as-is journey.
        ("tobe_call_back", k::CALL_TO_BOOK),
        ("tobe_slot_booking", k::ONLINE_BOOKING),
        ("tobe_early_drop_off", k::DROP_OFF),
        ("tobe_pick_up", k::PICK_UP),
        ("tobe_newsletters", k::NEWSLETTER),
        ("tobe_spring_check", k::SERVICE_REMINDER),
    ]
    .into_iter()
    .map(|(to_be, as_is)| (to_be.to_owned(), as_is.to_owned()))
    .collect()
}
