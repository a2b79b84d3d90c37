# Kunde's English messages. Every key here must exist in da.ftl, sv.ftl and tl.ftl too.

app-name = Kunde
app-tagline = Customer experience for small businesses
nav-overview = Overview
nav-customers = Customers
nav-journeys = Journeys
nav-settings = Settings
nav-signout = Sign out
nav-skip = Skip to content
nav-main = Main navigation
lang-label = Language
lang-save = Change language

signin-title = Sign in
signin-email = E-mail
signin-password = Password
signin-submit = Sign in
signin-failed = Wrong e-mail or password.
signout-done = You are signed out.

setup-title = Welcome to Kunde
setup-intro = Set up your business. You become its owner and can invite your staff afterwards.
setup-business = Business name
setup-owner-name = Your name
setup-language = Default language
setup-currency = Currency
setup-submit = Create my workspace

overview-title = Overview
overview-customers = Customers
overview-events = Touchpoint events
overview-orders = Orders
overview-revenue = Revenue
overview-journeys = Journeys
overview-empty = Your workspace is empty. Add your first customer or map a journey to get started.
overview-facts = Worth remembering
fact-half = The average small business loses half of its customers within three years.
fact-complain = Only about 4 % of dissatisfied customers complain; the other 96 % tell others.
fact-moments = It takes about twelve good moments to make up for one bad one.

customers-title = Customers
customers-search = Search by name or e-mail
customers-search-submit = Search
customers-new = New customer
customers-none = No customers match.
customers-count = { $n ->
    [one] One customer
   *[other] { $n } customers
}
col-name = Name
col-email = E-mail
col-phone = Phone
col-language = Preferred language
col-channel = Acquisition channel
col-cost = Acquisition cost
col-consent = Marketing consent
col-created = Customer since
col-when = When
col-what = What
col-detail = Details
col-amount = Amount
page-prev = Previous page
page-next = Next page
page-of = Page { $n }

customer-edit = Edit
customer-timeline = Timeline
customer-timeline-empty = Nothing has happened with this customer yet.
customer-details = Details
timeline-event = Interaction
timeline-order = Order
customer-form-new = New customer
customer-form-edit = Edit customer
customer-created = Customer created.
customer-saved = Customer saved.
channel-unknown = Unknown
form-save = Save
form-cancel = Cancel
form-optional = optional
yes = Yes
no = No

journeys-title = Journeys
journeys-none = No journeys yet. Create the first one below.
journeys-new = New journey
journey-name = Name
journey-description = Description
journey-variant = Version
variant-as_is = As-is
variant-to_be = To-be
journey-redesign-of = Redesign of { $name }
journey-part-of = Part of { $name }
journey-redesigns = Redesigns
journey-parts = Sub-journeys
journey-create = Create journey
journey-created = Journey created with the default stages.
journey-stage-empty = No touchpoints in this stage yet.
journey-stages = { $n ->
    [one] One stage
   *[other] { $n } stages
}
tp-channel = Channel
tp-digital = Digital
tp-physical = Physical
tp-owned = Owned by us
tp-not-owned = Outside our control
tp-owner = Owner
tp-goal = Customer's goal
tp-pain = Pain points
tp-ideas = Ideas
tp-add = Add touchpoint
tp-added = Touchpoint added.
tp-stage = Stage
tp-name = Touchpoint
tp-nobody = Nobody
tp-control = Control
tp-kind = Kind

channel-web = Web
channel-phone = Phone
channel-email = E-mail
channel-in_person = In person
channel-social = Social media
channel-review_site = Review site
channel-mail = Mail
channel-other = Other

settings-title = Settings
settings-workspace = Business
settings-saved = Settings saved.
users-title = Staff
users-invite = Invite a colleague
users-role = Role
role-owner = Owner
role-staff = Staff
users-status = Status
users-active = Active
users-invited = Invited
users-invite-submit = Create invitation
users-invite-link = Send this link to { $name }. It works once, for seven days:
invite-title = Join { $name }
invite-intro = Choose a password to finish creating your account.
invite-submit = Set password and sign in
invite-invalid = This invitation link is not valid any more. Ask the owner for a new one.
password-new = New password

error-empty = { $field } must not be empty.
error-too-long = { $field } is too long (at most { $max } characters).
error-email = “{ $value }” is not a valid e-mail address.
error-phone = “{ $value }” is not a valid phone number.
error-password-short = The password must be at least { $min } characters.
error-language = Choose one of the offered languages.
error-channel = Choose one of the offered channels.
error-money = “{ $value }” is not a valid amount.
error-role = Choose owner or staff.
error-duplicate-email = Someone with this e-mail address already exists.
error-form = Please correct the fields marked below.
error-csrf = The form had expired. Go back, reload the page and try again.
error-forbidden = Only the owner may open this page.
error-not-found = This page does not exist, or it belongs to another business.
error-internal = Something went wrong on our side. Please try again.
error-bad-request = The request could not be understood.
error-title = Something is not right
error-back = Back to the start
error-setup-done = This Kunde is already set up. Sign in instead.

stage-awareness = Awareness
stage-consideration = Consideration
stage-purchase = Purchase
stage-service = Service
stage-loyalty = Loyalty

## journey map
journey-edit = Edit journey
journey-edit-named = Edit { $name }
journey-save = Save journey
journey-compare = As-is and to-be side by side
journey-delete = Delete this journey
journey-delete-named = Delete “{ $name }”…
map-download-svg = Download SVG
map-download-png = Download PNG
map-caption = Card colours: the share of customers who reached the touchpoint and went on to a later stage (in the last stage: who came back). Arrows: customers going back to an earlier touchpoint. Printing gives one landscape page.
map-cards-title = Touchpoints in detail
map-owner = Owner: { $name }
map-no-owner = No owner
map-went-on = { $reached } reached · { $share } went on
map-came-back = { $reached } reached · { $share } came back
map-no-events = No events recorded yet
map-customers = { $n ->
    [one] one customer in the data
   *[other] { $n } customers in the data
}
map-emotion-derived = Customer emotion per stage — no survey answers yet, so drawn from the share of customers who go on from each stage
map-good = Most go on (50 % or more)
map-mixed = Some drop off or fail (30–50 % go on, or 15 % fail)
map-poor = Many drop off or fail (under 30 % go on, or 30 % fail)
map-no-data = Too few customers to tell
map-loops = Customers going back (thicker: more customers)
map-edit = Edit
map-delete = Delete
map-move-up = Move { $name } up
map-move-down = Move { $name } down
tp-edit-named = Edit { $name }
tp-delete-named = Delete { $name }
map-stages-title = Stages
stage-name = Stage name
stage-rename-named = Rename { $name }
stage-delete-named = Delete stage { $name }
stage-touchpoints = { $n ->
    [one] one touchpoint
   *[other] { $n } touchpoints
}
stage-new = New stage
stage-add = Add stage
map-confirm-delete-journey = Delete the journey “{ $name }”?
map-confirm-delete-stage = Delete the stage “{ $name }”?
map-confirm-delete-touchpoint = Delete the touchpoint “{ $name }”?
map-confirm-cannot-undo = This cannot be undone. It also deletes:
map-confirm-stages = { $n ->
    [one] one stage
   *[other] { $n } stages
}
map-confirm-touchpoints = { $n ->
    [one] one touchpoint
   *[other] { $n } touchpoints
}
map-confirm-events = { $n ->
    [one] one recorded customer event
   *[other] { $n } recorded customer events
}
tobe-title = Plan a redesign
tobe-intro = Copies every stage and touchpoint into a new to-be journey linked to this one. Change the copy freely; the as-is numbers stay next to each step.
tobe-create = Create a to-be version
tobe-default-name = { $name } (to-be)
tobe-asis-touchpoint = As-is “{ $name }”: { $reached } reached, { $went } went on, { $dropped } dropped off
tobe-asis-new = New in the to-be journey: no as-is data yet
tobe-asis-stage = As-is funnel: { $reached } customers reached this stage ({ $previous } of the stage before); { $dropped } went no further
compare-intro = The journey as it is today next to the redesign. Each to-be step shows what the as-is data says about the same touchpoint (matched by name).
subjourney-title = Sub-journey for one stretch
subjourney-intro = Copies the stages from the first to the last chosen (with their touchpoints) into a new journey that is part of this one, for example only “booking”.
subjourney-name = Name of the sub-journey
subjourney-first = From stage
subjourney-last = To stage
subjourney-create = Create sub-journey
subjourney-error-range = The first stage must come before (or be) the last stage.
map-done-journey-saved = Journey saved.
map-done-journey-deleted = Journey deleted.
map-done-stage-added = Stage added.
map-done-stage-saved = Stage renamed.
map-done-stage-deleted = Stage deleted.
map-done-tp-saved = Touchpoint saved.
map-done-tp-deleted = Touchpoint deleted.
map-done-tobe-created = To-be version created: change it freely.
map-done-sub-created = Sub-journey created.
map-done-moved = Order changed.
map-failed = { $share } failed (hung up, gave up)
tp-counterpart = Redesign of (as-is touchpoint)
tp-counterpart-none = None: a new step
