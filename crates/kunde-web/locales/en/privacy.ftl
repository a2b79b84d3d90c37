## Privacy requests, the audit trail and the retention rule (issue 18)
privacy-customer-title = Privacy requests
privacy-customer-intro = Send this customer everything you hold about them, or erase their personal data.
privacy-export = Export data (ZIP)
privacy-erase = Erase customer
privacy-erase-title = Erase this customer?
privacy-erase-already = This customer has already been erased. Erasing again removes anything added since.
privacy-erase-cannot-undo = This cannot be undone. Their name, e-mail, phone and everything they wrote are removed; the figures stay, attached to an anonymous customer.
privacy-erase-removed = Removed
privacy-erase-kept = Kept without personal data
privacy-erase-profile = Name, e-mail address, phone number and address
privacy-erase-confirm = Erase for good
privacy-count-text-answers = { $n ->
    [one] one written survey answer
   *[other] { $n } written survey answers
}
privacy-count-case-entries = { $n ->
    [one] the text of one case note or message
   *[other] the texts of { $n } case notes and messages
}
privacy-count-attachments = { $n ->
    [one] one attached file
   *[other] { $n } attached files
}
privacy-count-emails = { $n ->
    [one] one e-mail in the outbox
   *[other] { $n } e-mails in the outbox
}
privacy-count-visitor-links = { $n ->
    [one] one link to a website visitor
   *[other] { $n } links to website visitors
}
privacy-count-events = { $n ->
    [one] one event
   *[other] { $n } events
}
privacy-count-orders = { $n ->
    [one] one order
   *[other] { $n } orders
}
privacy-count-responses = { $n ->
    [one] one survey response (scores and choices)
   *[other] { $n } survey responses (scores and choices)
}
privacy-count-cases = { $n ->
    [one] one case (times, status and category)
   *[other] { $n } cases (times, status and category)
}
privacy-count-segments = { $n ->
    [one] membership of one saved segment
   *[other] membership of { $n } saved segments
}
privacy-settings-link = Privacy and retention
privacy-settings-title = Privacy and retention
audit-link = Audit trail
audit-title = Audit trail
audit-intro = Who did what in this workspace. Entries cannot be changed or deleted. Times are UTC.
audit-csv = Download CSV
audit-action = Action
audit-person = Person
audit-any = Any
audit-from = From
audit-to = To
audit-apply = Filter
audit-count = { $n ->
    [one] one entry
   *[other] { $n } entries
}
audit-none = No entries match.
audit-time = Time
audit-target = What
audit-detail = Detail
audit-address = Address
audit-pages = Pages
audit-previous = Previous
audit-next = Next
audit-action-user-signin = Signed in
audit-action-user-signin-failed = Failed sign-in
audit-action-user-invite = Invited a person
audit-action-user-invite-withdraw = Withdrew an invitation
audit-action-user-role-change = Changed a role
audit-action-settings-change = Changed settings
audit-action-api-key-create = Created an API key
audit-action-api-key-revoke = Revoked an API key
audit-action-import = Imported data
audit-action-customer-export = Exported a customer's data
audit-action-customer-erase = Erased a customer
audit-action-customer-erase-reapplied = Erasure re-applied after a restore
audit-action-retention-change = Changed the retention rule
audit-action-delete = Deleted
audit-action-approval = Approved
retention-title = Erase inactive customers automatically
retention-intro = When a rule is on, customers with no activity (orders, events, answers, cases) for the chosen number of years are erased once a day, the same way as erasing by hand.
retention-current-off = The rule is off: no customer is erased automatically.
retention-current-on = { $n ->
    [one] The rule is on: customers inactive for one year are erased.
   *[other] The rule is on: customers inactive for { $n } years are erased.
}
retention-years = Inactive for (years)
retention-bad-years = Enter a whole number of years from 1 to 50.
retention-preview = Show who would be erased
retention-would-erase = { $n ->
    [0] No customer would be erased now.
    [one] One customer would be erased now:
   *[other] { $n } customers would be erased now:
}
retention-customer = Customer
retention-last-activity = Last activity
retention-turn-on = { $n ->
    [one] Turn on: erase customers inactive for one year
   *[other] Turn on: erase customers inactive for { $n } years
}
retention-turn-off = Turn the rule off
retention-saved = The retention rule is saved.
retention-turned-off = The retention rule is off.
signin-throttled = Too many failed sign-ins. Wait a few minutes and try again.
error-control-characters = { $field } contains control characters; remove them and try again.
import-wrong-encoding = This file is in encoding { $encoding }; save it as UTF-8 and upload it again.
audit-action-review-match = Confirmed or rejected a review's customer
privacy-count-documents = { $n ->
    [one] one document in the client portal
   *[other] { $n } documents in the client portal
}
privacy-count-portal-sign-ins = { $n ->
    [one] one portal sign-in link or session (and the record of the first sign-in)
   *[other] { $n } portal sign-in links and sessions (and the record of the first sign-in)
}
privacy-count-invoices = { $n ->
    [one] one invoice
   *[other] { $n } invoices
}
audit-action-user-remove = Removed a member of staff
audit-action-user-password-reset = Made a new password link
