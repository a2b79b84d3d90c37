# Rättelser för ägare (issue 17).
survey-wait = Många svar kommer på en gång. Dina svar finns kvar här nedanför: tryck Skicka igen om { $n } sekunder.
password-change-title = Byt ditt lösenord
password-current = Nuvarande lösenord
password-current-wrong = Det är inte ditt nuvarande lösenord.
password-change-submit = Byt lösenord
password-changed = Ditt lösenord är bytt. Du är utloggad överallt annars.
password-forgot-link = Glömt ditt lösenord?
password-forgot-title = Glömt lösenord
password-forgot-intro = Skriv e-postadressen du loggar in med. Om den hör till ett konto skickar vi en länk där du väljer ett nytt lösenord. Länken fungerar en gång under en timme.
password-forgot-submit = Skicka mig en länk
password-forgot-sent = Om adressen hör till ett konto är en länk till ett nytt lösenord på väg. Titta i din e-post.
password-forgot-wait = För många förfrågningar just nu. Vänta en minut och försök igen.
password-reset-subject = Välj ett nytt lösenord för Kunde
password-reset-body = Hej { $name },

    Någon har bett om ett nytt lösenord för ditt Kunde-konto. Välj ett här (länken fungerar en gång):

    { $link }

    Om det inte var du kan du bortse från det här mejlet: ditt lösenord är oförändrat.
users-reset = Länk till nytt lösenord
users-remove = Ta bort
users-remove-confirm = Ja, ta bort { $name }
user-removed = Personen är borttagen och kan inte längre logga in.
settings-cases-link = Svarstider, kategorier och godkännanden
nav-followups = Uppföljningar
users-role-change = Byt roll
user-role-changed = Rollen är ändrad.
users-last-owner = Företaget behöver en ägare: gör någon annan till ägare först.
error-invite-unavailable = Den här adressen kan inte bjudas in. Be personen om en annan e-postadress.
invite-throttled = För många avvisade inbjudningar. Försök igen om { $minutes } minuter.
