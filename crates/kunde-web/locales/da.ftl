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
