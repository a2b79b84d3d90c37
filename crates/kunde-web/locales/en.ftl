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

## API keys and the web snippet
apikeys-title = API keys
apikeys-intro = Keys let your own systems send events to Kunde. A secret key stays on your servers. A publishable key goes into the web snippet on your site: it can only add anonymous page views and clicks, and it can read nothing.
apikeys-docs = API reference (OpenAPI)
apikeys-none = There are no keys yet.
apikeys-name = Name
apikeys-kind = Kind
apikeys-kind-secret = Secret (for your servers)
apikeys-kind-publishable = Publishable (for the web snippet)
apikeys-kind-invalid = Choose secret or publishable.
apikeys-key = Key
apikeys-created = Created
apikeys-revoked = Revoked { $name }
apikeys-revoke = Revoke
apikeys-revoke-named = Revoke the key { $name }
apikeys-new = New API key
apikeys-create = Create key
apikeys-shown-once = Here is the key “{ $name }”. Copy it now: it is shown only this once.
apikeys-snippet = Put this on every page of your site, just before </body>, and replace TOUCHPOINT_ID with the touchpoint that page views belong to:
