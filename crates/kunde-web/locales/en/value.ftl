# The Value pages: retention, churn, revenue, RFM, lifetime value, channels.
nav-value = Value
value-retention-title = Retention
value-churn-title = Churn
value-revenue-title = Revenue
value-rfm-title = Segments by behaviour
value-clv-title = Lifetime value
value-retention-intro = Do customers come back? Each row is the customers whose first order was in that month; each column is a later month.
value-comeback = Counts as coming back
value-comeback-order = An order
value-comeback-any = Any event
value-comeback-touchpoint = A visit to a touchpoint
value-comeback-at = Touchpoint
value-channel = Acquisition channel
value-all-channels = All channels
value-no-orders = No orders yet: the figures appear once customers have bought something.
value-cohorts = Cohorts by month of first order
value-cohorts-pushed-down = Counted by ClickHouse over all events, the lifecycle below too.
value-cohorts-help = The share of each cohort that came back in each month after its first (0 = the month of the first order), with the number of customers in brackets.
value-cohort = Cohort
value-cohort-size = Customers
value-not-yet-known = not yet known
value-unknown-legend = A dotted cell is not yet known: the cohort is too young for that month. It is not 0 %.
value-cohort-ltv = Cohort lifetime value
value-cohort-ltv-help = What a customer of each cohort has paid on average so far, by months since the first order.
value-lifecycle = Lifecycle per month
value-lifecycle-help = { $n ->
    [one] New, returning, back after being lost, and lost customers per month; a customer counts as lost after 1 day without an order.
   *[other] New, returning, back after being lost, and lost customers per month; a customer counts as lost after { $n } days without an order.
}
value-month = Month
value-active-at-start = Active at start
value-new = New
value-returning = Returning
value-resurrected = Back after being lost
value-lost = Lost
value-churn-rate = Churn rate
value-churn-trend = Churn rate, 3 months
value-threshold-percentile = A customer counts as lost after { $days } days without an order: { $percentile } % of the gaps between two purchases of the same customer in your own data are shorter ({ $gaps } gaps from { $customers } customers who bought more than once; the typical gap is { $median } days).
value-threshold-floor = A customer counts as lost after { $days } days without an order. Your customers usually buy again quickly ({ $percentile } % of { $gaps } gaps are shorter), but less than { $days } days is too short to call anyone lost.
value-threshold-too-few = A customer counts as lost after { $days } days without an order. There are only { $gaps } gaps between repeat purchases so far (at least { $min } are needed to learn from your own data), so a year is used.
value-threshold-chosen = { $n ->
    [one] You chose 1 day instead.
   *[other] You chose { $n } days instead.
}
value-threshold-label = Lost after days without an order
value-survival = How long customers stay
value-after = After
value-years = { $n ->
    [one] 1 year
   *[other] { $n } years
}
value-still-active = Still active
value-band = 95 % range
value-followed = Customers followed
value-benchmark = Benchmark
value-benchmark-text = Benchmark: the average small business loses half of its customers in three years. A share above 50 % after three years is better than that.
value-days-since-first-order = Days since first order
value-lower = Lower
value-upper = Upper
value-at-risk = At risk
value-lost-per-month = Lost customers per month
value-last-seen = Where lost customers were last seen
value-last-seen-help = The touchpoint of each lost customer's last event; each opens its card on the journey map.
value-lost-customers = Lost customers, most valuable first
value-customers-count = { $n ->
    [one] 1 customer
   *[other] { $n } customers
}
value-first-shown = { $n ->
    [one] the first is shown
   *[other] the first { $n } are shown
}
value-historic = Paid so far
value-last-order = Last order
value-lost-on = Lost on
value-last-seen-at = Last seen at
value-revenue-intro = Revenue from new customers (their first order) and from repeat business (every later order).
value-period = Period
value-per-month = Per month
value-per-quarter = Per quarter
value-per-year = Per year
value-new-revenue = New
value-repeat-revenue = Repeat
value-total-revenue = Total
value-repeat-share = Repeat share
value-repeat-benchmark = Growth of 10–20 % a year is far easier from repeat business than from new customers.
value-new-customers = New customers
value-orders = Orders
value-yoy = Year over year
value-yoy-new = Year over year, new
value-yoy-repeat = Year over year, repeat
value-rfm-intro = Customers scored 1–5 on how recently (R) and how often (F) they bought and how much they paid (M), each against the others, and named by their R and F scores.
value-segment = Segment
value-customers = Customers
value-share-customers = Share of customers
value-revenue = Revenue
value-share-revenue = Share of revenue
value-definition = Who they are
value-rfm-grid = Recency × frequency
value-rfm-grid-help = Rows: recency score (5 = bought most recently); columns: frequency score (5 = bought most often).
value-rfm-champions = Champions
value-rfm-loyal = Loyal
value-rfm-potential_loyalist = Potential loyalists
value-rfm-new = New
value-rfm-promising = Promising
value-rfm-need_attention = Need attention
value-rfm-about_to_sleep = About to sleep
value-rfm-at_risk = At risk
value-rfm-cant_lose = Can't lose them
value-rfm-hibernating = Hibernating
value-rfm-lost = Lost
value-rfm-champions-def = Bought very recently and very often.
value-rfm-loyal-def = Buy often and not long ago.
value-rfm-potential_loyalist-def = Bought recently, a few times.
value-rfm-new-def = Bought for the first time very recently.
value-rfm-promising-def = Bought once, recently.
value-rfm-need_attention-def = Middling on both: not very recent, not very often.
value-rfm-about_to_sleep-def = Have not bought for a while and bought rarely.
value-rfm-at_risk-def = Bought often, but long ago.
value-rfm-cant_lose-def = Bought most often of all, but long ago.
value-rfm-hibernating-def = Bought a few times, long ago.
value-rfm-lost-def = Bought once or twice, long ago.
value-clv-intro = What each customer is likely to be worth: the chance they still buy from you, their expected purchases and spend in the next 12 months, next to what they have paid so far.
value-historic-only = Only what each customer has paid so far is shown.
value-fit-too-few-customers = There are too few customers with an order to predict anything ({ $found }; at least { $needed } are needed).
value-fit-too-few-repeat-customers = Too few customers have bought more than once to learn how often people come back ({ $found }; at least { $needed } are needed).
value-fit-no-convergence = The model could not settle on an answer for your data.
value-fit-not-identified = Your data do not tell the model enough to give a reliable answer.
value-fit-spend-not-identified = The amounts per order vary too wildly to predict spend.
value-fit-no-spend = The customers who bought again have no amounts recorded.
value-fit-empty-holdout = There is no period after the cut-off to check the predictions against.
value-p-alive = Still active (probability)
value-expected-purchases = Expected purchases, 12 months
value-predicted = Predicted value, 12 months
value-holdout = Can you trust it? Checked on your own data
value-holdout-help = The model was fitted on the orders up to 26 weeks ago and asked to predict the purchases of the 26 weeks since; here is what it said next to what happened, by how many times each customer had bought again before.
value-earlier-repeats = Repeat purchases before
value-predicted-purchases = Predicted purchases
value-actual-purchases = Actual purchases
value-total = Total
value-holdout-error = Error of the total
value-holdout-mae = Mean error per customer (purchases)
value-at-risk-help = Customers among the top fifth by what they have paid whose chance of still being active has fallen below a half.
value-who-cohort = Customers whose first order was in { $month }
value-who-cohort-order = Customers whose first order was in { $month } and who ordered again { $n } months later
value-who-cohort-any-event = Customers whose first order was in { $month } and who were seen { $n } months later
value-who-new = New customers in { $month }
value-who-returning = Customers who ordered again in { $month }
value-who-resurrected = Customers back in { $month } after more than { $days } days without an order
value-who-lost = Customers lost in { $month } (no order for { $days } days)
value-who-lost-all = Customers without an order for more than { $days } days
value-who-lost-at = Customers without an order for more than { $days } days, last seen at { $touchpoint }
value-who-rfm = Customers in the segment { $segment }
value-who-at-risk = Valuable customers at risk
value-segment-name = Segment name
value-save-segment = Save as a segment
value-channels-title = Channels
value-channels-intro = For each channel customers came through: what a new customer cost, what its customers are worth so far and are expected to be worth, and how long a customer takes to pay back what it cost.
value-channels-pay = Channels that pay: { $list }.
value-channels-not-pay = Channels that do not pay: { $list }. Consider spending less there.
value-channels-unknown = No spend recorded, so whether they pay is unknown: { $list }.
value-spend = Spend
value-cac = Cost per new customer
value-avg-historic = Average paid so far
value-avg-predicted = Average predicted value
value-ratio = Value / cost
value-payback = Paid back after
value-verdict = Verdict
value-verdict-pays = Pays
value-verdict-does_not_pay = Does not pay
value-verdict-unknown_without_spend = Unknown without spend
value-months = { $n ->
    [one] 1 month
   *[other] { $n } months
}
value-spend-title = Marketing spend per channel and month
value-spend-save = Save spend
value-spend-delete = Delete
value-spend-import-hint = Many months at once: import a CSV file with the columns channel,month,amount.
value-spend-saved = The spend is saved.
value-spend-deleted = The spend is deleted.
value-spend-imported = The spend file is imported.
value-who-channel = Customers who came through { $channel }
import-spend-title = Marketing spend
import-spend-help = A CSV file with the header channel,month,amount and one row per channel and month, such as google_ads,2025-03,1500.00. A month already recorded is replaced. If any row is wrong, nothing is imported.
import-spend-upload = Import spend
import-spend-refused = Nothing was imported: these rows need fixing first.
import-spend-line = Line
import-spend-problem = Problem
import-spend-again = Back to the import page
import-spend-bad-header = The first row must be the header channel,month,amount.
import-spend-bad-columns = A row needs exactly three columns: channel, month, amount.
import-spend-bad-channel = The channel is empty or longer than 100 characters.
import-spend-bad-month = The month must be written YYYY-MM, such as 2025-03.
import-spend-bad-amount = The amount is not a number of zero or more, such as 1500.00.
import-spend-bad-duplicate = This channel and month already appear earlier in the file.
value-customer-block = Value
value-sort = Sort
value-sort-newest = Newest
value-sort-last-order = Last order
value-sort-spent = Total spent
value-sort-predicted-note = Only customers with an order have a predicted value; the Value section explains how it is computed.
value-sort-predicted = Predicted value
