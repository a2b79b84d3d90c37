//! The demo shop itself: the workspace, its four users and its journey maps. This is the
//! fixed part of the demo (no randomness), written as data so it reads like the map an owner
//! would draw on a whiteboard.

use kunde_domain::{
    Channel, Email, ImportJourney, ImportStage, ImportTouchpoint, JourneyVariant, Language,
    NewUser, NewWorkspace, NonEmpty, Role,
};

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
const METTE: usize = 0;
const TOM: usize = 1;
const SARA: usize = 2;
const JONAS: usize = 3;

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

/// The as-is journey (index 0), its redesign (index 1) and the booking sub-journey (index 2).
pub fn journeys() -> Vec<ImportJourney> {
    use touchpoints as k;
    let as_is = vec![
        stage(
            "Awareness",
            vec![
                tp(
                    k::GOOGLE_AD,
                    "Google ad",
                    Channel::Web,
                    true,
                    true,
                    Some(METTE),
                    "Find a bike repair shop nearby, fast",
                    "Ads cost about 250 kr per new customer; clicks from outside Copenhagen are wasted",
                    "Target Nørrebro and the neighbouring postcodes only; show the price of a service in the ad",
                ),
                tp(
                    k::SOCIAL_POST,
                    "Instagram post",
                    Channel::Social,
                    true,
                    true,
                    Some(METTE),
                    "Get inspired, see that the shop is friendly and local",
                    "Posts are irregular; few followers outside the spring season",
                    "Post a weekly before-and-after of a repair; film the workshop",
                ),
                tp(
                    k::FRIEND,
                    "Friend's recommendation",
                    Channel::Social,
                    false,
                    false,
                    Some(METTE),
                    "Hear from someone they trust where to get the bike fixed",
                    "Outside our control: one bad phone experience travels far",
                    "Give pick-up customers a card with 50 kr off for a friend",
                ),
                tp(
                    k::REVIEWS,
                    "Review site",
                    Channel::ReviewSite,
                    true,
                    false,
                    Some(METTE),
                    "Check that the shop is honest and fast before trusting it with the bike",
                    "Recent reviews complain about not getting through on the phone",
                    "Answer every review within a day; ask happy customers for a review at pick-up",
                ),
            ],
        ),
        stage(
            "Consideration",
            vec![
                tp(
                    k::WEBSITE,
                    "Web site",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "Find opening hours, address and whether they can fix my bike",
                    "Slow on mobile; the booking button is below the fold",
                    "Put 'Book a repair' and today's waiting time at the top of the page",
                ),
                tp(
                    k::PRICE_LIST,
                    "Price list page",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "Know what the repair will cost before committing",
                    "Prices for e-bikes are missing, so people call to ask",
                    "Add e-bike prices and a 'from' price for the common repairs",
                ),
                tp(
                    k::CALL_TO_BOOK,
                    "Call to book",
                    Channel::Phone,
                    false,
                    true,
                    Some(SARA),
                    "Get a time for the repair and ask a quick question",
                    "Long waits: the phone rings while Sara serves customers at the counter; many hang up",
                    "Call-back instead of queueing; move bookings to the web; a phone hour before opening",
                ),
            ],
        ),
        stage(
            "Purchase",
            vec![
                tp(
                    k::ONLINE_BOOKING,
                    "Online booking",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "Pick a time that fits, without talking to anyone",
                    "Only whole days can be booked; no confirmation by SMS",
                    "Time slots and an SMS confirmation with a calendar link",
                ),
                tp(
                    k::DROP_OFF,
                    "Drop-off at the counter",
                    Channel::InPerson,
                    false,
                    true,
                    Some(SARA),
                    "Hand in the bike quickly on the way to work and know when it will be ready",
                    "Queue at 10 o'clock; the repair order is written by hand",
                    "Open at 8 for drop-offs; a tablet form that texts the customer a receipt",
                ),
            ],
        ),
        stage(
            "Service",
            vec![
                tp(
                    k::REPAIR_UPDATE,
                    "Repair update by SMS and e-mail",
                    Channel::Email,
                    true,
                    true,
                    Some(TOM),
                    "Know what is being done, what it costs and when to collect",
                    "Extra work is sometimes done before the customer has approved the price",
                    "Ask for approval with one tap before any extra work above 200 kr",
                ),
                tp(
                    k::PICK_UP,
                    "Pick-up and invoice",
                    Channel::InPerson,
                    false,
                    true,
                    Some(TOM),
                    "Get the bike back working and pay without surprises",
                    "The invoice lists part numbers nobody understands",
                    "Explain the repair in one sentence on the invoice; accept MobilePay",
                ),
            ],
        ),
        stage(
            "Loyalty",
            vec![
                tp(
                    k::NEWSLETTER,
                    "Newsletter",
                    Channel::Email,
                    true,
                    true,
                    Some(METTE),
                    "Hear about offers and the season's check-up",
                    "Same newsletter for commuters and racers; low open rate in winter",
                    "Two short newsletters: commuting and sport; a winter-tyre offer in November",
                ),
                tp(
                    k::SERVICE_REMINDER,
                    "Yearly service reminder",
                    Channel::Mail,
                    false,
                    true,
                    Some(METTE),
                    "Remember to get the bike checked before it breaks",
                    "A postcard without a way to book; it arrives in the middle of winter",
                    "Send it by e-mail in March with a one-click booking link",
                ),
            ],
        ),
    ];

    let to_be = vec![
        stage(
            "Awareness",
            vec![
                tp(
                    "tobe_local_ad",
                    "Local Google ad with prices",
                    Channel::Web,
                    true,
                    true,
                    Some(METTE),
                    "Find a nearby shop and its prices in one look",
                    "Fewer clicks overall; must watch the cost per booking, not per click",
                    "Ads limited to Nørrebro and nearby postcodes",
                ),
                tp(
                    "tobe_workshop_video",
                    "Weekly workshop video",
                    Channel::Social,
                    true,
                    true,
                    Some(METTE),
                    "Trust the mechanics before meeting them",
                    "Takes an hour a week of a mechanic's time in the busy season",
                    "A before-and-after repair every Friday",
                ),
                tp(
                    "tobe_friend_card",
                    "Friend card",
                    Channel::InPerson,
                    false,
                    false,
                    Some(METTE),
                    "Pass on a good shop to a friend",
                    "Cards get lost; only works if pick-up is a good moment",
                    "50 kr off for both, handed out at pick-up",
                ),
                tp(
                    "tobe_reviews",
                    "Answered reviews",
                    Channel::ReviewSite,
                    true,
                    false,
                    Some(METTE),
                    "See that the shop listens",
                    "Bad reviews stay visible; answers must not sound defensive",
                    "Every review answered within a day",
                ),
            ],
        ),
        stage(
            "Consideration",
            vec![
                tp(
                    "tobe_website",
                    "Mobile web site with waiting time",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "See whether they can take my bike this week",
                    "The waiting time must be kept up to date by hand until the booking system does it",
                    "Booking button and today's waiting time at the top",
                ),
                tp(
                    "tobe_call_back",
                    "Call-back within an hour",
                    Channel::Phone,
                    false,
                    true,
                    Some(SARA),
                    "Ask a question without waiting in a queue",
                    "A missed call-back is worse than a queue; needs a named person each day",
                    "Leave a number; we call back within an hour",
                ),
            ],
        ),
        stage(
            "Purchase",
            vec![
                tp(
                    "tobe_slot_booking",
                    "Booking with time slots",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "Book a time that fits in a minute",
                    "Slots must leave room for walk-in punctures",
                    "Slots, SMS confirmation and calendar link",
                ),
                tp(
                    "tobe_early_drop_off",
                    "Drop-off from 8 o'clock",
                    Channel::InPerson,
                    false,
                    true,
                    Some(SARA),
                    "Drop the bike on the way to work",
                    "Someone has to open at 8; a lock box for keys is needed",
                    "Tablet form that texts a receipt",
                ),
            ],
        ),
        stage(
            "Service",
            vec![
                tp(
                    "tobe_approve_work",
                    "Approve extra work by SMS",
                    Channel::Email,
                    true,
                    true,
                    Some(TOM),
                    "Decide on extra costs before they happen",
                    "Customers who do not answer hold up the workshop",
                    "One-tap approval with a photo of the worn part",
                ),
                tp(
                    "tobe_pick_up",
                    "Pick-up and pay by MobilePay",
                    Channel::InPerson,
                    false,
                    true,
                    Some(TOM),
                    "Collect and pay in two minutes",
                    "Older customers still want a paper invoice",
                    "Plain-language invoice; ask for a review",
                ),
            ],
        ),
        stage(
            "Loyalty",
            vec![
                tp(
                    "tobe_newsletters",
                    "Commuter and sport newsletters",
                    Channel::Email,
                    true,
                    true,
                    Some(METTE),
                    "Read only what fits my riding",
                    "Two lists to write; subscribers must choose a list",
                    "Two lists, one e-mail a month each",
                ),
                tp(
                    "tobe_spring_check",
                    "Spring check-up reminder",
                    Channel::Email,
                    true,
                    true,
                    Some(METTE),
                    "Get the bike ready for the season",
                    "March is already busy; the reminder may fill the workshop too fast",
                    "E-mail in March with a one-click booking link",
                ),
            ],
        ),
    ];

    let booking = vec![
        stage(
            "Choose how to book",
            vec![
                tp(
                    "booking_prices",
                    "Check the price",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "Know the cost before booking",
                    "E-bike prices missing",
                    "Complete the price list",
                ),
                tp(
                    "booking_phone_queue",
                    "Phone queue",
                    Channel::Phone,
                    false,
                    true,
                    Some(SARA),
                    "Reach a person",
                    "Average wait over ten minutes in season",
                    "Call-back",
                ),
            ],
        ),
        stage(
            "Book",
            vec![
                tp(
                    "booking_form",
                    "Booking form",
                    Channel::Web,
                    true,
                    true,
                    Some(JONAS),
                    "Pick a day",
                    "Whole days only",
                    "Time slots",
                ),
                tp(
                    "booking_phone_booked",
                    "Booked by phone",
                    Channel::Phone,
                    false,
                    true,
                    Some(SARA),
                    "Get a confirmed time",
                    "Written in the paper calendar only",
                    "Type it into the online calendar",
                ),
            ],
        ),
        stage(
            "Confirm",
            vec![tp(
                "booking_confirmation",
                "Booking confirmation",
                Channel::Email,
                true,
                true,
                Some(JONAS),
                "Be sure the time is booked",
                "No confirmation after phone bookings",
                "SMS confirmation for every booking",
            )],
        ),
    ];

    vec![
        ImportJourney {
            name: "Repair and service".to_owned(),
            description: "How a customer finds us, books a repair or service, hands in the bike, \
                          collects it and comes back next season."
                .to_owned(),
            variant: JourneyVariant::AsIs,
            counterpart_of: None,
            parent: None,
            stages: as_is,
        },
        ImportJourney {
            name: "Repair and service (redesigned)".to_owned(),
            description: "The same journey as we want it: no phone queue, bookings with time \
                          slots, early drop-off and approval of extra work by SMS."
                .to_owned(),
            variant: JourneyVariant::ToBe,
            counterpart_of: Some(0),
            parent: None,
            stages: to_be,
        },
        ImportJourney {
            name: "Booking an appointment".to_owned(),
            description: "Only the booking stretch of the repair journey, where the phone queue \
                          loses customers."
                .to_owned(),
            variant: JourneyVariant::AsIs,
            counterpart_of: None,
            parent: Some(0),
            stages: booking,
        },
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

fn stage(name: &str, touchpoints: Vec<ImportTouchpoint>) -> ImportStage {
    ImportStage {
        name: name.to_owned(),
        touchpoints,
    }
}

#[allow(clippy::too_many_arguments)]
fn tp(
    key: &str,
    name: &str,
    channel: Channel,
    digital: bool,
    owned: bool,
    owner: Option<usize>,
    goal: &str,
    pain_points: &str,
    ideas: &str,
) -> ImportTouchpoint {
    ImportTouchpoint {
        key: key.to_owned(),
        name: name.to_owned(),
        channel,
        digital,
        owned,
        owner,
        customer_goal: goal.to_owned(),
        pain_points: pain_points.to_owned(),
        ideas: ideas.to_owned(),
    }
}
