# Rettelser til ejere (issue 17).
survey-wait = Der kommer mange svar på én gang. Dine svar er gemt herunder: tryk Send igen om { $n } sekunder.
password-change-title = Skift din adgangskode
password-current = Nuværende adgangskode
password-current-wrong = Det er ikke din nuværende adgangskode.
password-change-submit = Skift adgangskode
password-changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.
password-forgot-link = Glemt din adgangskode?
password-forgot-title = Glemt adgangskode
password-forgot-intro = Skriv den e-mailadresse, du logger ind med. Hvis den hører til en konto, sender vi dig et link til at vælge en ny adgangskode. Linket virker én gang i en time.
password-forgot-submit = Send mig et link
password-forgot-sent = Hvis adressen hører til en konto, er et link til en ny adgangskode på vej. Se i din e-mail.
password-forgot-wait = For mange forespørgsler lige nu. Vent et minut, og prøv igen.
password-reset-subject = Vælg en ny adgangskode til Kunde
password-reset-body = Hej { $name },

    Nogen har bedt om en ny adgangskode til din Kunde-konto. Vælg en her (linket virker én gang):

    { $link }

    Var det ikke dig, kan du se bort fra denne e-mail: din adgangskode er uændret.
users-reset = Link til ny adgangskode
users-remove = Fjern
users-remove-confirm = Ja, fjern { $name }
user-removed = Personen er fjernet og kan ikke længere logge ind.
settings-cases-link = Svarfrister, kategorier og godkendelser
nav-followups = Opfølgninger
users-role-change = Skift rolle
user-role-changed = Rollen er ændret.
users-last-owner = Virksomheden skal have en ejer: gør en anden til ejer først.
invite-throttled = For mange invitationer den seneste time. Prøv igen om { $minutes } minutter.
users-invite-sent = Invitationen er sendt til { $name }. Linket i e-mailen virker én gang, i syv dage.
invitations-title = Ventende invitationer
invitations-expires = Udløber { $name }
invitations-expired = Udløbet
invitations-withdraw = Træk tilbage
invitations-withdraw-named = Træk invitationen til { $name } tilbage
invitation-withdrawn = Invitationen er trukket tilbage: linket virker ikke længere.
staff-invite-subject = { $business } inviterer dig til Kunde
staff-invite-body = Hej { $name },

    { $inviter } inviterer dig til at blive en del af { $business } i Kunde. Vælg en adgangskode her (linket virker én gang, i syv dage):

    { $link }

    Hvis du ikke ventede denne e-mail, så se bort fra den.
invite-taken-title = Denne adresse har allerede en Kunde-konto
invite-taken = { $email } har allerede en Kunde-konto, så der oprettes ikke en ny. Log ind med den. En adresse hører kun til én virksomhed: vil du også være med i { $business }, så bed den, der inviterede dig, om at invitere en anden af dine adresser.
invite-signin = Log ind
users-invite-no-mail = Der er endnu ikke sat en mailserver op: invitationer venter, til der er en, og når først da frem til dine kolleger. (Eller opret en konto på serveren med `kunde user`.)
