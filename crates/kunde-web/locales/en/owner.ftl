# Owner-grade fixes (issue 17): what a person sees when something must wait or go wrong.
survey-wait = Many answers are arriving at once. Your answers are kept below: press Send again in { $n } seconds.
password-change-title = Change your password
password-current = Current password
password-current-wrong = That is not your current password.
password-change-submit = Change password
password-changed = Your password is changed. You are signed out everywhere else.
password-forgot-link = Forgot your password?
password-forgot-title = Forgot your password
password-forgot-intro = Type the e-mail address you sign in with. If it belongs to an account, we e-mail you a link to choose a new password. The link works for an hour, once.
password-forgot-submit = Send me a link
password-forgot-sent = If that address belongs to an account, a link to choose a new password is on its way. Check your e-mail.
password-forgot-wait = Too many requests just now. Please wait a minute and try again.
password-reset-subject = Choose a new password for Kunde
password-reset-body = Hello { $name },

    Someone asked for a new password for your Kunde account. Choose one here (the link works once):

    { $link }

    If it was not you, ignore this e-mail: your password stays as it is.
users-reset = New password link
users-remove = Remove
users-remove-confirm = Yes, remove { $name }
user-removed = The person is removed and can no longer sign in.
settings-cases-link = Service targets, categories and approvals
nav-followups = Follow-ups
users-role-change = Change role
user-role-changed = Role changed.
users-last-owner = The business needs an owner: make someone else owner first.
error-invite-unavailable = This address cannot be invited. Ask the person for another e-mail address.
invite-throttled = Too many refused invitations. Try again in { $minutes } minutes.
