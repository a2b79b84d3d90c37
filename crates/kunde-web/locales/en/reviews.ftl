# Reviews from review sites (/reviews).
reviews-title = Reviews
reviews-preset = Export from
reviews-preset-google = Google Business Profile
reviews-preset-trustpilot = Trustpilot
reviews-preset-generic = Other site (source, author, rating, text, date, url)
reviews-file = CSV file
reviews-import = Import reviews
reviews-import-help = Each review becomes an event on the journey's review-site touchpoint. Reviews already imported are skipped.
reviews-empty = No reviews yet. Import an export from Google or Trustpilot, or a CSV with the columns source, author, rating, text, date, url.
reviews-trend = Average rating per source and month
reviews-source = Source
reviews-average = Average rating
reviews-count = Reviews
reviews-themes = What the reviews talk about
reviews-unanswered = { $n ->
    [one] One review not answered
   *[other] { $n } reviews not answered
}
reviews-open = Open on the site
reviews-replied = Answered { $name }:
reviews-not-answered = Not answered yet.
reviews-reply = Your reply, as posted on the site
reviews-reply-save = Record reply
reviews-reply-saved = The reply was recorded.
reviews-imported = Imported { $imported } reviews; { $duplicates } already imported were skipped; { $matched } matched to known customers.
reviews-refused = Nothing was imported: fix these rows and import the file again.
reviews-row-problem = Line { $line }: { $problem }
reviews-error-column = the file has no “{ $value }” column
reviews-error-source = the source is empty
reviews-error-rating = “{ $value }” is not a rating from 1 to 5
reviews-error-date = “{ $value }” is not a date
reviews-error-no-file = Choose an export and a file.
reviews-error-no-site = No journey has a touchpoint with the channel “Review site”. Add one to your map first: reviews are recorded there.
reviews-reason-low = Review of 1–2 stars
reviews-followup-open = Open the review
reviews-match-suggested = Matched by name or e-mail: is this the customer?
reviews-match-confirm = Yes, confirm
reviews-match-reject = Not this customer
reviews-match-is-confirmed = Customer confirmed by the owner.
reviews-match-is-rejected = The owner rejected the suggested customer.
reviews-match-confirmed = The customer was confirmed.
reviews-match-rejected = The match was rejected; the review names no customer.
map-reviews-summary = { $average } ★ average of { $count } reviews
