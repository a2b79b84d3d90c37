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

## API keys and the web snippet
apikeys-title = API-nøgler
apikeys-intro = Med nøgler kan jeres egne systemer sende hændelser til Kunde. En hemmelig nøgle bliver på jeres servere. En offentlig nøgle sættes ind i web-snippetten på jeres websted: den kan kun tilføje anonyme sidevisninger og klik, og den kan ikke læse noget.
apikeys-docs = API-reference (OpenAPI)
apikeys-none = Der er ingen nøgler endnu.
apikeys-name = Navn
apikeys-kind = Type
apikeys-kind-secret = Hemmelig (til jeres servere)
apikeys-kind-publishable = Offentlig (til web-snippetten)
apikeys-kind-invalid = Vælg hemmelig eller offentlig.
apikeys-key = Nøgle
apikeys-created = Oprettet
apikeys-revoked = Tilbagekaldt { $name }
apikeys-revoke = Tilbagekald
apikeys-revoke-named = Tilbagekald nøglen { $name }
apikeys-new = Ny API-nøgle
apikeys-create = Opret nøgle
apikeys-shown-once = Her er nøglen “{ $name }”. Kopiér den nu: den vises kun denne ene gang.
apikeys-snippet = Sæt dette ind på hver side af jeres websted, lige før </body>, og erstat TOUCHPOINT_ID med det kontaktpunkt, sidevisningerne hører til:
## Import and manual logging
nav-import = Import
import-title = Import
import-intro = Hent kunder, ordrer eller hændelser ind fra en CSV-fil, fx et udtræk fra din webshop eller kasse. Hver række kontrolleres først; intet gemmes, før alle rækker er i orden.
import-kind = Hvad filen indeholder
import-kind-customers = Kunder
import-kind-orders = Ordrer
import-kind-events = Hændelser (kontakter)
import-preset = Format
import-preset-generic = Generelt (kolonnenavne på engelsk, dansk eller svensk)
import-preset-shopify = Shopify-udtræk
import-file = CSV-fil
import-file-help = Adskilt med komma, semikolon eller tabulator. Datoer som 31-12-2025 eller 2025-12-31, beløb som 1.234,50. Kunder genkendes på e-mailadresse, kontaktpunkter på navn.
import-upload = Upload og fortsæt
import-mapping = Hvilken kolonne indeholder hvad
import-column = Kolonne i filen
import-field = Felt i Kunde
import-check = Kontrollér alle rækker
import-preview = De første rækker
import-line = Linje
import-reason = Hvorfor
import-result = Resultat af kontrollen
import-ready = Alle { $rows } rækker er i orden: { $ready } poster er klar til import.
import-rejected = { $n } af { $rows } rækker blev afvist.
import-nothing = Intet er importeret. Ret linjerne nedenfor i filen, eller ret kolonnerne, og prøv igen.
import-run = Importér nu
import-cancel = Annullér importen
import-running = Importerer …
import-done = Importen er færdig: { $inserted } tilføjet, { $skipped } sprunget over, fordi de allerede fandtes, { $created } nye kunder oprettet fra ordrer.
import-cancelled = Importen blev annulleret. Intet blev importeret.
import-failed = Importen mislykkedes, og intet blev importeret. Prøv igen.
import-another = Importér en anden fil
import-error-io = Filen kunne ikke læses.
import-error-empty = Vælg en CSV-fil med en overskriftslinje, og hvad den indeholder.
import-error-empty-header = Overskriftslinjen har en kolonne uden navn. Giv alle kolonner et navn.
import-error-duplicate-header = Overskriftslinjen nævner den samme kolonne to gange.
import-error-csv = Filen er ikke gyldig CSV: { $detail }
import-map-syntax = Skriv kolonnerne som overskrift=felt.
import-map-unknown-header = Filen har ikke den kolonne.
import-map-unknown-field = Vælg et af de viste felter.
import-map-missing = Vælg den kolonne, der indeholder “{ $field }”; importen kræver den.
import-map-twice = To kolonner er sat til “{ $field }”; vælg én.
import-row-columns = Rækken har { $found } kolonner; overskriften har { $expected }.
import-row-missing = { $field } mangler.
import-row-invalid = { $field }: { $reason }
import-row-date = { $field }: “{ $value }” er ikke en dato. Skriv 31-12-2025, 31.12.2025 eller 2025-12-31, gerne med klokkeslæt.
import-row-amount = { $field }: “{ $value }” er ikke et beløb. Skriv 1234,50 eller 1.234,50.
import-row-quantity = Antallet “{ $value }” er ikke et helt tal på mindst 1.
import-row-bool = { $field }: “{ $value }” er hverken ja eller nej.
import-row-currency = Beløbet er i { $found }, men virksomheden fører regnskab i { $expected }.
import-row-duplicate-email = E-mailadressen { $email } står allerede på linje { $line }.
import-row-order-mismatch = Ordre { $reference } har e-mailen { $email } her, men en anden på linje { $line }.
import-row-unknown-touchpoint = Der er intet kontaktpunkt med navnet “{ $name }”. Tilføj det til en kunderejse først.
import-row-unknown-customer = Der er ingen kunde med e-mailen { $email }. Importér kunderne først.
log-title = Registrér en kontakt
log-no-touchpoints = Tilføj først kontaktpunkter til en kunderejse; kontakter registreres ved et kontaktpunkt.
log-touchpoint = Kontaktpunkt
log-channel = Kanal
log-time = Hvornår
log-note = Note
log-amount = Beløb
log-submit = Registrér kontakt
log-done = Kontakten er registreret.
log-error-touchpoint = Vælg et af de viste kontaktpunkter.
log-error-time = “{ $value }” er ikke et tidspunkt. Vælg dato og klokkeslæt.
import-field-email = E-mail
import-field-name = Navn
import-field-first_name = Fornavn
import-field-last_name = Efternavn
import-field-phone = Telefon
import-field-language = Sprog
import-field-consent = Samtykke til markedsføring
import-field-acquisition_channel = Kanal, kunden kom fra
import-field-acquisition_cost = Anskaffelsespris
import-field-created_at = Kunde siden
import-field-order = Ordrenummer
import-field-customer_name = Kundenavn
import-field-ordered_at = Ordredato
import-field-paid = Betalt
import-field-currency = Valuta
import-field-product = Vare
import-field-quantity = Antal
import-field-unit_price = Stykpris
import-field-total = Ordretotal
import-field-touchpoint = Kontaktpunkt
import-field-occurred_at = Tidspunkt
import-field-channel = Kanal
import-field-amount = Beløb
import-field-note = Note
import-field-ignore = (ignorér kolonnen)
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
## Journey analytics (funnel and paths)
nav-analytics = Analyse
analytics-funnel-title = Tragt
analytics-paths-title = Veje
analytics-funnel-intro = Hvor mange kunder der går gennem de valgte kontaktpunkter i rækkefølge inden for tidsrummet, hvor de falder fra, og hvor lang tid hvert trin tager. Andre kontaktpunkter ind imellem og skridt tilbage er tilladt.
analytics-paths-intro = Hvad kunderne gjorde efter (eller før) et kontaktpunkt, trin for trin, også når de gik i ring eller tilbage.
analytics-steps = Trin i rækkefølge
analytics-step = Trin
analytics-window = Tidsrum
analytics-window-unit = Enhed for tidsrummet
analytics-unit-days = dage
analytics-unit-hours = timer
analytics-breakdown = Opdeling
analytics-breakdown-none = Ingen
analytics-breakdown-channel = Efter kanal, kunden kom fra
analytics-breakdown-month = Efter måned for første trin
analytics-show = Vis
analytics-empty = Der er endnu ingen kundehændelser at analysere, eller der er valgt færre end to trin.
analytics-funnel-chart = Tragtdiagram; de samme tal står i tabellen nedenfor.
analytics-steps-table = Kunder pr. trin
analytics-touchpoint = Kontaktpunkt
analytics-customers = Kunder
analytics-of-first = Af første trin
analytics-of-previous = Af forrige trin
analytics-dropped = Faldt fra her
analytics-median-time = Mediantid fra forrige trin
analytics-p90-time = 90 % brugte højst
analytics-download-csv = Hent som CSV
analytics-breakdown-table = Opdeling
analytics-group = Gruppe
analytics-conversion = Konvertering
analytics-where-they-went = Hvor gik de hen i stedet?
analytics-reached-at = Nåede trinnet
analytics-anchor = Kontaktpunkt
analytics-direction = Retning
analytics-direction-after = Hvad de gjorde bagefter
analytics-direction-before = Hvad de gjorde før
analytics-depth = Antal trin at følge
analytics-top = Største forbindelser vist
analytics-repeats = Gentagne besøg i træk
analytics-repeats-merge = Tæl som ét trin
analytics-repeats-keep = Tæl hvert besøg
analytics-back-to-funnel = Tilbage til tragten
analytics-paths-none = Ingen kunde har dette kontaktpunkt i den valgte visning.
analytics-paths-chart = Strømdiagram (Sankey); de samme tal står i tabellerne nedenfor.
analytics-links-table = Forbindelser mellem trin (trinnummeret står i parentes)
analytics-from = Fra
analytics-to = Til
analytics-top-paths = Mest almindelige veje
analytics-path = Vej
analytics-paths-view = Visning
analytics-table = Tabel
analytics-drop-step = Frafaldstrin
analytics-no-channel = (ingen kanal)
analytics-minutes = { $n } min.
analytics-hours = { $n } t.
analytics-days = { $n } dage
analytics-funnel-summary = { $entered } kunder nåede første trin; { $converted } af dem gik gennem alle trin inden for { $window } ({ $percent } %).
analytics-dropped-title = Kunder, der stoppede efter trin { $n }, { $step } ({ $count })
analytics-dropped-more = … og { $n } mere: hent CSV-filen for hele listen.
analytics-paths-drop-title = Hvor de { $count } kunder, der stoppede efter trin { $n }, { $step }, gik hen bagefter
analytics-paths-no-drop = Ingen faldt fra i denne tragt.
analytics-paths-after-title = Efter { $step }: { $count } kunder
analytics-paths-before-title = Før { $step }: { $count } kunder
analytics-error-range = { $field }: “{ $value }” er ikke tilladt. Angiv et helt tal fra { $min } til { $max }.
analytics-error-choice = { $field }: “{ $value }” er ikke et af valgene. Vælg et fra listen.
analytics-error-step = Trin { $n }: “{ $value }” er ikke et af virksomhedens kontaktpunkter. Vælg et fra listen.
analytics-error-steps = Vælg mindst to trin (højst { $max }).
tp-counterpart = Ny udgave af (berøringspunkt som nu)
tp-counterpart-none = Intet: et nyt trin

# --- voc ---
voc-nav-results = Resultater
voc-results-title = Resultater af undersøgelser
voc-surveys = Undersøgelser
voc-survey = Undersøgelse
voc-kind = Type
voc-responses = Besvarelser
voc-no-surveys = Ingen undersøgelser endnu. Opret en under Undersøgelser.
voc-by-touchpoint = Resultater pr. kontaktpunkt
voc-survey-count = { $n ->
    [one] { $n } undersøgelse
   *[other] { $n } undersøgelser
}
voc-response-count = { $n ->
    [one] { $n } besvarelse
   *[other] { $n } besvarelser
}
voc-customer-survey = Kundeundersøgelse
voc-employee-survey = Medarbejderundersøgelse (anonym)
voc-touchpoint-results = Alle kundeundersøgelser ved dette kontaktpunkt
voc-touchpoint-link = Alle undersøgelser ved { $name }
voc-no-responses = Ingen svar endnu.
voc-scores = Tal
voc-measure = Mål
voc-value = Værdi
voc-interval = 95 %-interval
voc-answers = Svar
voc-interval-note = NPS går fra −100 til 100, CSAT er andelen af svar på 4–5 i procent, CES er den gennemsnitlige indsats fra 1 (meget let) til 7 (meget svært). Intervallet viser, hvor sikkert tallet er: med få svar er det bredt.
voc-nps = NPS
voc-csat = CSAT %
voc-ces = CES
voc-trend = Udvikling pr. måned
voc-month = Måned
voc-gap = Forventningskløft
voc-gap-note = Hvad kunderne forventede, og hvad de fik, fra 0 (dårligt) til 3 (fremragende). En negativ kløft er en skuffelse.
voc-question = Spørgsmål
voc-expected = Forventet
voc-experienced = Oplevet
voc-gap-column = Kløft
voc-choices = Valg
voc-option = Svarmulighed
voc-segment-language = Efter sprog
voc-segment-channel = Efter svarkanal
voc-segment-acquisition = Efter kundekilde
voc-themes = Temaer i fritekstsvar
voc-themes-note = Ord og vendinger, der går igen i flere svar. Åbn et tema for at læse svarene bag det.
voc-answers-title = Svar
voc-answers-theme = Svar der nævner “{ $name }”
voc-all-answers = Alle svar
voc-when = Hvornår
voc-customer = Kunde
voc-via = Via
voc-text = Tekst
voc-anonymous = Anonym
voc-answers-more = { $n ->
    [one] { $n } besvarelse mere findes i CSV-filen.
   *[other] { $n } besvarelser mere findes i CSV-filen.
}
voc-via-link = Link
voc-via-qr = QR-kode
voc-via-email = E-mail
voc-via-paper = Papir
voc-via-widget = Webwidget
voc-engagement = Engagement pr. team
voc-anonymous-note = { $n ->
    [one] Svarene er anonyme. En gruppes tal vises fra { $n } svar.
   *[other] Svarene er anonyme. En gruppes tal vises først fra { $n } svar.
}
voc-group-by = Gruppér efter
voc-team = Team
voc-location = Afdeling
voc-enps = eNPS
voc-enps-overall = eNPS samlet
voc-customer-csat = Kundernes CSAT (svar)
voc-group-hidden = { $n ->
    [one] For få svar til at vise (under { $n })
   *[other] For få svar til at vise (under { $n })
}
voc-correlation = Engagement og kundetilfredshed på tværs af teams: r = { $r } over { $n } teams (p = { $p }).
voc-correlation-none = En sammenhæng kræver mindst tre teams med nok svar og kundernes CSAT.
voc-followups-title = Opfølgninger
voc-followups-intro = En kritiker (NPS 0–6) eller en lav CSAT (1–2) opretter en opfølgning til kontaktpunktets ansvarlige med frist om tre dage. Skriv, hvad der blev gjort, for at lukke den.
voc-followups-open = { $n ->
    [one] { $n } åben opfølgning
   *[other] { $n } åbne opfølgninger
}
voc-followups-overdue = { $n ->
    [one] { $n } over fristen
   *[other] { $n } over fristen
}
voc-followups-none = Ingen åbne opfølgninger.
voc-followups-closed = Lukkede opfølgninger
voc-overdue = Over fristen
voc-reason = Årsag
voc-reason-detractor = Kritiker
voc-reason-low-csat = Lav CSAT
voc-touchpoint = Kontaktpunkt
voc-owner = Ansvarlig
voc-no-owner = ingen ansvarlig
voc-answered = Besvaret
voc-due = Frist
voc-what-was-done = Hvad blev der gjort
voc-close-followup = Luk opfølgning
voc-closed-by = Lukket af
voc-closed-at = Lukket
voc-followup-closed = Opfølgningen er lukket.
voc-followup-already-closed = Denne opfølgning var allerede lukket.
voc-action-required = Skriv, hvad der blev gjort, før du lukker opfølgningen.
voc-action-too-long = Hold det under { $max } tegn.
voc-invite-title = Inviter via e-mail
voc-invite-intro = Hver kunde får et personligt link på sit eget sprog. Kunder, der er spurgt inden for de sidste { $fatigue } dage, springes over; en påmindelse sendes efter { $reminder } dage, hvis de ikke har svaret (0 = ingen).
voc-invite-all = { $n ->
    [one] Inviter den { $n } kunde, der må spørges nu
   *[other] Inviter alle { $n } kunder, der må spørges nu
}
voc-invite-pick = Eller vælg kunder
voc-invite-send = Inviter de valgte kunder
voc-invite-done = { $sent } invitationer sat i kø, { $skipped } kunder sprunget over.
voc-invite-employee = Medarbejderundersøgelser besvares anonymt via det offentlige link, ikke via personlige invitationer.
voc-invite-not-live = Undersøgelsen skal være aktiv, før der kan sendes invitationer.
voc-invite-no-smtp = Opsæt e-mailserveren først.
voc-email-settings = E-mailindstillinger
voc-skip-no-email = ingen e-mailadresse
voc-skip-no-consent = intet markedsføringssamtykke
voc-skip-unsubscribed = afmeldt
voc-skip-already-invited = allerede inviteret
voc-skip-fatigue = spurgt for nylig; igen fra { $date }
voc-mail-invite-subject = { $business } vil gerne høre din mening
voc-mail-invite-body = Hej { $name },

    { $business } vil gerne høre, hvordan det gik: “{ $survey }”. Det tager et minut:

    { $link }

    Linket er kun dit. Hvis du ikke længere vil have invitationer til undersøgelser fra { $business }: { $unsubscribe }
voc-mail-reminder-subject = En påmindelse: { $business } vil gerne høre din mening
voc-mail-reminder-body = Hej { $name },

    for nogle dage siden spurgte { $business }, hvordan det gik: “{ $survey }”. Har du et minut, hjælper dit svar:

    { $link }

    Hvis du ikke længere vil have invitationer til undersøgelser fra { $business }: { $unsubscribe }
voc-unsubscribe-title = Invitationer til undersøgelser
voc-unsubscribe-question = Vil du ikke længere have invitationer til undersøgelser via e-mail?
voc-unsubscribe-button = Stop invitationer
voc-unsubscribe-done = Sådan. Du får ikke flere invitationer til undersøgelser fra os.
voc-unsubscribe-unknown = Dette link er ikke gyldigt.
voc-too-many = For mange forespørgsler. Vent et minut, og prøv igen.
voc-timeline-survey = Svar på undersøgelse
# --- mail ---
mail-title = E-mail
mail-intro = Kunde sender invitationer til undersøgelser, svar til kunder og eskaleringer gennem jeres egen mailserver. Udfyld det, jeres e-mailudbyder oplyser om SMTP, og send så en test-e-mail.
mail-settings-link = Mailserver og test-e-mail
mail-host = SMTP-server
mail-port = Port
mail-security = Forbindelsens sikkerhed
mail-security-starttls = STARTTLS (som regel port 587)
mail-security-tls = TLS (som regel port 465)
mail-security-none = Ingen (kun for en server på denne maskine)
mail-username = Brugernavn (tomt, hvis serveren ikke kræver login)
mail-password = Adgangskode
mail-password-kept = Der er gemt en adgangskode. Lad feltet stå tomt for at beholde den.
mail-from-address = Afsenderadresse
mail-from-name = Afsendernavn
mail-error-host = Skriv mailserverens værtsnavn, fx smtp.example.dk.
mail-error-port = Skriv et portnummer mellem 1 og 65535.
mail-error-subject = En besked skal have et emne.
mail-test-title = Send en test-e-mail
mail-test-to = Send den til
mail-test-send = Send test-e-mail
mail-test-subject = Test-e-mail fra { $name }
mail-test-body = Dette er en test-e-mail fra Kunde for { $name }. Kan du læse den, virker e-mail.
mail-test-sent = Mailserveren tog imod test-e-mailen til { $name }.
mail-test-failed = Test-e-mailen blev ikke sendt: { $name }
mail-recent = Seneste e-mails
mail-recent-none = Ingen e-mails endnu.
mail-col-when = Sat i kø
mail-col-to = Til
mail-col-subject = Emne
mail-col-state = Status
mail-state-queued = Venter på at blive sendt
mail-state-sent = Sendt
mail-state-failed = Ikke sendt
error-rate-limited = For mange forsøg. Vent et minut, og prøv igen.
