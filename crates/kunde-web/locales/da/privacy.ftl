## Anmodninger om persondata, revisionsloggen og reglen for sletning (issue 18)
privacy-customer-title = Persondata
privacy-customer-intro = Send kunden alt, hvad I har om vedkommende, eller slet kundens persondata.
privacy-export = Eksportér data (ZIP)
privacy-erase = Slet kunde
privacy-erase-title = Slet denne kunde?
privacy-erase-already = Kunden er allerede slettet. En ny sletning fjerner det, der er kommet til siden.
privacy-erase-cannot-undo = Det kan ikke fortrydes. Navn, e-mail, telefon og alt, hvad kunden har skrevet, fjernes; tallene bliver, knyttet til en anonym kunde.
privacy-erase-removed = Fjernes
privacy-erase-kept = Beholdes uden persondata
privacy-erase-profile = Navn, e-mailadresse, telefonnummer og adresse
privacy-erase-confirm = Slet for altid
privacy-count-text-answers = { $n ->
    [one] ét skrevet svar i en undersøgelse
   *[other] { $n } skrevne svar i undersøgelser
}
privacy-count-case-entries = { $n ->
    [one] teksten i én note eller besked på en sag
   *[other] teksterne i { $n } noter og beskeder på sager
}
privacy-count-attachments = { $n ->
    [one] én vedhæftet fil
   *[other] { $n } vedhæftede filer
}
privacy-count-emails = { $n ->
    [one] én e-mail i udbakken
   *[other] { $n } e-mails i udbakken
}
privacy-count-visitor-links = { $n ->
    [one] én kobling til en besøgende på hjemmesiden
   *[other] { $n } koblinger til besøgende på hjemmesiden
}
privacy-count-events = { $n ->
    [one] én hændelse
   *[other] { $n } hændelser
}
privacy-count-orders = { $n ->
    [one] én ordre
   *[other] { $n } ordrer
}
privacy-count-responses = { $n ->
    [one] ét svar på en undersøgelse (scorer og valg)
   *[other] { $n } svar på undersøgelser (scorer og valg)
}
privacy-count-cases = { $n ->
    [one] én sag (tider, status og kategori)
   *[other] { $n } sager (tider, status og kategori)
}
privacy-count-segments = { $n ->
    [one] medlemskab af ét gemt segment
   *[other] medlemskab af { $n } gemte segmenter
}
privacy-settings-link = Persondata og sletning
privacy-settings-title = Persondata og sletning
audit-link = Revisionslog
audit-title = Revisionslog
audit-intro = Hvem gjorde hvad i dette arbejdsområde. Indførsler kan ikke ændres eller slettes. Tider er i UTC.
audit-csv = Hent CSV
audit-action = Handling
audit-person = Person
audit-any = Alle
audit-from = Fra
audit-to = Til
audit-apply = Filtrér
audit-count = { $n ->
    [one] én indførsel
   *[other] { $n } indførsler
}
audit-none = Ingen indførsler passer.
audit-time = Tid
audit-target = Hvad
audit-detail = Detaljer
audit-address = Adresse
audit-pages = Sider
audit-previous = Forrige
audit-next = Næste
audit-action-user-signin = Loggede ind
audit-action-user-signin-failed = Mislykket login
audit-action-user-invite = Inviterede en person
audit-action-user-invite-withdraw = Trak en invitation tilbage
audit-action-user-role-change = Ændrede en rolle
audit-action-settings-change = Ændrede indstillinger
audit-action-api-key-create = Oprettede en API-nøgle
audit-action-api-key-revoke = Tilbagekaldte en API-nøgle
audit-action-import = Importerede data
audit-action-customer-export = Eksporterede en kundes data
audit-action-customer-erase = Slettede en kunde
audit-action-customer-erase-reapplied = Sletning gentaget efter en gendannelse
audit-action-retention-change = Ændrede reglen for sletning
audit-action-delete = Slettede
audit-action-approval = Godkendte
retention-title = Slet inaktive kunder automatisk
retention-intro = Når en regel er slået til, slettes kunder uden aktivitet (ordrer, hændelser, svar, sager) i det valgte antal år én gang om dagen, på samme måde som ved sletning i hånden.
retention-current-off = Reglen er slået fra: ingen kunder slettes automatisk.
retention-current-on = { $n ->
    [one] Reglen er slået til: kunder, der har været inaktive i ét år, slettes.
   *[other] Reglen er slået til: kunder, der har været inaktive i { $n } år, slettes.
}
retention-years = Inaktiv i (år)
retention-bad-years = Skriv et helt antal år fra 1 til 50.
retention-preview = Vis, hvem der ville blive slettet
retention-would-erase = { $n ->
    [0] Ingen kunder ville blive slettet nu.
    [one] Én kunde ville blive slettet nu:
   *[other] { $n } kunder ville blive slettet nu:
}
retention-customer = Kunde
retention-last-activity = Seneste aktivitet
retention-turn-on = { $n ->
    [one] Slå til: slet kunder, der har været inaktive i ét år
   *[other] Slå til: slet kunder, der har været inaktive i { $n } år
}
retention-turn-off = Slå reglen fra
retention-saved = Reglen for sletning er gemt.
retention-turned-off = Reglen for sletning er slået fra.
signin-throttled = For mange mislykkede login-forsøg. Vent et par minutter, og prøv igen.
error-control-characters = { $field } indeholder kontroltegn; fjern dem, og prøv igen.
import-wrong-encoding = Filen er i tegnsættet { $encoding }; gem den som UTF-8, og upload den igen.
audit-action-review-match = Bekræftede eller afviste en anmeldelses kunde
privacy-count-documents = { $n ->
    [one] ét dokument i kundeportalen
   *[other] { $n } dokumenter i kundeportalen
}
privacy-count-portal-sign-ins = { $n ->
    [one] ét login-link eller én session i portalen (og registreringen af første login)
   *[other] { $n } login-links og sessioner i portalen (og registreringen af første login)
}
privacy-count-invoices = { $n ->
    [one] én faktura
   *[other] { $n } fakturaer
}
audit-action-user-remove = Fjernede en medarbejder
audit-action-user-password-reset = Lavede et link til ny adgangskode
