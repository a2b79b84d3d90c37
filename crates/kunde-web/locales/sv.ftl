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
tp-counterpart = Ny version av (kontaktpunkt i nuläget)
tp-counterpart-none = Inget: ett nytt steg
