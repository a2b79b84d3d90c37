//! The demo shop's journey maps: the repair-and-service journey as it is today, the
//! redesign the owner is planning, and the booking stretch analysed on its own. Written as
//! data, in the words an owner would use on a whiteboard.

use kunde_domain::{Channel, ImportJourney, ImportStage, ImportTouchpoint, JourneyVariant};

use crate::business::touchpoints as k;
use crate::business::{JONAS, METTE, SARA, TOM};

/// The as-is journey (index 0), its redesign (index 1) and the booking sub-journey (index 2).
pub fn journeys() -> Vec<ImportJourney> {
    let as_is = vec![
        stage(
            "Awareness",
            vec![
                tp(k::GOOGLE_AD, "Google ad", Channel::Web, METTE)
                    .goal("Find a bike repair shop nearby, fast")
                    .pain("About 250 kr per new customer; many clicks come from outside Copenhagen")
                    .idea("Target Nørrebro and nearby postcodes; show the service price in the ad"),
                tp(k::SOCIAL_POST, "Instagram post", Channel::Social, METTE)
                    .goal("Get inspired, see that the shop is friendly and local")
                    .pain("Posts are irregular; few followers outside the spring season")
                    .idea("Post a weekly before-and-after of a repair; film the workshop"),
                tp(k::FRIEND, "Friend's recommendation", Channel::Social, METTE)
                    .outside()
                    .physical()
                    .goal("Hear from someone they trust where to get the bike fixed")
                    .pain("Outside our control: one bad phone experience travels far")
                    .idea("Give pick-up customers a card with 50 kr off for a friend"),
                tp(k::REVIEWS, "Review site", Channel::ReviewSite, METTE)
                    .outside()
                    .goal("Check that the shop is honest and fast before trusting it with the bike")
                    .pain("Recent reviews complain about not getting through on the phone")
                    .idea("Answer every review within a day; ask for a review at pick-up"),
            ],
        ),
        stage(
            "Consideration",
            vec![
                tp(k::WEBSITE, "Web site", Channel::Web, JONAS)
                    .goal("Find opening hours, address and whether they can fix my bike")
                    .pain("Slow on mobile; the booking button is below the fold")
                    .idea("Put 'Book a repair' and today's waiting time at the top of the page"),
                tp(k::PRICE_LIST, "Price list page", Channel::Web, JONAS)
                    .goal("Know what the repair will cost before committing")
                    .pain("Prices for e-bikes are missing, so people call to ask")
                    .idea("Add e-bike prices and a 'from' price for the common repairs"),
                tp(k::CALL_TO_BOOK, "Call to book", Channel::Phone, SARA)
                    .goal("Get a time for the repair and ask a quick question")
                    .pain("Long waits: Sara serves the counter while the phone rings; many hang up")
                    .idea("Call-backs instead of a queue; bookings on the web; a phone hour at 9"),
            ],
        ),
        stage(
            "Purchase",
            vec![
                tp(k::ONLINE_BOOKING, "Online booking", Channel::Web, JONAS)
                    .goal("Pick a time that fits, without talking to anyone")
                    .pain("Only whole days can be booked; no confirmation by SMS")
                    .idea("Time slots and an SMS confirmation with a calendar link"),
                tp(
                    k::DROP_OFF,
                    "Drop-off at the counter",
                    Channel::InPerson,
                    SARA,
                )
                .goal("Hand in the bike on the way to work and know when it will be ready")
                .pain("Queue at 10 o'clock; the repair order is written by hand")
                .idea("Open at 8 for drop-offs; a tablet form that texts the customer a receipt"),
            ],
        ),
        stage(
            "Service",
            vec![
                tp(
                    k::REPAIR_UPDATE,
                    "Repair update by SMS and e-mail",
                    Channel::Email,
                    TOM,
                )
                .goal("Know what is being done, what it costs and when to collect")
                .pain("Extra work is sometimes done before the customer has approved the price")
                .idea("Ask for approval with one tap before any extra work above 200 kr"),
                tp(k::PICK_UP, "Pick-up and invoice", Channel::InPerson, TOM)
                    .goal("Get the bike back working and pay without surprises")
                    .pain("The invoice lists part numbers nobody understands")
                    .idea("Explain the repair in one sentence on the invoice; accept MobilePay"),
            ],
        ),
        stage(
            "Loyalty",
            vec![
                tp(k::NEWSLETTER, "Newsletter", Channel::Email, METTE)
                    .goal("Hear about offers and the season's check-up")
                    .pain("Same newsletter for commuters and racers; low open rate in winter")
                    .idea("Two newsletters, commuting and sport; a winter-tyre offer in November"),
                tp(
                    k::SERVICE_REMINDER,
                    "Yearly service reminder",
                    Channel::Mail,
                    METTE,
                )
                .goal("Remember to get the bike checked before it breaks")
                .pain("A postcard without a way to book; it arrives in the middle of winter")
                .idea("Send it by e-mail in March with a one-click booking link"),
            ],
        ),
    ];

    // The redesign answers the as-is pain points, so each card's pain points are the risks
    // that remain.
    let to_be = vec![
        stage(
            "Awareness",
            vec![
                tp(
                    "tobe_local_ad",
                    "Local Google ad with prices",
                    Channel::Web,
                    METTE,
                )
                .goal("Find a nearby shop and its prices in one look")
                .pain("Fewer clicks overall; must watch the cost per booking, not per click")
                .idea("Ads limited to Nørrebro and nearby postcodes"),
                tp(
                    "tobe_workshop_video",
                    "Weekly workshop video",
                    Channel::Social,
                    METTE,
                )
                .goal("Trust the mechanics before meeting them")
                .pain("Takes an hour a week of a mechanic's time in the busy season")
                .idea("A before-and-after repair every Friday"),
                tp("tobe_friend_card", "Friend card", Channel::InPerson, METTE)
                    .outside()
                    .goal("Pass on a good shop to a friend")
                    .pain("Cards get lost; only works if pick-up is a good moment")
                    .idea("50 kr off for both, handed out at pick-up"),
                tp(
                    "tobe_reviews",
                    "Answered reviews",
                    Channel::ReviewSite,
                    METTE,
                )
                .outside()
                .goal("See that the shop listens")
                .pain("Bad reviews stay visible; answers must not sound defensive")
                .idea("Every review answered within a day"),
            ],
        ),
        stage(
            "Consideration",
            vec![
                tp(
                    "tobe_website",
                    "Mobile web site with waiting time",
                    Channel::Web,
                    JONAS,
                )
                .goal("See whether they can take my bike this week")
                .pain("The waiting time is updated by hand until the booking system does it")
                .idea("Booking button and today's waiting time at the top"),
                tp(
                    "tobe_call_back",
                    "Call-back within an hour",
                    Channel::Phone,
                    SARA,
                )
                .goal("Ask a question without waiting in a queue")
                .pain("A missed call-back is worse than a queue; needs a named person each day")
                .idea("Leave a number; we call back within an hour"),
            ],
        ),
        stage(
            "Purchase",
            vec![
                tp(
                    "tobe_slot_booking",
                    "Booking with time slots",
                    Channel::Web,
                    JONAS,
                )
                .goal("Book a time that fits in a minute")
                .pain("Slots must leave room for walk-in punctures")
                .idea("Slots, SMS confirmation and calendar link"),
                tp(
                    "tobe_early_drop_off",
                    "Drop-off from 8 o'clock",
                    Channel::InPerson,
                    SARA,
                )
                .goal("Drop the bike on the way to work")
                .pain("Someone has to open at 8; a lock box for keys is needed")
                .idea("Tablet form that texts a receipt"),
            ],
        ),
        stage(
            "Service",
            vec![
                tp(
                    "tobe_approve_work",
                    "Approve extra work by SMS",
                    Channel::Email,
                    TOM,
                )
                .goal("Decide on extra costs before they happen")
                .pain("Customers who do not answer hold up the workshop")
                .idea("One-tap approval with a photo of the worn part"),
                tp(
                    "tobe_pick_up",
                    "Pick-up and pay by MobilePay",
                    Channel::InPerson,
                    TOM,
                )
                .goal("Collect and pay in two minutes")
                .pain("Older customers still want a paper invoice")
                .idea("Plain-language invoice; ask for a review"),
            ],
        ),
        stage(
            "Loyalty",
            vec![
                tp(
                    "tobe_newsletters",
                    "Commuter and sport newsletters",
                    Channel::Email,
                    METTE,
                )
                .goal("Read only what fits my riding")
                .pain("Two lists to write; subscribers must choose a list")
                .idea("Two lists, one e-mail a month each"),
                tp(
                    "tobe_spring_check",
                    "Spring check-up reminder",
                    Channel::Email,
                    METTE,
                )
                .goal("Get the bike ready for the season")
                .pain("March is already busy; the reminder may fill the workshop too fast")
                .idea("E-mail in March with a one-click booking link"),
            ],
        ),
    ];

    let booking = vec![
        stage(
            "Choose how to book",
            vec![
                tp("booking_prices", "Check the price", Channel::Web, JONAS)
                    .goal("Know the cost before booking")
                    .pain("E-bike prices missing")
                    .idea("Complete the price list"),
                tp("booking_phone_queue", "Phone queue", Channel::Phone, SARA)
                    .goal("Reach a person")
                    .pain("Average wait over ten minutes in season")
                    .idea("Call-back"),
            ],
        ),
        stage(
            "Book",
            vec![
                tp("booking_form", "Booking form", Channel::Web, JONAS)
                    .goal("Pick a day")
                    .pain("Whole days only")
                    .idea("Time slots"),
                tp(
                    "booking_phone_booked",
                    "Booked by phone",
                    Channel::Phone,
                    SARA,
                )
                .goal("Get a confirmed time")
                .pain("Written in the paper calendar only")
                .idea("Type it into the online calendar"),
            ],
        ),
        stage(
            "Confirm",
            vec![
                tp(
                    "booking_confirmation",
                    "Booking confirmation",
                    Channel::Email,
                    JONAS,
                )
                .goal("Be sure the time is booked")
                .pain("No confirmation after phone bookings")
                .idea("SMS confirmation for every booking"),
            ],
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

fn stage(name: &str, touchpoints: Vec<Tp>) -> ImportStage {
    ImportStage {
        name: name.to_owned(),
        touchpoints: touchpoints.into_iter().map(|t| t.0).collect(),
    }
}

/// A touchpoint card being filled in: owned by the business and as digital as its channel
/// usually is, unless said otherwise.
struct Tp(ImportTouchpoint);

fn tp(key: &str, name: &str, channel: Channel, owner: usize) -> Tp {
    Tp(ImportTouchpoint {
        key: key.to_owned(),
        name: name.to_owned(),
        channel,
        digital: channel.is_digital(),
        owned: true,
        owner: Some(owner),
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    })
}

impl Tp {
    /// Outside the business's control, such as friends or a review site.
    fn outside(mut self) -> Self {
        self.0.owned = false;
        self
    }

    /// Happens mostly face to face, whatever the channel.
    fn physical(mut self) -> Self {
        self.0.digital = false;
        self
    }

    fn goal(mut self, s: &str) -> Self {
        self.0.customer_goal = s.to_owned();
        self
    }

    fn pain(mut self, s: &str) -> Self {
        self.0.pain_points = s.to_owned();
        self
    }

    fn idea(mut self, s: &str) -> Self {
        self.0.ideas = s.to_owned();
        self
    }
}
