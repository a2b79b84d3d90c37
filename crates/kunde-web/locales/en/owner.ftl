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
invite-throttled = Too many invitations in the last hour. Try again in { $minutes } minutes.
users-invite-sent = Invitation sent to { $name }. The link in the e-mail works once, for seven days.
invitations-title = Pending invitations
invitations-expires = Expires { $name }
invitations-expired = Expired
invitations-withdraw = Withdraw
invitations-withdraw-named = Withdraw the invitation to { $name }
invitation-withdrawn = The invitation is withdrawn: its link no longer works.
staff-invite-subject = { $business } invites you to Kunde
staff-invite-body = Hello { $name },

    { $inviter } invites you to join { $business } on Kunde. Choose a password here (the link works once, for seven days):

    { $link }

    If you did not expect this e-mail, ignore it.
invite-taken-title = This address already has a Kunde account
invite-taken = { $email } already has a Kunde account, so no new one is made. Sign in with it. An address belongs to one business only: to join { $business } as well, ask the person who invited you to invite another of your addresses.
invite-signin = Sign in
users-invite-no-mail = No mail server is set up yet: invitations wait until there is one, and only then reach your colleagues. (Or create an account on the server with `kunde user`.)
