# Kunde's Danish messages. Every key here must exist in en.ftl, sv.ftl and tl.ftl too.

app-name = Kunde
app-tagline = Kundeoplevelse for små virksomheder
nav-overview = Overblik
nav-customers = Kunder
nav-journeys = Kunderejser
nav-settings = Indstillinger
nav-signout = Log ud
nav-skip = Spring til indhold
nav-main = Hovedmenu
lang-label = Sprog
lang-save = Skift sprog

signin-title = Log ind
signin-email = E-mail
signin-password = Adgangskode
signin-submit = Log ind
signin-failed = Forkert e-mail eller adgangskode.
signout-done = Du er nu logget ud.

setup-title = Velkommen til Kunde
setup-intro = Opret din virksomhed. Du bliver ejer af den og kan bagefter invitere dine medarbejdere.
setup-business = Virksomhedens navn
setup-owner-name = Dit navn
setup-language = Standardsprog
setup-currency = Valuta
setup-submit = Opret mit arbejdsområde

overview-title = Overblik
overview-customers = Kunder
overview-events = Hændelser ved kontaktpunkter
overview-orders = Ordrer
overview-revenue = Omsætning
overview-journeys = Kunderejser
overview-empty = Dit arbejdsområde er tomt. Tilføj din første kunde, eller kortlæg en kunderejse for at komme i gang.
overview-facts = Værd at huske
fact-half = Den gennemsnitlige lille virksomhed mister halvdelen af sine kunder på tre år.
fact-complain = Kun ca. 4 % af de utilfredse kunder klager; de øvrige 96 % fortæller det til andre.
fact-moments = Der skal omkring tolv gode øjeblikke til at opveje ét dårligt.

customers-title = Kunder
customers-search = Søg på navn eller e-mail
customers-search-submit = Søg
customers-new = Ny kunde
customers-none = Ingen kunder passer på søgningen.
customers-count = { $n ->
    [one] Én kunde
   *[other] { $n } kunder
}
col-name = Navn
col-email = E-mail
col-phone = Telefon
col-language = Foretrukket sprog
col-channel = Fandt os via
col-cost = Pris for at skaffe kunden
col-consent = Samtykke til markedsføring
col-created = Kunde siden
col-when = Hvornår
col-what = Hvad
col-detail = Detaljer
col-amount = Beløb
page-prev = Forrige side
page-next = Næste side
page-of = Side { $n }

customer-edit = Rediger
customer-timeline = Tidslinje
customer-timeline-empty = Der er ikke sket noget med denne kunde endnu.
customer-details = Oplysninger
timeline-event = Interaktion
timeline-order = Ordre
customer-form-new = Ny kunde
customer-form-edit = Rediger kunde
customer-created = Kunden er oprettet.
customer-saved = Kunden er gemt.
channel-unknown = Ukendt
form-save = Gem
form-cancel = Annuller
form-optional = valgfrit
yes = Ja
no = Nej

journeys-title = Kunderejser
journeys-none = Ingen kunderejser endnu. Opret den første herunder.
journeys-new = Ny kunderejse
journey-name = Navn
journey-description = Beskrivelse
journey-variant = Version
variant-as_is = Nuværende
variant-to_be = Ønsket
journey-redesign-of = Nyt design af { $name }
journey-part-of = Del af { $name }
journey-redesigns = Nye designs
journey-parts = Delrejser
journey-create = Opret kunderejse
journey-created = Kunderejsen er oprettet med standardfaserne.
journey-stage-empty = Ingen kontaktpunkter i denne fase endnu.
journey-stages = { $n ->
    [one] Én fase
   *[other] { $n } faser
}
tp-channel = Kanal
tp-digital = Digitalt
tp-physical = Fysisk
tp-owned = Styret af os
tp-not-owned = Uden for vores kontrol
tp-owner = Ansvarlig
tp-goal = Kundens mål
tp-pain = Smertepunkter
tp-ideas = Idéer
tp-add = Tilføj kontaktpunkt
tp-added = Kontaktpunktet er tilføjet.
tp-stage = Fase
tp-name = Kontaktpunkt
tp-nobody = Ingen
tp-control = Kontrol
tp-kind = Type

channel-web = Web
channel-phone = Telefon
channel-email = E-mail
channel-in_person = Personligt
channel-social = Sociale medier
channel-review_site = Anmeldelsesside
channel-mail = Brev
channel-other = Andet

settings-title = Indstillinger
settings-workspace = Virksomhed
settings-saved = Indstillingerne er gemt.
users-title = Medarbejdere
users-invite = Inviter en kollega
users-role = Rolle
role-owner = Ejer
role-staff = Medarbejder
users-status = Status
users-active = Aktiv
users-invited = Inviteret
users-invite-submit = Opret invitation
users-invite-link = Send dette link til { $name }. Det kan bruges én gang inden for syv dage:
invite-title = Bliv en del af { $name }
invite-intro = Vælg en adgangskode for at gøre din konto færdig.
invite-submit = Gem adgangskode og log ind
invite-invalid = Dette invitationslink virker ikke længere. Bed ejeren om et nyt.
password-new = Ny adgangskode

error-empty = { $field } skal udfyldes.
error-too-long = { $field } må højst være på { $max } tegn.
error-email = “{ $value }” er ikke en gyldig e-mailadresse.
error-phone = “{ $value }” er ikke et gyldigt telefonnummer.
error-password-short = Adgangskoden skal være på mindst { $min } tegn.
error-language = Vælg et af sprogene på listen.
error-channel = Vælg en af kanalerne på listen.
error-money = “{ $value }” er ikke et gyldigt beløb.
error-role = Vælg ejer eller medarbejder.
error-duplicate-email = Der findes allerede en med denne e-mailadresse.
error-form = Ret venligst de markerede felter nedenfor.
error-csrf = Formularen var udløbet. Gå tilbage, genindlæs siden, og prøv igen.
error-forbidden = Kun ejeren har adgang til denne side.
error-not-found = Siden findes ikke, eller den hører til en anden virksomhed.
error-internal = Noget gik galt hos os. Prøv venligst igen.
error-bad-request = Forespørgslen kunne ikke forstås.
error-title = Noget er ikke, som det skal være
error-back = Tilbage til forsiden
error-setup-done = Kunde er allerede sat op. Log ind i stedet.

stage-awareness = Opmærksomhed
stage-consideration = Overvejelse
stage-purchase = Køb
stage-service = Service
stage-loyalty = Loyalitet

## journey map
journey-edit = Redigér rejse
journey-edit-named = Redigér { $name }
journey-save = Gem rejse
journey-compare = Som nu og fremtidig side om side
journey-delete = Slet denne rejse
journey-delete-named = Slet “{ $name }”…
map-download-svg = Hent SVG
map-download-png = Hent PNG
map-caption = Kortenes farver: andelen af kunder, der nåede berøringspunktet og gik videre til en senere fase (i sidste fase: som kom igen). Pile: kunder, der går tilbage til et tidligere berøringspunkt. Udskrevet fylder kortet én liggende side.
map-cards-title = Berøringspunkterne i detaljer
map-owner = Ansvarlig: { $name }
map-no-owner = Ingen ansvarlig
map-went-on = { $reached } nåede hertil · { $share } gik videre
map-came-back = { $reached } nåede hertil · { $share } kom igen
map-no-events = Ingen hændelser registreret endnu
map-customers = { $n ->
    [one] én kunde i data
   *[other] { $n } kunder i data
}
map-emotion-derived = Kundens følelse pr. fase — endnu ingen svar på spørgeskemaer, så kurven viser andelen af kunder, der går videre fra hver fase
map-good = De fleste går videre (50 % eller flere)
map-mixed = Nogle falder fra eller mislykkes (30–50 % går videre, eller 15 % mislykkes)
map-poor = Mange falder fra eller mislykkes (under 30 % går videre, eller 30 % mislykkes)
map-no-data = For få kunder til at sige noget
map-loops = Kunder, der går tilbage (tykkere: flere kunder)
map-edit = Redigér
map-delete = Slet
map-move-up = Flyt { $name } op
map-move-down = Flyt { $name } ned
tp-edit-named = Redigér { $name }
tp-delete-named = Slet { $name }
map-stages-title = Faser
stage-name = Fasens navn
stage-rename-named = Omdøb { $name }
stage-delete-named = Slet fasen { $name }
stage-touchpoints = { $n ->
    [one] ét berøringspunkt
   *[other] { $n } berøringspunkter
}
stage-new = Ny fase
stage-add = Tilføj fase
map-confirm-delete-journey = Slet rejsen “{ $name }”?
map-confirm-delete-stage = Slet fasen “{ $name }”?
map-confirm-delete-touchpoint = Slet berøringspunktet “{ $name }”?
map-confirm-cannot-undo = Det kan ikke fortrydes. Det sletter også:
map-confirm-stages = { $n ->
    [one] én fase
   *[other] { $n } faser
}
map-confirm-touchpoints = { $n ->
    [one] ét berøringspunkt
   *[other] { $n } berøringspunkter
}
map-confirm-events = { $n ->
    [one] én registreret kundehændelse
   *[other] { $n } registrerede kundehændelser
}
tobe-title = Planlæg en ny udgave
tobe-intro = Kopierer alle faser og berøringspunkter til en ny fremtidig rejse, der er knyttet til denne. Ret frit i kopien; tallene fra rejsen som nu står ved hvert trin.
tobe-create = Opret en fremtidig udgave
tobe-default-name = { $name } (fremtidig)
tobe-asis-touchpoint = Som nu “{ $name }”: { $reached } nåede hertil, { $went } gik videre, { $dropped } faldt fra
tobe-asis-new = Nyt i den fremtidige rejse: endnu ingen data fra i dag
tobe-asis-stage = Tragten som nu: { $reached } kunder nåede denne fase ({ $previous } af fasen før); { $dropped } kom ikke videre
compare-intro = Rejsen, som den er i dag, ved siden af den nye udgave. Hvert fremtidigt trin viser, hvad data fra i dag siger om samme berøringspunkt (fundet ud fra navnet).
subjourney-title = Delrejse for et enkelt stykke
subjourney-intro = Kopierer faserne fra den første til den sidste valgte (med deres berøringspunkter) til en ny rejse, der er en del af denne, for eksempel kun “booking”.
subjourney-name = Delrejsens navn
subjourney-first = Fra fase
subjourney-last = Til fase
subjourney-create = Opret delrejse
subjourney-error-range = Den første fase skal komme før den sidste (eller være den samme).
map-done-journey-saved = Rejsen er gemt.
map-done-journey-deleted = Rejsen er slettet.
map-done-stage-added = Fasen er tilføjet.
map-done-stage-saved = Fasen er omdøbt.
map-done-stage-deleted = Fasen er slettet.
map-done-tp-saved = Berøringspunktet er gemt.
map-done-tp-deleted = Berøringspunktet er slettet.
map-done-tobe-created = Den fremtidige udgave er oprettet: ret frit i den.
map-done-sub-created = Delrejsen er oprettet.
map-done-moved = Rækkefølgen er ændret.
map-failed = { $share } mislykkedes (lagde på, gav op)
tp-counterpart = Ny udgave af (berøringspunkt som nu)
tp-counterpart-none = Intet: et nyt trin
