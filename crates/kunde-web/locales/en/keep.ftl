# Demand lists and thank-you notes (issue 15).
nav-demand = Demand
demand-title = Demand lists
demand-intro = What customers would buy from you, if only you offered it: their answers to the survey question "What would you buy from us, if only we offered it?", grouped into items, each with the customers waiting for it. Also see
demand-items = Items
demand-no-items = No items yet. Group the answers below into items.
demand-item = Item
demand-answers = Answers
demand-waiting = Waiting
demand-notified = Notified
demand-bought-since = Bought since
demand-status = Status
demand-available-since = Available since
demand-status-waiting = Not offered yet
demand-proposals = Proposed groups
demand-proposals-intro = Answers that share words. Make an item of a group with one click, then rename or merge it.
demand-n-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
demand-create-from-theme = Make an item
demand-open-answers = Answers not in an item
demand-no-open-answers = Every answer is in an item (or nobody has answered the question yet).
demand-pick-answers = Tick the answers that ask for the same thing
demand-new-name = Name of the new item
demand-or-into = … or add them to
demand-new-item = a new item
demand-group = Group the answers
demand-notify-link = "Notify me" form
demand-available-explain = { $n ->
    [one] When you offer it, mark it available: the { $n } waiting customer gets one e-mail, in their language.
   *[other] When you offer it, mark it available: each of the { $n } waiting customers gets one e-mail, in their language.
}
demand-mark-available = Mark available and notify
demand-waiting-list = Waiting list
demand-nobody-waiting = Nobody is waiting yet. Share the "Notify me" form, or add customers here.
demand-source = Added through
demand-added-at = Added
demand-no-email = no e-mail address
demand-source-notify-form = "Notify me" form
demand-source-staff = Staff
demand-add-by-email = Add a customer by e-mail address
demand-add = Add to the waiting list
demand-add-respondents = { $n ->
    [one] Add the { $n } customer who asked for it
   *[other] Add the { $n } customers who asked for it
}
demand-no-answers = No answers in this item.
demand-edit = Name and merge
demand-name = Name
demand-merge-into = Merge this item into
demand-merge = Merge
demand-created = The item was made.
demand-assigned = The answers were added to the item.
demand-renamed = The item was renamed.
demand-merged = The items were merged.
demand-added = The customer is on the waiting list.
demand-already-waiting = The customer was on the waiting list already.
demand-respondents-added = The customers who asked for it are on the waiting list.
demand-marked-available = The item is available; the waiting customers' e-mails are on their way.
demand-error-name = Type a name (at most 200 characters).
demand-error-no-answers = Tick at least one answer.
demand-error-available = The item is available already: nobody waits for it any more.
demand-error-unknown-customer = No customer has this e-mail address.
demand-mail-subject = { $item } is now available at { $business }
demand-mail-body = You asked { $business } to tell you when { $item } was available. It is now.
demand-mail-note = We send this e-mail once, because you asked for it; you will not hear from us about this again.
notify-title = { $item } from { $business }
notify-intro = { $business } does not offer { $item } yet. Leave your e-mail address and we will tell you once, when we do.
notify-consent = Yes, { $business } may send me one e-mail when { $item } is available.
notify-submit = Notify me
notify-sent = Thank you. We will send you one e-mail when { $item } is available.
notify-available = Good news: { $item } is available at { $business } now.
notify-error-consent = Tick the box to say that we may e-mail you.
thanks-title = Thank-you notes
thanks-intro = This week's customers who deserve a note written by hand: the most valuable, the champions, and those whose case was just resolved well. Customers who got a note in the last 180 days are left out.
thanks-print = Print the list
thanks-print-title = Thank-you notes: names and addresses
thanks-print-hint = Print this page (Ctrl+P) to write the envelopes.
thanks-nobody = Nobody to thank this week: customers appear here once they have orders or a case is resolved.
thanks-no-address = Address not known
thanks-mark-written = Note written
thanks-written-lately = Written in the last 7 days
thanks-none-written = No notes written in the last 7 days.
thanks-reason-resolved_well = Their case was just resolved well
thanks-reason-champion = A champion: buys often and recently
thanks-reason-most_valuable = One of your most valuable customers
thanks-touchpoint = Thank-you note
thanks-recorded = The note is recorded on the customer's timeline.
thanks-address-saved = The address was saved.
thanks-panel-title = Postal address and thank-you notes
thanks-written-on = Thank-you note written
thanks-address = Postal address
thanks-address-save = Save the address
