# Kundportalen (issue 16): kundens sidor, personalens sida för en kunds portal och
# inloggningsmejlet.
portal-touchpoint = Kundportal
portal-title = Kundportal
portal-nav-home = Översikt
portal-nav-profile = Profil
portal-sign-out = Logga ut
portal-signin-title = Logga in i kundportalen
portal-signin-intro = Skriv den e-postadress som { $name } känner dig under. Vi skickar en länk för att logga in.
portal-send-link = Skicka mig en inloggningslänk
portal-link-sent = Om adressen tillhör en kund är en inloggningslänk på väg. Den fungerar en gång, i 15 minuter.
portal-link-intro = Tryck på knappen för att logga in i kundportalen hos { $name }.
portal-sign-in = Logga in
portal-link-invalid = Den här inloggningslänken kan inte användas: den är redan använd, har gått ut eller så har en nyare länk skickats.
portal-link-new = Be om en ny länk
portal-welcome = Välkommen, { $name }
portal-invoices = Fakturor
portal-no-invoices = Inga fakturor än.
portal-invoice = Faktura
portal-invoice-number = Nummer
portal-invoice-issued = Utfärdad
portal-invoice-due = Förfaller
portal-invoice-paid = Betald den
portal-status-paid = Betald
portal-status-open = Obetald
portal-status-overdue = Förfallen
portal-documents = Dokument
portal-no-documents = Inga dokument än.
portal-from-you = från dig
portal-from-customer = från kunden
portal-upload = Skicka ett dokument till oss (högst 20 MB)
portal-upload-submit = Ladda upp
portal-cases = Dina ärenden
portal-case-new = Öppna ett nytt ärende
portal-no-cases = Inga ärenden än.
portal-case-submit = Skicka
portal-replies = Svar
portal-no-replies = Inga svar än. Vi svarar så snart vi kan.
portal-surveys = Enkäter som väntar på dig
portal-no-surveys = Inga enkäter väntar.
portal-survey-answer = Svara
portal-back = Tillbaka till översikten
portal-consent = Skicka mig nyheter och erbjudanden via e-post
portal-profile-save = Spara
portal-signed-out = Du är utloggad.
portal-case-opened = Tack. Ditt ärende har skickats till oss.
portal-uploaded = Ditt dokument har laddats upp.
portal-profile-saved = Din profil har sparats.
portal-invoice-saved = Fakturan har sparats.
portal-document-shared = Dokumentet delas med kunden.
portal-sessions-ended = Kundens portalsessioner har avslutats.
portal-error-email = Skriv en giltig e-postadress.
portal-error-too-large = Filen är större än 20 MB.
portal-error-no-file = Välj en fil.
portal-error-number = Skriv fakturanumret (högst 60 tecken).
portal-error-number-taken = En annan faktura har redan det här numret.
portal-error-date = Skriv ett datum som ÅÅÅÅ-MM-DD.
portal-error-due-before = Förfallodagen kan inte ligga före fakturadagen.
portal-staff-title = Kundportal
portal-staff-address = Kunden loggar in på
portal-panel-intro = Fakturor, delade dokument och inloggningar i den här kundens portal.
portal-panel-open = Fakturor och dokument
portal-edit = Redigera
portal-mark-paid = Markera som betald
portal-mark-open = Markera som obetald
portal-invoice-new = Ny faktura
portal-invoice-edit = Redigera faktura
portal-invoice-save = Spara faktura
portal-share = Dela ett dokument (högst 20 MB)
portal-sessions = Inloggningar i portalen
portal-sessions-live = { $n ->
    [one] En aktiv portalsession.
   *[other] { $n } aktiva portalsessioner.
}
portal-sessions-end = Avsluta alla portalsessioner
portal-mail-subject = Din inloggningslänk till { $business }
portal-mail-intro = Öppna den här länken för att logga in i kundportalen hos { $business }:
portal-mail-note = Länken fungerar en gång, i 15 minuter. Om du inte bad om den kan du bortse från det här mejlet.
portal-reply = Ditt svar
portal-reply-submit = Skicka svar
portal-reply-you = Du
portal-reply-sent = Tack. Ditt svar har skickats till oss.
portal-reply-closed = Ärendet är avslutat. Öppna ett nytt ärende om du behöver mer hjälp.
import-invoices-title = Fakturor från ditt bokföringsprogram
import-invoices-help = En CSV-export med kolumnerna number,customer_email,issued,due,amount,paid_at (datum som ÅÅÅÅ-MM-DD; paid_at tom så länge fakturan är obetald). Kunder hittas via e-post. Ett fakturanummer som importerats förut uppdateras och läggs inte till två gånger. Är någon rad fel importeras ingenting.
import-invoices-upload = Importera fakturor
import-invoices-created = { $n ->
    [one] En ny faktura.
   *[other] { $n } nya fakturor.
}
import-invoices-updated = { $n ->
    [one] En faktura uppdaterad.
   *[other] { $n } fakturor uppdaterade.
}
import-invoices-bad-unreadable = Filen kan inte läsas som CSV. Spara den som CSV (UTF-8).
import-invoices-bad-header = Första raden måste namnge kolumnerna number, customer_email, issued, due, amount och paid_at.
import-invoices-bad-number = Fakturanumret är tomt eller längre än 60 tecken.
import-invoices-bad-email = Kundens e-post är inte en giltig adress.
import-invoices-bad-unknown-customer = Ingen kund har den här e-postadressen. Importera eller lägg till kunden först.
import-invoices-bad-issued = Fakturadatumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2025-03-01.
import-invoices-bad-due = Förfallodatumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2025-03-15.
import-invoices-bad-due-before = Förfallodatumet ligger före fakturadatumet.
import-invoices-bad-amount = Beloppet är inte ett tal på noll eller mer, till exempel 1500,00.
import-invoices-bad-paid-at = paid_at ska vara tom (obetald) eller ett datum skrivet ÅÅÅÅ-MM-DD.
import-invoices-bad-duplicate = Fakturanumret finns redan tidigare i filen.
import-invoices-bad-other-customer = Fakturanumret tillhör en annan kunds faktura.
portal-from-order = Skapa en faktura från en order
portal-order-date = Orderdatum
portal-from-order-make = Ny faktura
portal-from-order-submit = Skapa faktura
portal-error-order-invoiced = Den här ordern har redan en faktura.
portal-settings-link = Kundportal och påminnelser om fakturor
portal-settings-title = Kundportal
portal-settings-address = Portalens adress
portal-settings-address-intro = Kunderna loggar in här med en länk som skickas till deras e-postadress:
portal-reminders-title = Påminnelser om förfallna fakturor
portal-reminders-intro = När detta är på får en kund vars faktura fortfarande är obetald dagen efter förfallodagen ett mejl på sitt eget språk med en länk till portalen. Varje faktura påminns en gång. Slår du på det påminns även fakturor som redan har förfallit.
portal-reminders-current-on = Påminnelser är på.
portal-reminders-current-off = Påminnelser är av.
portal-reminders-label = Skicka en påminnelse om förfallna fakturor
portal-reminders-save = Spara
portal-reminders-on = Påminnelser om förfallna fakturor är på.
portal-reminders-off = Påminnelser om förfallna fakturor är av.
portal-reminder-subject = Faktura { $number } från { $business } har förfallit
portal-reminder-greeting = Hej { $name },
portal-reminder-body = faktura { $number } på { $amount }, som förföll { $due }, är ännu inte betald. Du kan se den och om den är betald i kundportalen hos { $business }:
portal-reminder-note = Om du redan har betalat, tack — då kan du bortse från det här mejlet.
case-report-portal = Före och efter kundportalen
case-report-portal-intro = För de kunder som har loggat in i kundportalen: deras ärenden per kundmånad under de 12 månaderna före första inloggningen (eller sedan de blev kunder) och sedan dess. Färre ärenden efteråt — till exempel i en kategori om betalning — tyder på att portalen besvarar frågor som "är min faktura betald?". Samma kunder jämförs med sig själva; det bevisar inte att portalen är orsaken.
case-report-portal-none = Ingen kund har loggat in i kundportalen ännu.
case-report-portal-customers = { $n ->
    [one] En kund har använt portalen.
   *[other] { $n } kunder har använt portalen.
}
case-report-portal-small = Ett litet urval (färre än 20 kunder): läs förändringen med försiktighet.
case-report-portal-all = Alla ärenden
case-report-portal-cases-before = Ärenden före
case-report-portal-rate-before = Per kundmånad före
case-report-portal-cases-after = Ärenden efter
case-report-portal-rate-after = Per kundmånad efter
case-report-portal-change = Förändring

# Anmälan till nyhetsbrev med dubbel bekräftelse (issue 15).
join-title = Nyheter från { $name }
join-intro = Skriv ditt namn och din e-postadress, så skickar { $name } nyheter och erbjudanden som bara är för kunder. Vi skickar först ett e-postmeddelande: ingenting händer förrän du bekräftar.
join-name = Ditt namn
join-consent = Ja, { $name } får skicka nyheter och erbjudanden till mig via e-post. Jag kan när som helst ta tillbaka det.
join-submit = Anmäl mig
join-error-name = Skriv ditt namn (högst 200 tecken).
join-error-consent = Kryssa i rutan för att säga att vi får skriva till dig.
join-sent = Nästan klart: vi har skickat ett e-postmeddelande till dig. Öppna länken i det för att bekräfta din anmälan. Ser du det inte, titta i skräpposten.
join-confirm-intro = Bekräfta att { $name } får skicka nyheter och erbjudanden till dig via e-post.
join-confirm = Bekräfta min anmälan
join-invalid = Den här bekräftelselänken fungerar inte: den har redan använts, ersatts av en nyare eller är mer än 7 dagar gammal.
join-again = Anmäl dig igen
join-done = Tack, du är anmäld: { $name } skickar nyheter och erbjudanden till dig via e-post. Du kan när som helst ta tillbaka ditt samtycke.
join-mail-subject = Bekräfta din anmälan hos { $business }
join-mail-intro = Öppna den här länken för att bekräfta att { $business } får skicka nyheter och erbjudanden till dig via e-post:
join-mail-note = Länken fungerar i 7 dagar. Har du inte anmält dig kan du bortse från det här meddelandet: ingenting händer.
join-settings-title = Anmälningsformulär för nyhetsbrev
join-settings-intro = Länka till formuläret från er webbplats eller ett kvitto: den som anmäler sig får först ett e-postmeddelande, och först när de bekräftar blir de kund med samtycke till marknadsföring (sparat med tid och källa). Obekräftade anmälningar raderas efter 7 dagar.
join-settings-pending = { $n ->
    [one] { $n } anmälan väntar på bekräftelse.
   *[other] { $n } anmälningar väntar på bekräftelse.
}
