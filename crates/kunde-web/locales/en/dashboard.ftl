# The start page (/): figures of this month, needs you today, facts with your own figures.
dash-today = Needs you today
dash-today-nothing = Nothing is waiting for you today.
dash-today-followups = { $n ->
    [one] { $n } follow-up overdue
   *[other] { $n } follow-ups overdue
}
dash-today-cases = { $n ->
    [one] { $n } case at risk or past its target
   *[other] { $n } cases at risk or past their target
}
dash-today-grants = { $n ->
    [one] { $n } grant waiting for your approval
   *[other] { $n } grants waiting for your approval
}
dash-today-failed-mail = { $n ->
    [one] { $n } e-mail could not be sent
   *[other] { $n } e-mails could not be sent
}
dash-failed-mail-fix = See why and fix the mail server
dash-today-moments = Worst moments of truth
dash-today-at-risk = { $n ->
    [one] { $n } valuable customer at risk
   *[other] { $n } valuable customers at risk
}
dash-at-risk-detail = paid { $paid } · still a customer: { $alive }
dash-see-all = See all
dash-anonymous = Anonymous
dash-due-since = due { $name }
dash-past-target = past target
dash-at-risk = at risk
dash-this-month = This month ({ $name })
dash-vs-last-month = vs. last month
dash-spark-label = { $name }, last 12 months
dash-months = Month by month
dash-month = Month
dash-thin = too few answers
dash-too-few = Only { $n } answers: too few to compare
dash-no-answers = No answers this month
dash-interval = 95 % interval { $low } – { $high } (n = { $n })
dash-lost-after = Lost after { $n } days without an order
dash-nps = NPS
dash-csat = CSAT (satisfied)
dash-new-customers = New customers
dash-revenue = Revenue
dash-repeat-share = Repeat share of revenue
dash-repeat-share-note = From customers who bought before
dash-churn = Churn rate
dash-active-after-year = Still active after a year
dash-open-cases = Open cases
dash-past-target-cases = Cases past target
dash-overdue-followups = Follow-ups overdue
dash-fact-half-you = you keep { $pct } % after three years.
dash-fact-half-none = your orders do not reach back three years yet.
dash-fact-complain-you = you had { $cases } and { $detractors } in the last year.
dash-fact-cases = { $n ->
    [one] one case
   *[other] { $n } cases
}
dash-fact-detractors = { $n ->
    [one] one detractor answer
   *[other] { $n } detractor answers
}
dash-fact-moments-you = your worst touchpoint is { $name }.
dash-moment-detail = { $bad } bad, { $good } good
dash-review-rating = Average review rating
dash-review-rating-note = Stars out of 5, reviews written this month
