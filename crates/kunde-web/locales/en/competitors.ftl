# Competitors' standards per touchpoint (/competitors, the map's cards, the start page).
comp-title = Competitors' standards
comp-intro = Record your competitors and, per touchpoint, a standard to compare: a price, a waiting or delivery time, opening hours, a review rating or a standard in words, with your own value and a target that beats the best competitor.
comp-link = Competitors' standards
comp-list = Competitors
comp-none = No competitors yet.
comp-name = Competitor's name
comp-add = Add competitor
comp-delete-named = Delete { $name }
comp-standards = Standards per touchpoint
comp-standards-none = No standards yet.
comp-touchpoint = Touchpoint
comp-kind = Standard
comp-yours = Your value
comp-target-col = Target
comp-stand = Where you stand
comp-behind = Behind
comp-not-behind = Level or ahead
comp-standard-add = Record a standard
comp-standard-save = Save standard
comp-no-touchpoints = Add touchpoints to a journey first.
comp-time-unit = Time in
comp-time-minutes = minutes
comp-time-hours = hours
comp-time-days = days
comp-time-weeks = weeks
comp-currency = Currency of a price
comp-value-help = Numbers for a price, a time, opening hours a week and a rating (1–5); words for a standard in words. A touchpoint's standard of the same kind is replaced.
comp-kind-price = Price
comp-kind-time = Waiting or delivery time
comp-kind-hours = Opening hours
comp-kind-rating = Review rating
comp-kind-text = Standard
comp-you = you { $value }
comp-best = best competitor { $value } ({ $name })
comp-target = target { $value }
comp-unit-minutes = { $n ->
    [one] { $value } minute
   *[other] { $value } minutes
}
comp-unit-hours = { $n ->
    [one] { $value } hour
   *[other] { $value } hours
}
comp-unit-days = { $n ->
    [one] { $value } day
   *[other] { $value } days
}
comp-unit-weeks = { $n ->
    [one] { $value } week
   *[other] { $value } weeks
}
comp-unit-hours-week = { $value } h a week
comp-unit-rating = { $value } ★
comp-added = The competitor was added.
comp-deleted = The competitor was deleted.
comp-standard-saved = The standard was saved.
comp-standard-deleted = The standard was deleted.
comp-error-name = Give the competitor a name (at most 200 characters).
comp-error-exists = A competitor of that name is already listed.
comp-error-value = A value is not a number Kunde can read (a rating is at most 5): nothing was saved.
dash-today-behind = Where competitors do better
