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
