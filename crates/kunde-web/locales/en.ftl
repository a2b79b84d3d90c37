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
## Import and manual logging
nav-import = Import
import-title = Import
import-intro = Bring in customers, orders or events from a CSV file, such as an export from your shop or till. Every row is checked first; nothing is stored unless every row is right.
import-kind = What the file holds
import-kind-customers = Customers
import-kind-orders = Orders
import-kind-events = Events (interactions)
import-preset = Format
import-preset-generic = Generic (column names in English, Danish or Swedish)
import-preset-shopify = Shopify export
import-file = CSV file
import-file-help = Comma, semicolon or tab separated. Dates like 31-12-2025 or 2025-12-31, amounts like 1.234,50. Customers are matched by e-mail address, touchpoints by name.
import-upload = Upload and continue
import-mapping = Which column holds what
import-column = Column in the file
import-field = Kunde field
import-check = Check every row
import-preview = The first rows
import-line = Line
import-reason = Why
import-result = Result of the check
import-ready = All { $rows } rows are fine: { $ready } records are ready to import.
import-rejected = { $n } of { $rows } rows were rejected.
import-nothing = Nothing has been imported. Correct the lines below in the file, or change the column mapping, and try again.
import-run = Import now
import-cancel = Cancel the import
import-running = Importing…
import-done = Import finished: { $inserted } added, { $skipped } skipped because they were already there, { $created } new customers created from orders.
import-cancelled = The import was cancelled. Nothing was imported.
import-failed = The import failed and nothing was imported. Please try again.
import-another = Import another file
import-error-io = The file could not be read.
import-error-empty = Choose a CSV file with a header line and what it holds.
import-error-empty-header = The header line has a column without a name. Give every column a name.
import-error-duplicate-header = The header line names the same column twice.
import-error-csv = The file is not valid CSV: { $detail }
import-map-syntax = Write the mapping as header=field.
import-map-unknown-header = The file has no such column.
import-map-unknown-field = Choose one of the offered fields.
import-map-missing = Choose the column that holds “{ $field }”; this import needs it.
import-map-twice = Two columns are set to “{ $field }”; choose one.
import-row-columns = The row has { $found } columns; the header has { $expected }.
import-row-missing = { $field } is missing.
import-row-invalid = { $field }: { $reason }
import-row-date = { $field }: “{ $value }” is not a date. Write 31-12-2025, 31.12.2025 or 2025-12-31, with a time if you like.
import-row-amount = { $field }: “{ $value }” is not an amount. Write 1234,50 or 1.234,50.
import-row-quantity = Quantity “{ $value }” is not a whole number of at least 1.
import-row-bool = { $field }: “{ $value }” is neither yes nor no.
import-row-currency = The amount is in { $found }, but this business keeps its books in { $expected }.
import-row-duplicate-email = The e-mail address { $email } is already on line { $line }.
import-row-order-mismatch = Order { $reference } has the e-mail { $email } here but another one on line { $line }.
import-row-unknown-touchpoint = There is no touchpoint named “{ $name }”. Add it to a journey first.
import-row-unknown-customer = There is no customer with the e-mail { $email }. Import the customers first.
log-title = Log an interaction
log-no-touchpoints = Add touchpoints to a journey first; interactions are logged at a touchpoint.
log-touchpoint = Touchpoint
log-channel = Channel
log-time = When
log-note = Note
log-amount = Amount
log-submit = Log interaction
log-done = The interaction was logged.
log-error-touchpoint = Choose one of the offered touchpoints.
log-error-time = “{ $value }” is not a time. Choose a date and time.
import-field-email = E-mail
import-field-name = Name
import-field-first_name = First name
import-field-last_name = Last name
import-field-phone = Phone
import-field-language = Language
import-field-consent = Marketing consent
import-field-acquisition_channel = Acquisition channel
import-field-acquisition_cost = Acquisition cost
import-field-created_at = Customer since
import-field-order = Order number
import-field-customer_name = Customer name
import-field-ordered_at = Order date
import-field-paid = Paid
import-field-currency = Currency
import-field-product = Product
import-field-quantity = Quantity
import-field-unit_price = Unit price
import-field-total = Order total
import-field-touchpoint = Touchpoint
import-field-occurred_at = Time
import-field-channel = Channel
import-field-amount = Amount
import-field-note = Note
import-field-ignore = (ignore this column)
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
## Journey analytics (funnel and paths)
nav-analytics = Analytics
analytics-funnel-title = Funnel
analytics-paths-title = Paths
analytics-funnel-intro = How many customers go through the chosen touchpoints in order within the window, where they drop off and how long each step takes. Other touchpoints in between and going back are allowed.
analytics-paths-intro = What customers did after (or before) a touchpoint, step by step, loops and going back included.
analytics-steps = Steps in order
analytics-step = Step
analytics-window = Window
analytics-window-unit = Unit of the window
analytics-unit-days = days
analytics-unit-hours = hours
analytics-breakdown = Breakdown
analytics-breakdown-none = None
analytics-breakdown-channel = By acquisition channel
analytics-breakdown-month = By month of the first step
analytics-show = Show
analytics-empty = There are no customer events to analyse yet, or fewer than two steps are chosen.
analytics-funnel-chart = Funnel chart; the same numbers are in the table below.
analytics-steps-table = Customers per step
analytics-touchpoint = Touchpoint
analytics-customers = Customers
analytics-of-first = Of the first step
analytics-of-previous = Of the previous step
analytics-dropped = Dropped here
analytics-median-time = Median time from the previous step
analytics-p90-time = 90 % took at most
analytics-download-csv = Download as CSV
analytics-breakdown-table = Breakdown
analytics-group = Group
analytics-conversion = Conversion
analytics-where-they-went = Where did they go instead?
analytics-reached-at = Reached the step
analytics-anchor = Touchpoint
analytics-direction = Direction
analytics-direction-after = What they did after it
analytics-direction-before = What they did before it
analytics-depth = Steps to follow
analytics-top = Largest links shown
analytics-repeats = Repeated visits in a row
analytics-repeats-merge = Count as one step
analytics-repeats-keep = Count every visit
analytics-back-to-funnel = Back to the funnel
analytics-paths-none = No customer has this touchpoint in the chosen view.
analytics-paths-chart = Flow (Sankey) chart; the same numbers are in the tables below.
analytics-links-table = Links between steps (the step number is in brackets)
analytics-from = From
analytics-to = To
analytics-top-paths = Most common paths
analytics-path = Path
analytics-paths-view = View
analytics-table = Table
analytics-drop-step = Drop-off step
analytics-no-channel = (no channel)
analytics-minutes = { $n } min
analytics-hours = { $n } h
analytics-days = { $n } days
analytics-funnel-summary = { $entered } customers reached the first step; { $converted } of them went through every step within { $window } ({ $percent } %).
analytics-dropped-title = Customers who stopped after step { $n }, { $step } ({ $count })
analytics-dropped-more = … and { $n } more: download the CSV for the full list.
analytics-paths-drop-title = Where the { $count } customers who stopped after step { $n }, { $step }, went next
analytics-paths-no-drop = Nobody dropped out of this funnel.
analytics-paths-after-title = After { $step }: { $count } customers
analytics-paths-before-title = Before { $step }: { $count } customers
analytics-error-range = { $field }: “{ $value }” is not allowed. Give a whole number from { $min } to { $max }.
analytics-error-choice = { $field }: “{ $value }” is not one of the choices. Pick one from the list.
analytics-error-step = Step { $n }: “{ $value }” is not a touchpoint of this business. Pick one from the list.
analytics-error-steps = Choose at least two steps (at most { $max }).
tp-counterpart = Redesign of (as-is touchpoint)
tp-counterpart-none = None: a new step

# --- voc ---
voc-nav-results = Results
voc-results-title = Survey results
voc-surveys = Surveys
voc-survey = Survey
voc-kind = Kind
voc-responses = Responses
voc-no-surveys = No surveys yet. Create one under Surveys.
voc-by-touchpoint = Results by touchpoint
voc-survey-count = { $n ->
    [one] { $n } survey
   *[other] { $n } surveys
}
voc-response-count = { $n ->
    [one] { $n } response
   *[other] { $n } responses
}
voc-customer-survey = Customer survey
voc-employee-survey = Employee survey (anonymous)
voc-touchpoint-results = All customer surveys at this touchpoint
voc-touchpoint-link = All surveys at { $name }
voc-no-responses = No answers yet.
voc-scores = Scores
voc-measure = Measure
voc-value = Value
voc-interval = 95 % interval
voc-answers = Answers
voc-interval-note = NPS runs from −100 to 100, CSAT is the share of 4–5 answers in percent, CES is the mean effort from 1 (very easy) to 7 (very hard). The interval shows how sure the figure is: with few answers it is wide.
voc-nps = NPS
voc-csat = CSAT %
voc-ces = CES
voc-trend = Trend by month
voc-month = Month
voc-gap = Expectation gap
voc-gap-note = What customers expected and what they got, from 0 (bad) to 3 (excellent). A negative gap is a disappointment.
voc-question = Question
voc-expected = Expected
voc-experienced = Experienced
voc-gap-column = Gap
voc-choices = Choices
voc-option = Option
voc-segment-language = By language
voc-segment-channel = By answer channel
voc-segment-acquisition = By acquisition channel
voc-themes = Themes in free-text answers
voc-themes-note = Words and phrases that recur in several answers. Open one to read the answers behind it.
voc-answers-title = Answers
voc-answers-theme = Answers mentioning “{ $name }”
voc-all-answers = All answers
voc-when = When
voc-customer = Customer
voc-via = Via
voc-text = Text
voc-anonymous = Anonymous
voc-answers-more = { $n ->
    [one] { $n } more response is in the CSV download.
   *[other] { $n } more responses are in the CSV download.
}
voc-via-link = Link
voc-via-qr = QR code
voc-via-email = E-mail
voc-via-paper = Paper
voc-via-widget = Web widget
voc-engagement = Engagement by team
voc-anonymous-note = { $n ->
    [one] Answers are anonymous. A group's score is shown from { $n } answer.
   *[other] Answers are anonymous. A group's score is shown only from { $n } answers up.
}
voc-group-by = Group by
voc-team = Team
voc-location = Location
voc-enps = eNPS
voc-enps-overall = eNPS overall
voc-customer-csat = Customer CSAT (answers)
voc-group-hidden = { $n ->
    [one] Too few answers to show (fewer than { $n })
   *[other] Too few answers to show (fewer than { $n })
}
voc-correlation = Engagement and customer satisfaction across teams: r = { $r } over { $n } teams (p = { $p }).
voc-correlation-none = A correlation needs at least three teams with enough answers and customer CSAT.
voc-followups-title = Follow-ups
voc-followups-intro = A detractor (NPS 0–6) or a low CSAT (1–2) opens a follow-up for the touchpoint's owner, due in three days. Record what was done to close it.
voc-followups-open = { $n ->
    [one] { $n } open follow-up
   *[other] { $n } open follow-ups
}
voc-followups-overdue = { $n ->
    [one] { $n } overdue
   *[other] { $n } overdue
}
voc-followups-none = No open follow-ups.
voc-followups-closed = Closed follow-ups
voc-overdue = Overdue
voc-reason = Reason
voc-reason-detractor = Detractor
voc-reason-low-csat = Low CSAT
voc-touchpoint = Touchpoint
voc-owner = Owner
voc-no-owner = nobody assigned
voc-answered = Answered
voc-due = Due
voc-what-was-done = What was done
voc-close-followup = Close follow-up
voc-closed-by = Closed by
voc-closed-at = Closed
voc-followup-closed = Follow-up closed.
voc-followup-already-closed = This follow-up was already closed.
voc-action-required = Write what was done before closing the follow-up.
voc-action-too-long = Keep it to { $max } characters.
voc-invite-title = Invite by e-mail
voc-invite-intro = Each customer gets a personal link in their own language. Customers asked in the last { $fatigue } days are skipped; a reminder goes out after { $reminder } days if they have not answered (0 = none).
voc-invite-all = { $n ->
    [one] Invite the { $n } customer who may be asked now
   *[other] Invite all { $n } customers who may be asked now
}
voc-invite-pick = Or choose customers
voc-invite-send = Invite the chosen customers
voc-invite-done = { $sent } invitations queued, { $skipped } customers skipped.
voc-invite-employee = Employee surveys are answered anonymously through the public link, not by personal invitation.
voc-invite-not-live = The survey must be live before invitations can be sent.
voc-invite-no-smtp = Set up the e-mail server first.
voc-email-settings = E-mail settings
voc-skip-no-email = no e-mail address
voc-skip-no-consent = no marketing consent
voc-skip-unsubscribed = unsubscribed
voc-skip-already-invited = already invited
voc-skip-fatigue = asked recently; again from { $date }
voc-mail-invite-subject = { $business } would like your opinion
voc-mail-invite-body = Hello { $name },

    { $business } would like to hear how it went: “{ $survey }”. It takes a minute:

    { $link }

    The link is yours alone. If you do not want survey invitations from { $business } any more: { $unsubscribe }
voc-mail-reminder-subject = A reminder: { $business } would like your opinion
voc-mail-reminder-body = Hello { $name },

    a few days ago { $business } asked how it went: “{ $survey }”. If you have a minute, your answer helps:

    { $link }

    If you do not want survey invitations from { $business } any more: { $unsubscribe }
voc-unsubscribe-title = Survey invitations
voc-unsubscribe-question = Do you want to stop receiving survey invitations by e-mail?
voc-unsubscribe-button = Stop survey invitations
voc-unsubscribe-done = Done. You will not get survey invitations from us any more.
voc-unsubscribe-unknown = This link is not valid.
voc-too-many = Too many requests. Please wait a minute and try again.
voc-timeline-survey = Survey answer
# --- mail ---
mail-title = E-mail
mail-intro = Kunde sends survey invitations, replies to customers and escalations through your own mail server. Fill in what your e-mail provider gives for SMTP, then send a test e-mail.
mail-settings-link = E-mail server and test e-mail
mail-host = SMTP server
mail-port = Port
mail-security = Connection security
mail-security-starttls = STARTTLS (usually port 587)
mail-security-tls = TLS (usually port 465)
mail-security-none = None (only for a server on this machine)
mail-username = User name (leave empty if the server needs no login)
mail-password = Password
mail-password-kept = A password is saved. Leave the field empty to keep it.
mail-from-address = Sender address
mail-from-name = Sender name
mail-error-host = Enter the mail server's host name, such as smtp.example.dk.
mail-error-port = Enter a port number between 1 and 65535.
mail-error-subject = A message needs a subject.
mail-test-title = Send a test e-mail
mail-test-to = Send it to
mail-test-send = Send test e-mail
mail-test-subject = Test e-mail from { $name }
mail-test-body = This is a test e-mail from Kunde for { $name }. If you can read it, e-mail works.
mail-test-sent = The mail server accepted the test e-mail to { $name }.
mail-test-failed = The test e-mail was not sent: { $name }
mail-recent = Latest e-mails
mail-recent-none = No e-mails yet.
mail-col-when = Queued
mail-col-to = To
mail-col-subject = Subject
mail-col-state = State
mail-state-queued = Waiting to be sent
mail-state-sent = Sent
mail-state-failed = Not sent
error-rate-limited = Too many attempts. Please wait a minute and try again.
