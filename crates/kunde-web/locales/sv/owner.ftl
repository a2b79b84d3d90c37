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
invite-throttled = För många inbjudningar den senaste timmen. Försök igen om { $minutes } minuter.
users-invite-sent = Inbjudan är skickad till { $name }. Länken i e-postmeddelandet fungerar en gång, i sju dagar.
invitations-title = Väntande inbjudningar
invitations-expires = Går ut { $name }
invitations-expired = Har gått ut
invitations-withdraw = Dra tillbaka
invitations-withdraw-named = Dra tillbaka inbjudan till { $name }
invitation-withdrawn = Inbjudan är tillbakadragen: länken fungerar inte längre.
staff-invite-subject = { $business } bjuder in dig till Kunde
staff-invite-body = Hej { $name },

    { $inviter } bjuder in dig till { $business } i Kunde. Välj ett lösenord här (länken fungerar en gång, i sju dagar):

    { $link }

    Om du inte väntade dig det här meddelandet kan du bortse från det.
invite-taken-title = Den här adressen har redan ett Kunde-konto
invite-taken = { $email } har redan ett Kunde-konto, så inget nytt skapas. Logga in med det. En adress hör bara till ett företag: vill du också vara med i { $business }, be den som bjöd in dig att bjuda in en annan av dina adresser.
invite-signin = Logga in
users-invite-no-mail = Ingen e-postserver är inställd ännu: inbjudningar väntar tills det finns en och når först då dina kollegor. (Eller skapa ett konto på servern med `kunde user`.)
