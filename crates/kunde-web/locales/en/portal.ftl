# The client portal (issue 16): customer pages, the staff side of a customer's portal, and
# the sign-in e-mail.
portal-touchpoint = Client portal
portal-title = Client portal
portal-nav-home = Overview
portal-nav-profile = Profile
portal-sign-out = Sign out
portal-signin-title = Sign in to the client portal
portal-signin-intro = Type the e-mail address { $name } knows you by. We will send you a link to sign in.
portal-send-link = Send me a sign-in link
portal-link-sent = If the address belongs to a customer, a sign-in link is on its way. It works once, for 15 minutes.
portal-link-intro = Press the button to sign in to the client portal of { $name }.
portal-sign-in = Sign in
portal-link-invalid = This sign-in link cannot be used: it was used already, has expired or a newer link was sent.
portal-link-new = Ask for a new link
portal-welcome = Welcome, { $name }
portal-invoices = Invoices
portal-no-invoices = No invoices yet.
portal-invoice = Invoice
portal-invoice-number = Number
portal-invoice-issued = Issued
portal-invoice-due = Due
portal-invoice-paid = Paid on
portal-status-paid = Paid
portal-status-open = Open
portal-status-overdue = Overdue
portal-documents = Documents
portal-no-documents = No documents yet.
portal-from-you = from you
portal-from-customer = from the customer
portal-upload = Send us a document (at most 20 MB)
portal-upload-submit = Upload
portal-cases = Your cases
portal-case-new = Open a new case
portal-no-cases = No cases yet.
portal-case-submit = Send
portal-replies = Replies
portal-no-replies = No replies yet. We will answer as soon as we can.
portal-surveys = Surveys waiting for you
portal-no-surveys = No surveys waiting.
portal-survey-answer = Answer
portal-back = Back to the overview
portal-consent = Send me news and offers by e-mail
portal-profile-save = Save
portal-signed-out = You are signed out.
portal-case-opened = Thank you. Your case has been sent to us.
portal-uploaded = Your document was uploaded.
portal-profile-saved = Your profile was saved.
portal-invoice-saved = The invoice was saved.
portal-document-shared = The document is shared with the customer.
portal-sessions-ended = The customer's portal sessions were ended.
portal-error-email = Type a valid e-mail address.
portal-error-too-large = The file is larger than 20 MB.
portal-error-no-file = Choose a file.
portal-error-number = Type the invoice number (at most 60 characters).
portal-error-number-taken = Another invoice already has this number.
portal-error-date = Type a date as YYYY-MM-DD.
portal-error-due-before = The due date cannot be before the issue date.
portal-staff-title = Client portal
portal-staff-address = The customer signs in at
portal-panel-intro = Invoices, shared documents and sign-ins of this customer's portal.
portal-panel-open = Invoices and documents
portal-edit = Edit
portal-mark-paid = Mark paid
portal-mark-open = Mark unpaid
portal-invoice-new = New invoice
portal-invoice-edit = Edit invoice
portal-invoice-save = Save invoice
portal-share = Share a document (at most 20 MB)
portal-sessions = Portal sign-ins
portal-sessions-live = { $n ->
    [one] One live portal session.
   *[other] { $n } live portal sessions.
}
portal-sessions-end = End all portal sessions
portal-mail-subject = Your sign-in link for { $business }
portal-mail-intro = Open this link to sign in to the client portal of { $business }:
portal-mail-note = The link works once, for 15 minutes. If you did not ask for it, you can ignore this e-mail.
portal-reply = Your reply
portal-reply-submit = Send reply
portal-reply-you = You
portal-reply-sent = Thank you. Your reply has been sent to us.
portal-reply-closed = This case is closed. Open a new case if you need more help.
import-invoices-title = Invoices from your accounting system
import-invoices-help = A CSV export with the columns number,customer_email,issued,due,amount,paid_at (dates as YYYY-MM-DD; paid_at empty while unpaid). Customers are found by e-mail. An invoice number imported before is updated, not added twice. If any row is wrong, nothing is imported.
import-invoices-upload = Import invoices
import-invoices-created = { $n ->
    [one] One new invoice.
   *[other] { $n } new invoices.
}
import-invoices-updated = { $n ->
    [one] One invoice updated.
   *[other] { $n } invoices updated.
}
import-invoices-bad-unreadable = The file cannot be read as CSV. Save it as CSV (UTF-8).
import-invoices-bad-header = The first row must name the columns number, customer_email, issued, due, amount and paid_at.
import-invoices-bad-number = The invoice number is empty or longer than 60 characters.
import-invoices-bad-email = The customer e-mail is not a valid address.
import-invoices-bad-unknown-customer = No customer has this e-mail. Import or add the customer first.
import-invoices-bad-issued = The issue date must be written YYYY-MM-DD, such as 2025-03-01.
import-invoices-bad-due = The due date must be written YYYY-MM-DD, such as 2025-03-15.
import-invoices-bad-due-before = The due date is before the issue date.
import-invoices-bad-amount = The amount is not a number of zero or more, such as 1500.00.
import-invoices-bad-paid-at = paid_at must be empty (not paid) or a date written YYYY-MM-DD.
import-invoices-bad-duplicate = This invoice number already appears earlier in the file.
import-invoices-bad-other-customer = This invoice number belongs to another customer's invoice.
portal-from-order = Create an invoice from an order
portal-order-date = Order date
portal-from-order-make = New invoice
portal-from-order-submit = Create invoice
portal-error-order-invoiced = This order already has an invoice.
portal-settings-link = Client portal and invoice reminders
portal-settings-title = Client portal
portal-settings-address = The portal's address
portal-settings-address-intro = Customers sign in here with a link sent to their e-mail address:
portal-reminders-title = Reminders for overdue invoices
portal-reminders-intro = When this is on, a customer whose invoice is unpaid the day after its due date gets one e-mail, in their own language, with a link to the portal. Each invoice is reminded once. Turning it on also reminds invoices that are overdue already.
portal-reminders-current-on = Reminders are on.
portal-reminders-current-off = Reminders are off.
portal-reminders-label = Send a reminder for overdue invoices
portal-reminders-save = Save
portal-reminders-on = Reminders for overdue invoices are on.
portal-reminders-off = Reminders for overdue invoices are off.
portal-reminder-subject = Invoice { $number } from { $business } is overdue
portal-reminder-greeting = Hello { $name },
portal-reminder-body = invoice { $number } of { $amount }, due { $due }, has not been paid yet. You can see it and whether it has been paid in the client portal of { $business }:
portal-reminder-note = If you have paid it already, thank you — you can ignore this e-mail.
case-report-portal = Before and after the client portal
case-report-portal-intro = For the customers who have signed in to the client portal: their cases per customer-month in the 12 months before their first sign-in (or since they became customers) and since. Fewer cases afterwards — for example in a billing category — suggest the portal answers questions such as "was my invoice paid?". The same customers are compared with themselves; it does not prove the portal was the cause.
case-report-portal-none = No customer has signed in to the client portal yet.
case-report-portal-customers = { $n ->
    [one] One customer has used the portal.
   *[other] { $n } customers have used the portal.
}
case-report-portal-small = A small sample (fewer than 20 customers): read the change with care.
case-report-portal-all = All cases
case-report-portal-cases-before = Cases before
case-report-portal-rate-before = Per customer-month before
case-report-portal-cases-after = Cases after
case-report-portal-rate-after = Per customer-month after
case-report-portal-change = Change

# Newsletter sign-up with double opt-in (issue 15).
join-title = News from { $name }
join-intro = Leave your name and e-mail address, and { $name } will send you news and offers that are only for its customers. We first send you an e-mail: nothing happens until you confirm.
join-name = Your name
join-consent = Yes, { $name } may send me news and offers by e-mail. I can withdraw this at any time.
join-submit = Sign up
join-error-name = Type your name (at most 200 characters).
join-error-consent = Tick the box to say that we may write to you.
join-sent = Almost done: we have sent you an e-mail. Open the link in it to confirm your sign-up. If you do not see it, look in your spam folder.
join-confirm-intro = Confirm that { $name } may send you news and offers by e-mail.
join-confirm = Confirm my sign-up
join-invalid = This confirmation link does not work: it was used already, replaced by a newer one, or is more than 7 days old.
join-again = Sign up again
join-done = Thank you, you are signed up: { $name } will send you news and offers by e-mail. You can withdraw your consent at any time.
join-mail-subject = Confirm your sign-up with { $business }
join-mail-intro = Open this link to confirm that { $business } may send you news and offers by e-mail:
join-mail-note = The link works for 7 days. If you did not sign up, ignore this e-mail: nothing happens.
join-settings-title = Newsletter sign-up form
join-settings-intro = Link to this form from your website or a receipt: whoever signs up gets an e-mail first, and only when they confirm do they become a customer with marketing consent (recorded with time and source). Unconfirmed sign-ups are deleted after 7 days.
join-settings-pending = { $n ->
    [one] { $n } sign-up is waiting for its confirmation.
   *[other] { $n } sign-ups are waiting for their confirmation.
}
