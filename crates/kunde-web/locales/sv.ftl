# Kunde's Swedish messages. Every key here must exist in en.ftl, da.ftl and tl.ftl too.

app-name = Kunde
app-tagline = Kundupplevelse för småföretag
nav-overview = Översikt
nav-customers = Kunder
nav-journeys = Kundresor
nav-settings = Inställningar
nav-signout = Logga ut
nav-skip = Hoppa till innehållet
nav-main = Huvudmeny
lang-label = Språk
lang-save = Byt språk

signin-title = Logga in
signin-email = E-post
signin-password = Lösenord
signin-submit = Logga in
signin-failed = Fel e-postadress eller lösenord.
signout-done = Du är nu utloggad.

setup-title = Välkommen till Kunde
setup-intro = Lägg upp ditt företag. Du blir dess ägare och kan sedan bjuda in din personal.
setup-business = Företagets namn
setup-owner-name = Ditt namn
setup-language = Standardspråk
setup-currency = Valuta
setup-submit = Skapa min arbetsyta

overview-title = Översikt
overview-customers = Kunder
overview-events = Händelser vid kontaktpunkter
overview-orders = Beställningar
overview-revenue = Omsättning
overview-journeys = Kundresor
overview-empty = Din arbetsyta är tom. Lägg till din första kund eller kartlägg en kundresa för att komma igång.
overview-facts = Värt att komma ihåg
fact-half = Det genomsnittliga småföretaget förlorar hälften av sina kunder inom tre år.
fact-complain = Bara omkring 4 % av de missnöjda kunderna klagar; de övriga 96 % berättar för andra.
fact-moments = Det krävs ungefär tolv bra ögonblick för att väga upp ett dåligt.

customers-title = Kunder
customers-search = Sök på namn eller e-post
customers-search-submit = Sök
customers-new = Ny kund
customers-none = Inga kunder matchar sökningen.
customers-count = { $n ->
    [one] En kund
   *[other] { $n } kunder
}
col-name = Namn
col-email = E-post
col-phone = Telefon
col-language = Önskat språk
col-channel = Hittade oss via
col-cost = Anskaffningskostnad
col-consent = Samtycke till marknadsföring
col-created = Kund sedan
col-when = När
col-what = Vad
col-detail = Detaljer
col-amount = Belopp
page-prev = Föregående sida
page-next = Nästa sida
page-of = Sida { $n }

customer-edit = Redigera
customer-timeline = Tidslinje
customer-timeline-empty = Inget har hänt med den här kunden än.
customer-details = Uppgifter
timeline-event = Interaktion
timeline-order = Beställning
customer-form-new = Ny kund
customer-form-edit = Redigera kund
customer-created = Kunden har lagts till.
customer-saved = Kunden har sparats.
channel-unknown = Okänd
form-save = Spara
form-cancel = Avbryt
form-optional = valfritt
yes = Ja
no = Nej

journeys-title = Kundresor
journeys-none = Inga kundresor än. Skapa den första här nedanför.
journeys-new = Ny kundresa
journey-name = Namn
journey-description = Beskrivning
journey-variant = Version
variant-as_is = Nuläge
variant-to_be = Önskat läge
journey-redesign-of = Omarbetning av { $name }
journey-part-of = Del av { $name }
journey-redesigns = Omarbetningar
journey-parts = Delresor
journey-create = Skapa kundresa
journey-created = Kundresan har skapats med standardfaserna.
journey-stage-empty = Inga kontaktpunkter i den här fasen än.
journey-stages = { $n ->
    [one] En fas
   *[other] { $n } faser
}
tp-channel = Kanal
tp-digital = Digital
tp-physical = Fysisk
tp-owned = Styrs av oss
tp-not-owned = Utanför vår kontroll
tp-owner = Ansvarig
tp-goal = Kundens mål
tp-pain = Smärtpunkter
tp-ideas = Idéer
tp-add = Lägg till kontaktpunkt
tp-added = Kontaktpunkten har lagts till.
tp-stage = Fas
tp-name = Kontaktpunkt
tp-nobody = Ingen
tp-control = Kontroll
tp-kind = Typ

channel-web = Webb
channel-phone = Telefon
channel-email = E-post
channel-in_person = Personligen
channel-social = Sociala medier
channel-review_site = Recensionssajt
channel-mail = Brev
channel-other = Annat

settings-title = Inställningar
settings-workspace = Företag
settings-saved = Inställningarna har sparats.
users-title = Personal
users-invite = Bjud in en kollega
users-role = Roll
role-owner = Ägare
role-staff = Medarbetare
users-status = Status
users-active = Aktiv
users-invited = Inbjuden
users-invite-submit = Skapa inbjudan
users-invite-link = Skicka den här länken till { $name }. Den kan användas en gång inom sju dagar:
invite-title = Gå med i { $name }
invite-intro = Välj ett lösenord för att bli klar med ditt konto.
invite-submit = Spara lösenord och logga in
invite-invalid = Den här inbjudningslänken gäller inte längre. Be ägaren om en ny.
password-new = Nytt lösenord

error-empty = { $field } måste fyllas i.
error-too-long = { $field } får vara högst { $max } tecken.
error-email = ”{ $value }” är inte en giltig e-postadress.
error-phone = ”{ $value }” är inte ett giltigt telefonnummer.
error-password-short = Lösenordet måste ha minst { $min } tecken.
error-language = Välj ett av språken i listan.
error-channel = Välj en av kanalerna i listan.
error-money = ”{ $value }” är inte ett giltigt belopp.
error-role = Välj ägare eller medarbetare.
error-duplicate-email = Det finns redan någon med den här e-postadressen.
error-form = Rätta till de markerade fälten nedan.
error-csrf = Formuläret hade gått ut. Gå tillbaka, ladda om sidan och försök igen.
error-forbidden = Bara ägaren har tillgång till den här sidan.
error-not-found = Sidan finns inte, eller så tillhör den ett annat företag.
error-internal = Något gick fel hos oss. Försök igen.
error-bad-request = Begäran kunde inte tolkas.
error-title = Något är inte som det ska
error-back = Tillbaka till startsidan
error-setup-done = Kunde är redan konfigurerat. Logga in i stället.

stage-awareness = Medvetenhet
stage-consideration = Övervägande
stage-purchase = Köp
stage-service = Service
stage-loyalty = Lojalitet

## API keys and the web snippet
apikeys-title = API-nycklar
apikeys-intro = Med nycklar kan era egna system skicka händelser till Kunde. En hemlig nyckel stannar på era servrar. En publik nyckel läggs in i webbsnutten på er webbplats: den kan bara lägga till anonyma sidvisningar och klick, och den kan inte läsa något.
apikeys-docs = API-referens (OpenAPI)
apikeys-none = Det finns inga nycklar än.
apikeys-name = Namn
apikeys-kind = Typ
apikeys-kind-secret = Hemlig (för era servrar)
apikeys-kind-publishable = Publik (för webbsnutten)
apikeys-kind-invalid = Välj hemlig eller publik.
apikeys-key = Nyckel
apikeys-created = Skapad
apikeys-revoked = Återkallad { $name }
apikeys-revoke = Återkalla
apikeys-revoke-named = Återkalla nyckeln { $name }
apikeys-new = Ny API-nyckel
apikeys-create = Skapa nyckel
apikeys-shown-once = Här är nyckeln ”{ $name }”. Kopiera den nu: den visas bara den här gången.
apikeys-snippet = Lägg in detta på varje sida på er webbplats, precis före </body>, och byt TOUCHPOINT_ID mot den kontaktpunkt som sidvisningarna hör till:
## Import and manual logging
nav-import = Import
import-title = Import
import-intro = Hämta in kunder, ordrar eller händelser från en CSV-fil, till exempel en export från din webbutik eller kassa. Varje rad kontrolleras först; inget sparas förrän alla rader är rätt.
import-kind = Vad filen innehåller
import-kind-customers = Kunder
import-kind-orders = Ordrar
import-kind-events = Händelser (kontakter)
import-preset = Format
import-preset-generic = Allmänt (kolumnnamn på engelska, danska eller svenska)
import-preset-shopify = Shopify-export
import-file = CSV-fil
import-file-help = Avgränsad med komma, semikolon eller tabb. Datum som 31-12-2025 eller 2025-12-31, belopp som 1 234,50. Kunder känns igen på e-postadress, kontaktpunkter på namn.
import-upload = Ladda upp och fortsätt
import-mapping = Vilken kolumn innehåller vad
import-column = Kolumn i filen
import-field = Fält i Kunde
import-check = Kontrollera alla rader
import-preview = De första raderna
import-line = Rad
import-reason = Varför
import-result = Resultat av kontrollen
import-ready = Alla { $rows } rader är rätt: { $ready } poster är klara att importeras.
import-rejected = { $n } av { $rows } rader avvisades.
import-nothing = Inget har importerats. Rätta raderna nedan i filen, eller ändra kolumnerna, och försök igen.
import-run = Importera nu
import-cancel = Avbryt importen
import-running = Importerar …
import-done = Importen är klar: { $inserted } tillagda, { $skipped } överhoppade eftersom de redan fanns, { $created } nya kunder skapade från ordrar.
import-cancelled = Importen avbröts. Inget importerades.
import-failed = Importen misslyckades och inget importerades. Försök igen.
import-another = Importera en annan fil
import-error-io = Filen kunde inte läsas.
import-error-empty = Välj en CSV-fil med en rubrikrad och vad den innehåller.
import-error-empty-header = Rubrikraden har en kolumn utan namn. Ge alla kolumner ett namn.
import-error-duplicate-header = Rubrikraden nämner samma kolumn två gånger.
import-error-csv = Filen är inte giltig CSV: { $detail }
import-map-syntax = Skriv kolumnerna som rubrik=fält.
import-map-unknown-header = Filen har inte den kolumnen.
import-map-unknown-field = Välj ett av de visade fälten.
import-map-missing = Välj den kolumn som innehåller ”{ $field }”; importen behöver den.
import-map-twice = Två kolumner är satta till ”{ $field }”; välj en.
import-row-columns = Raden har { $found } kolumner; rubriken har { $expected }.
import-row-missing = { $field } saknas.
import-row-invalid = { $field }: { $reason }
import-row-date = { $field }: ”{ $value }” är inte ett datum. Skriv 31-12-2025, 31.12.2025 eller 2025-12-31, gärna med klockslag.
import-row-amount = { $field }: ”{ $value }” är inte ett belopp. Skriv 1234,50 eller 1 234,50.
import-row-quantity = Antalet ”{ $value }” är inte ett heltal på minst 1.
import-row-bool = { $field }: ”{ $value }” är varken ja eller nej.
import-row-currency = Beloppet är i { $found }, men företaget bokför i { $expected }.
import-row-duplicate-email = E-postadressen { $email } finns redan på rad { $line }.
import-row-order-mismatch = Order { $reference } har e-postadressen { $email } här men en annan på rad { $line }.
import-row-unknown-touchpoint = Det finns ingen kontaktpunkt som heter ”{ $name }”. Lägg först till den i en kundresa.
import-row-unknown-customer = Det finns ingen kund med e-postadressen { $email }. Importera kunderna först.
log-title = Registrera en kontakt
log-no-touchpoints = Lägg först till kontaktpunkter i en kundresa; kontakter registreras vid en kontaktpunkt.
log-touchpoint = Kontaktpunkt
log-channel = Kanal
log-time = När
log-note = Anteckning
log-amount = Belopp
log-submit = Registrera kontakt
log-done = Kontakten är registrerad.
log-error-touchpoint = Välj en av de visade kontaktpunkterna.
log-error-time = ”{ $value }” är inte en tidpunkt. Välj datum och klockslag.
import-field-email = E-post
import-field-name = Namn
import-field-first_name = Förnamn
import-field-last_name = Efternamn
import-field-phone = Telefon
import-field-language = Språk
import-field-consent = Samtycke till marknadsföring
import-field-acquisition_channel = Kanal kunden kom från
import-field-acquisition_cost = Anskaffningskostnad
import-field-created_at = Kund sedan
import-field-order = Ordernummer
import-field-customer_name = Kundnamn
import-field-ordered_at = Orderdatum
import-field-paid = Betald
import-field-currency = Valuta
import-field-product = Produkt
import-field-quantity = Antal
import-field-unit_price = Styckpris
import-field-total = Ordersumma
import-field-touchpoint = Kontaktpunkt
import-field-occurred_at = Tidpunkt
import-field-channel = Kanal
import-field-amount = Belopp
import-field-note = Anteckning
import-field-ignore = (ignorera kolumnen)
## journey map
journey-edit = Redigera resan
journey-edit-named = Redigera { $name }
journey-save = Spara resan
journey-compare = Nuläge och framtid sida vid sida
journey-delete = Ta bort den här resan
journey-delete-named = Ta bort ”{ $name }”…
map-download-svg = Ladda ner SVG
map-download-png = Ladda ner PNG
map-caption = Kortens färger: andelen kunder som nådde kontaktpunkten och gick vidare till ett senare steg (i sista steget: som kom tillbaka). Pilar: kunder som går tillbaka till en tidigare kontaktpunkt. Utskriven får kartan plats på en liggande sida.
map-cards-title = Kontaktpunkterna i detalj
map-owner = Ansvarig: { $name }
map-no-owner = Ingen ansvarig
map-went-on = { $reached } nådde hit · { $share } gick vidare
map-came-back = { $reached } nådde hit · { $share } kom tillbaka
map-no-events = Inga händelser registrerade än
map-customers = { $n ->
    [one] en kund i underlaget
   *[other] { $n } kunder i underlaget
}
map-emotion-derived = Kundens känsla per steg — inga enkätsvar än, så kurvan visar andelen kunder som går vidare från varje steg
map-good = De flesta går vidare (50 % eller fler)
map-mixed = En del faller bort eller misslyckas (30–50 % går vidare, eller 15 % misslyckas)
map-poor = Många faller bort eller misslyckas (under 30 % går vidare, eller 30 % misslyckas)
map-no-data = För få kunder för att säga något
map-loops = Kunder som går tillbaka (tjockare: fler kunder)
map-edit = Redigera
map-delete = Ta bort
map-move-up = Flytta upp { $name }
map-move-down = Flytta ner { $name }
tp-edit-named = Redigera { $name }
tp-delete-named = Ta bort { $name }
map-stages-title = Steg
stage-name = Stegets namn
stage-rename-named = Byt namn på { $name }
stage-delete-named = Ta bort steget { $name }
stage-touchpoints = { $n ->
    [one] en kontaktpunkt
   *[other] { $n } kontaktpunkter
}
stage-new = Nytt steg
stage-add = Lägg till steg
map-confirm-delete-journey = Ta bort resan ”{ $name }”?
map-confirm-delete-stage = Ta bort steget ”{ $name }”?
map-confirm-delete-touchpoint = Ta bort kontaktpunkten ”{ $name }”?
map-confirm-cannot-undo = Det går inte att ångra. Det tar också bort:
map-confirm-stages = { $n ->
    [one] ett steg
   *[other] { $n } steg
}
map-confirm-touchpoints = { $n ->
    [one] en kontaktpunkt
   *[other] { $n } kontaktpunkter
}
map-confirm-events = { $n ->
    [one] en registrerad kundhändelse
   *[other] { $n } registrerade kundhändelser
}
tobe-title = Planera en ny version
tobe-intro = Kopierar alla steg och kontaktpunkter till en ny framtida resa som hör ihop med den här. Ändra fritt i kopian; siffrorna från nuläget står kvar vid varje steg.
tobe-create = Skapa en framtida version
tobe-default-name = { $name } (framtid)
tobe-asis-touchpoint = Nuläge ”{ $name }”: { $reached } nådde hit, { $went } gick vidare, { $dropped } föll bort
tobe-asis-new = Nytt i den framtida resan: inga data från nuläget än
tobe-asis-stage = Tratten i nuläget: { $reached } kunder nådde det här steget ({ $previous } av steget innan); { $dropped } kom inte längre
compare-intro = Resan som den är i dag bredvid den nya versionen. Varje framtida steg visar vad nulägets data säger om samma kontaktpunkt (matchad på namnet).
subjourney-title = Delresa för en sträcka
subjourney-intro = Kopierar stegen från det första till det sista valda (med deras kontaktpunkter) till en ny resa som är en del av den här, till exempel bara ”bokning”.
subjourney-name = Delresans namn
subjourney-first = Från steg
subjourney-last = Till steg
subjourney-create = Skapa delresa
subjourney-error-range = Det första steget måste komma före det sista (eller vara samma).
map-done-journey-saved = Resan är sparad.
map-done-journey-deleted = Resan är borttagen.
map-done-stage-added = Steget är tillagt.
map-done-stage-saved = Steget har bytt namn.
map-done-stage-deleted = Steget är borttaget.
map-done-tp-saved = Kontaktpunkten är sparad.
map-done-tp-deleted = Kontaktpunkten är borttagen.
map-done-tobe-created = Den framtida versionen är skapad: ändra fritt i den.
map-done-sub-created = Delresan är skapad.
map-done-moved = Ordningen är ändrad.
map-failed = { $share } misslyckades (lade på, gav upp)
## Journey analytics (funnel and paths)
nav-analytics = Analys
analytics-funnel-title = Tratt
analytics-paths-title = Vägar
analytics-funnel-intro = Hur många kunder som går igenom de valda kontaktpunkterna i ordning inom tidsfönstret, var de faller bort och hur lång tid varje steg tar. Andra kontaktpunkter däremellan och steg tillbaka är tillåtna.
analytics-paths-intro = Vad kunderna gjorde efter (eller före) en kontaktpunkt, steg för steg, även när de gick i cirkel eller tillbaka.
analytics-steps = Steg i ordning
analytics-step = Steg
analytics-window = Tidsfönster
analytics-window-unit = Enhet för tidsfönstret
analytics-unit-days = dagar
analytics-unit-hours = timmar
analytics-breakdown = Uppdelning
analytics-breakdown-none = Ingen
analytics-breakdown-channel = Efter kanalen kunden kom från
analytics-breakdown-month = Efter månad för första steget
analytics-show = Visa
analytics-empty = Det finns ännu inga kundhändelser att analysera, eller så är färre än två steg valda.
analytics-funnel-chart = Trattdiagram; samma siffror finns i tabellen nedan.
analytics-steps-table = Kunder per steg
analytics-touchpoint = Kontaktpunkt
analytics-customers = Kunder
analytics-of-first = Av första steget
analytics-of-previous = Av föregående steg
analytics-dropped = Föll bort här
analytics-median-time = Mediantid från föregående steg
analytics-p90-time = 90 % tog högst
analytics-download-csv = Ladda ner som CSV
analytics-breakdown-table = Uppdelning
analytics-group = Grupp
analytics-conversion = Konvertering
analytics-where-they-went = Vart tog de vägen i stället?
analytics-reached-at = Nådde steget
analytics-anchor = Kontaktpunkt
analytics-direction = Riktning
analytics-direction-after = Vad de gjorde efteråt
analytics-direction-before = Vad de gjorde före
analytics-depth = Antal steg att följa
analytics-top = Största länkar som visas
analytics-repeats = Upprepade besök i rad
analytics-repeats-merge = Räkna som ett steg
analytics-repeats-keep = Räkna varje besök
analytics-back-to-funnel = Tillbaka till tratten
analytics-paths-none = Ingen kund har den här kontaktpunkten i den valda vyn.
analytics-paths-chart = Flödesdiagram (Sankey); samma siffror finns i tabellerna nedan.
analytics-links-table = Länkar mellan steg (stegnumret står inom parentes)
analytics-from = Från
analytics-to = Till
analytics-top-paths = Vanligaste vägarna
analytics-path = Väg
analytics-paths-view = Vy
analytics-table = Tabell
analytics-drop-step = Bortfallssteg
analytics-no-channel = (ingen kanal)
analytics-minutes = { $n } min
analytics-hours = { $n } tim
analytics-days = { $n } dagar
analytics-funnel-summary = { $entered } kunder nådde första steget; { $converted } av dem gick igenom alla steg inom { $window } ({ $percent } %).
analytics-dropped-title = Kunder som slutade efter steg { $n }, { $step } ({ $count })
analytics-dropped-more = … och { $n } till: ladda ner CSV-filen för hela listan.
analytics-paths-drop-title = Vart de { $count } kunder som slutade efter steg { $n }, { $step }, gick sedan
analytics-paths-no-drop = Ingen föll bort ur den här tratten.
analytics-paths-after-title = Efter { $step }: { $count } kunder
analytics-paths-before-title = Före { $step }: { $count } kunder
analytics-error-range = { $field }: ”{ $value }” är inte tillåtet. Ange ett heltal från { $min } till { $max }.
analytics-error-choice = { $field }: ”{ $value }” är inte ett av alternativen. Välj ett i listan.
analytics-error-step = Steg { $n }: ”{ $value }” är inte en av företagets kontaktpunkter. Välj en i listan.
analytics-error-steps = Välj minst två steg (högst { $max }).
tp-counterpart = Ny version av (kontaktpunkt i nuläget)
tp-counterpart-none = Inget: ett nytt steg

# --- voc ---
voc-nav-results = Resultat
voc-results-title = Resultat av enkäter
voc-surveys = Enkäter
voc-survey = Enkät
voc-kind = Typ
voc-responses = Svar
voc-no-surveys = Inga enkäter ännu. Skapa en under Enkäter.
voc-by-touchpoint = Resultat per kontaktpunkt
voc-survey-count = { $n ->
    [one] { $n } enkät
   *[other] { $n } enkäter
}
voc-response-count = { $n ->
    [one] { $n } svar
   *[other] { $n } svar
}
voc-customer-survey = Kundenkät
voc-employee-survey = Medarbetarenkät (anonym)
voc-touchpoint-results = Alla kundenkäter vid denna kontaktpunkt
voc-touchpoint-link = Alla enkäter vid { $name }
voc-no-responses = Inga svar ännu.
voc-scores = Siffror
voc-measure = Mått
voc-value = Värde
voc-interval = 95 %-intervall
voc-answers = Svar
voc-interval-note = NPS går från −100 till 100, CSAT är andelen svar 4–5 i procent, CES är den genomsnittliga ansträngningen från 1 (mycket lätt) till 7 (mycket svårt). Intervallet visar hur säker siffran är: med få svar är det brett.
voc-nps = NPS
voc-csat = CSAT %
voc-ces = CES
voc-trend = Utveckling per månad
voc-month = Månad
voc-gap = Förväntningsgap
voc-gap-note = Vad kunderna förväntade sig och vad de fick, från 0 (dåligt) till 3 (utmärkt). Ett negativt gap är en besvikelse.
voc-question = Fråga
voc-expected = Förväntat
voc-experienced = Upplevt
voc-gap-column = Gap
voc-choices = Val
voc-option = Alternativ
voc-segment-language = Efter språk
voc-segment-channel = Efter svarskanal
voc-segment-acquisition = Efter kundkälla
voc-themes = Teman i fritextsvar
voc-themes-note = Ord och fraser som återkommer i flera svar. Öppna ett tema för att läsa svaren bakom det.
voc-answers-title = Svar
voc-answers-theme = Svar som nämner ”{ $name }”
voc-all-answers = Alla svar
voc-when = När
voc-customer = Kund
voc-via = Via
voc-text = Text
voc-anonymous = Anonym
voc-answers-more = { $n ->
    [one] { $n } svar till finns i CSV-filen.
   *[other] { $n } svar till finns i CSV-filen.
}
voc-via-link = Länk
voc-via-qr = QR-kod
voc-via-email = E-post
voc-via-paper = Papper
voc-via-widget = Webbwidget
voc-engagement = Engagemang per team
voc-anonymous-note = { $n ->
    [one] Svaren är anonyma. En grupps siffra visas från { $n } svar.
   *[other] Svaren är anonyma. En grupps siffra visas först från { $n } svar.
}
voc-group-by = Gruppera efter
voc-team = Team
voc-location = Plats
voc-enps = eNPS
voc-enps-overall = eNPS totalt
voc-customer-csat = Kundernas CSAT (svar)
voc-group-hidden = { $n ->
    [one] För få svar för att visa (under { $n })
   *[other] För få svar för att visa (under { $n })
}
voc-correlation = Engagemang och kundnöjdhet över team: r = { $r } över { $n } team (p = { $p }).
voc-correlation-none = En korrelation kräver minst tre team med tillräckligt många svar och kundernas CSAT.
voc-followups-title = Uppföljningar
voc-followups-intro = En kritiker (NPS 0–6) eller låg CSAT (1–2) skapar en uppföljning för kontaktpunktens ansvarige, med tre dagars frist. Skriv vad som gjordes för att stänga den.
voc-followups-open = { $n ->
    [one] { $n } öppen uppföljning
   *[other] { $n } öppna uppföljningar
}
voc-followups-overdue = { $n ->
    [one] { $n } försenad
   *[other] { $n } försenade
}
voc-followups-none = Inga öppna uppföljningar.
voc-followups-closed = Stängda uppföljningar
voc-overdue = Försenad
voc-reason = Orsak
voc-reason-detractor = Kritiker
voc-reason-low-csat = Låg CSAT
voc-touchpoint = Kontaktpunkt
voc-owner = Ansvarig
voc-no-owner = ingen ansvarig
voc-answered = Besvarad
voc-due = Frist
voc-what-was-done = Vad som gjordes
voc-close-followup = Stäng uppföljning
voc-closed-by = Stängd av
voc-closed-at = Stängd
voc-followup-closed = Uppföljningen är stängd.
voc-followup-already-closed = Uppföljningen var redan stängd.
voc-action-required = Skriv vad som gjordes innan du stänger uppföljningen.
voc-action-too-long = Håll det under { $max } tecken.
voc-invite-title = Bjud in via e-post
voc-invite-intro = Varje kund får en personlig länk på sitt eget språk. Kunder som tillfrågats de senaste { $fatigue } dagarna hoppas över; en påminnelse skickas efter { $reminder } dagar om de inte har svarat (0 = ingen).
voc-invite-all = { $n ->
    [one] Bjud in den { $n } kund som får tillfrågas nu
   *[other] Bjud in alla { $n } kunder som får tillfrågas nu
}
voc-invite-pick = Eller välj kunder
voc-invite-send = Bjud in valda kunder
voc-invite-done = { $sent } inbjudningar köade, { $skipped } kunder överhoppade.
voc-invite-employee = Medarbetarenkäter besvaras anonymt via den öppna länken, inte via personliga inbjudningar.
voc-invite-not-live = Enkäten måste vara aktiv innan inbjudningar kan skickas.
voc-invite-no-smtp = Ställ in e-postservern först.
voc-email-settings = E-postinställningar
voc-skip-no-email = ingen e-postadress
voc-skip-no-consent = inget marknadsföringssamtycke
voc-skip-unsubscribed = avregistrerad
voc-skip-already-invited = redan inbjuden
voc-skip-fatigue = tillfrågad nyligen; igen från { $date }
voc-mail-invite-subject = { $business } vill gärna höra vad du tycker
voc-mail-invite-body = Hej { $name },

    { $business } vill gärna höra hur det gick: ”{ $survey }”. Det tar en minut:

    { $link }

    Länken är bara din. Om du inte längre vill ha enkätinbjudningar från { $business }: { $unsubscribe }
voc-mail-reminder-subject = En påminnelse: { $business } vill gärna höra vad du tycker
voc-mail-reminder-body = Hej { $name },

    för några dagar sedan frågade { $business } hur det gick: ”{ $survey }”. Om du har en minut hjälper ditt svar:

    { $link }

    Om du inte längre vill ha enkätinbjudningar från { $business }: { $unsubscribe }
voc-unsubscribe-title = Enkätinbjudningar
voc-unsubscribe-question = Vill du sluta få enkätinbjudningar via e-post?
voc-unsubscribe-button = Sluta skicka inbjudningar
voc-unsubscribe-done = Klart. Du får inga fler enkätinbjudningar från oss.
voc-unsubscribe-unknown = Den här länken är inte giltig.
voc-too-many = För många förfrågningar. Vänta en minut och försök igen.
voc-timeline-survey = Enkätsvar
# --- mail ---
mail-title = E-post
mail-intro = Kunde skickar enkätinbjudningar, svar till kunder och eskaleringar via er egen e-postserver. Fyll i det som er e-postleverantör anger för SMTP och skicka sedan ett testmejl.
mail-settings-link = E-postserver och testmejl
mail-host = SMTP-server
mail-port = Port
mail-security = Anslutningens säkerhet
mail-security-starttls = STARTTLS (oftast port 587)
mail-security-tls = TLS (oftast port 465)
mail-security-none = Ingen (bara för en server på den här datorn)
mail-username = Användarnamn (lämna tomt om servern inte kräver inloggning)
mail-password = Lösenord
mail-password-kept = Ett lösenord är sparat. Lämna fältet tomt för att behålla det.
mail-from-address = Avsändaradress
mail-from-name = Avsändarnamn
mail-error-host = Ange e-postserverns värdnamn, till exempel smtp.example.se.
mail-error-port = Ange ett portnummer mellan 1 och 65535.
mail-error-subject = Ett meddelande behöver en ämnesrad.
mail-test-title = Skicka ett testmejl
mail-test-to = Skicka till
mail-test-send = Skicka testmejl
mail-test-subject = Testmejl från { $name }
mail-test-body = Det här är ett testmejl från Kunde för { $name }. Kan du läsa det fungerar e-posten.
mail-test-sent = E-postservern tog emot testmejlet till { $name }.
mail-test-failed = Testmejlet skickades inte: { $name }
mail-recent = Senaste e-post
mail-recent-none = Ingen e-post ännu.
mail-col-when = Köad
mail-col-to = Till
mail-col-subject = Ämne
mail-col-state = Status
mail-state-queued = Väntar på att skickas
mail-state-sent = Skickat
mail-state-failed = Inte skickat
error-rate-limited = För många försök. Vänta en minut och försök igen.
