//! The demo shop itself: the workspace, its four users, and the keys and channels of the
//! touchpoints its customers' events land on. The fixed part of the demo, without randomness.

use kunde_domain::{Channel, Email, Language, NewUser, NewWorkspace, NonEmpty, Role};

use crate::{DEMO_OWNER_EMAIL, DEMO_STAFF_EMAIL};

/// The keys of the as-is journey's touchpoints, which the generated events point at.
pub mod touchpoints {
    pub const GOOGLE_AD: &str = "google_ad";
    pub const SOCIAL_POST: &str = "instagram_post";
    pub const FRIEND: &str = "friend_recommendation";
    pub const REVIEWS: &str = "review_site";
    pub const WEBSITE: &str = "website";
    pub const PRICE_LIST: &str = "price_list";
    /// The touchpoint the demo makes clearly worse than the rest: long waits on the phone.
    pub const CALL_TO_BOOK: &str = "call_to_book";
    pub const ONLINE_BOOKING: &str = "online_booking";
    pub const DROP_OFF: &str = "counter_drop_off";
    pub const REPAIR_UPDATE: &str = "repair_update";
    /// Where the customer pays: every purchase event (with an amount) is at this touchpoint.
    pub const PICK_UP: &str = "pick_up_invoice";
    pub const NEWSLETTER: &str = "newsletter";
    pub const SERVICE_REMINDER: &str = "service_reminder";
}

/// Indexes into the users vector, so touchpoint owners read as names.
pub const METTE: usize = 0;
pub const TOM: usize = 1;
pub const SARA: usize = 2;
pub const JONAS: usize = 3;

pub fn workspace() -> NewWorkspace {
    NewWorkspace {
        name: text("Cykelværkstedet Nørrebro"),
        default_language: Language::Da,
        currency: "DKK".to_owned(),
    }
}

/// The owner, and three staff who all can sign in (the staff hash is shared, because the demo
/// has one published staff password).
pub fn users(owner_hash: String, staff_hash: String) -> Vec<(NewUser, Option<String>)> {
    let user = |name: &str, email: &str, role, language| NewUser {
        name: text(name),
        email: Email::parse(email).expect("demo e-mail addresses are valid"),
        role,
        language,
        // The plain password never travels in an import: the hash beside the user is used.
        password: None,
    };
    vec![
        (
            user(
                "Mette Kjærgaard",
                DEMO_OWNER_EMAIL,
                Role::Owner,
                Language::Da,
            ),
            Some(owner_hash),
        ),
        (
            user("Tom Walsh", DEMO_STAFF_EMAIL, Role::Staff, Language::En),
            Some(staff_hash.clone()),
        ),
        (
            user(
                "Sara Lindqvist",
                "sara@demo.kunde.test",
                Role::Staff,
                Language::Sv,
            ),
            Some(staff_hash.clone()),
        ),
        (
            user(
                "Jonas Brandt",
                "jonas@demo.kunde.test",
                Role::Staff,
                Language::Da,
            ),
            Some(staff_hash),
        ),
    ]
}

/// The channel the as-is touchpoint with this key is on, so events agree with the map.
pub fn channel_of(key: &str) -> Channel {
    use touchpoints as k;
    match key {
        k::GOOGLE_AD | k::WEBSITE | k::PRICE_LIST | k::ONLINE_BOOKING => Channel::Web,
        k::SOCIAL_POST | k::FRIEND => Channel::Social,
        k::REVIEWS => Channel::ReviewSite,
        k::CALL_TO_BOOK => Channel::Phone,
        k::DROP_OFF | k::PICK_UP => Channel::InPerson,
        k::REPAIR_UPDATE | k::NEWSLETTER => Channel::Email,
        k::SERVICE_REMINDER => Channel::Mail,
        _ => Channel::Other,
    }
}

fn text(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).expect("demo names are valid")
}
