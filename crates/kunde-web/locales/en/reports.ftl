# Printable documents: the monthly report (/reports) and invoices as PDF.
reports-title = Monthly reports
reports-intro = Each month's figures, trends, worst moments of truth, root causes of complaints and reviews as a printable PDF.
reports-so-far = (so far)
reports-email-heading = By e-mail
reports-email-label = E-mail the report of the month just ended to the owners on the first day of each month
reports-email-help = Sent once per month as a PDF attachment through the business's mail server (Settings → E-mail).
reports-save = Save
report-email-on = The monthly report will be e-mailed on the first day of each month.
report-email-off = The monthly report is no longer e-mailed.
report-title = Monthly report: { $name }
report-subtitle = { $business } · { $from } – { $to }
report-subtitle-current = { $business } · so far, as of { $date }
report-figures = How the business is doing
report-figure = Figure
report-this-month = This month
report-last-month = Last month
report-change = Change
report-note = Note
report-better = better
report-worse = worse
report-same = unchanged
report-trends = The last 12 months
report-thin-note = An outlined column rests on too few answers to compare with other months.
report-moments-note = Touchpoints where customers had bad experiences, worst first: one bad experience weighs about twelve good ones.
report-no-moments = No touchpoint with bad experiences.
report-touchpoint = Touchpoint
report-journey = Journey
report-bad = Bad
report-good = Good
report-lost-after-bad = Lost after a bad one
report-root-causes = Root causes of complaints
report-cases-line = Cases opened this month: { $opened } · closed: { $closed }
report-no-root-causes = No case closed this month has a root cause.
report-cases = { $n ->
    [one] { $n } case
   *[other] { $n } cases
}
report-reviews = Reviews
report-reviews-line = { $n } reviews this month, average rating { $average } of 5 · { $unanswered } not answered yet
report-no-reviews = No reviews this month.
report-date = Date
report-rating = Rating
report-review = Review
report-page = Page { $n } of { $total }
report-mail-subject = Monthly report { $month } — { $business }
report-mail-text = The monthly report of { $business } for { $month } is attached as a PDF.
    
    Every month's report: { $link }
invoice-to = Billed to
invoice-field = Detail
invoice-value = Value
invoice-description = Description
invoice-total = Total
invoice-pdf = Download as PDF
