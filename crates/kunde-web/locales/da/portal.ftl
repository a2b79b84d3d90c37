# Kundeportalen (issue 16): kundens sider, personalets side for en kundes portal og
# login-e-mailen.
portal-touchpoint = Kundeportal
portal-title = Kundeportal
portal-nav-home = Overblik
portal-nav-profile = Profil
portal-sign-out = Log ud
portal-signin-title = Log ind på kundeportalen
portal-signin-intro = Skriv den e-mailadresse, { $name } kender dig under. Vi sender dig et link til at logge ind.
portal-send-link = Send mig et login-link
portal-link-sent = Hvis adressen tilhører en kunde, er et login-link på vej. Det virker én gang i 15 minutter.
portal-link-intro = Tryk på knappen for at logge ind på kundeportalen hos { $name }.
portal-sign-in = Log ind
portal-link-invalid = Dette login-link kan ikke bruges: det er allerede brugt, er udløbet, eller der er sendt et nyere link.
portal-link-new = Bed om et nyt link
portal-welcome = Velkommen, { $name }
portal-invoices = Fakturaer
portal-no-invoices = Ingen fakturaer endnu.
portal-invoice = Faktura
portal-invoice-number = Nummer
portal-invoice-issued = Udstedt
portal-invoice-due = Forfald
portal-invoice-paid = Betalt den
portal-status-paid = Betalt
portal-status-open = Åben
portal-status-overdue = Forfalden
portal-documents = Dokumenter
portal-no-documents = Ingen dokumenter endnu.
portal-from-you = fra dig
portal-from-customer = fra kunden
portal-upload = Send os et dokument (højst 20 MB)
portal-upload-submit = Upload
portal-cases = Dine sager
portal-case-new = Opret en ny sag
portal-no-cases = Ingen sager endnu.
portal-case-submit = Send
portal-replies = Svar
portal-no-replies = Ingen svar endnu. Vi svarer så hurtigt, vi kan.
portal-surveys = Undersøgelser, der venter på dig
portal-no-surveys = Ingen undersøgelser venter.
portal-survey-answer = Svar
portal-back = Tilbage til overblikket
portal-consent = Send mig nyheder og tilbud på e-mail
portal-profile-save = Gem
portal-signed-out = Du er logget ud.
portal-case-opened = Tak. Din sag er sendt til os.
portal-uploaded = Dit dokument er uploadet.
portal-profile-saved = Din profil er gemt.
portal-invoice-saved = Fakturaen er gemt.
portal-document-shared = Dokumentet er delt med kunden.
portal-sessions-ended = Kundens portalsessioner er afsluttet.
portal-error-email = Skriv en gyldig e-mailadresse.
portal-error-too-large = Filen er større end 20 MB.
portal-error-no-file = Vælg en fil.
portal-error-number = Skriv fakturanummeret (højst 60 tegn).
portal-error-number-taken = En anden faktura har allerede dette nummer.
portal-error-date = Skriv en dato som ÅÅÅÅ-MM-DD.
portal-error-due-before = Forfaldsdatoen kan ikke ligge før udstedelsesdatoen.
portal-staff-title = Kundeportal
portal-staff-address = Kunden logger ind på
portal-panel-intro = Fakturaer, delte dokumenter og log-ind i denne kundes portal.
portal-panel-open = Fakturaer og dokumenter
portal-edit = Rediger
portal-mark-paid = Markér som betalt
portal-mark-open = Markér som ubetalt
portal-invoice-new = Ny faktura
portal-invoice-edit = Rediger faktura
portal-invoice-save = Gem faktura
portal-share = Del et dokument (højst 20 MB)
portal-sessions = Log-ind i portalen
portal-sessions-live = { $n ->
    [one] Én aktiv portalsession.
   *[other] { $n } aktive portalsessioner.
}
portal-sessions-end = Afslut alle portalsessioner
portal-mail-subject = Dit login-link til { $business }
portal-mail-intro = Åbn dette link for at logge ind på kundeportalen hos { $business }:
portal-mail-note = Linket virker én gang i 15 minutter. Har du ikke bedt om det, kan du se bort fra denne e-mail.
portal-reply = Dit svar
portal-reply-submit = Send svar
portal-reply-you = Dig
portal-reply-sent = Tak. Dit svar er sendt til os.
portal-reply-closed = Sagen er lukket. Opret en ny sag, hvis du har brug for mere hjælp.
import-invoices-title = Fakturaer fra dit regnskabsprogram
import-invoices-help = En CSV-eksport med kolonnerne number,customer_email,issued,due,amount,paid_at (datoer som ÅÅÅÅ-MM-DD; paid_at tom, så længe fakturaen ikke er betalt). Kunder findes ud fra e-mail. Et fakturanummer, der er importeret før, bliver opdateret og ikke tilføjet to gange. Er blot én række forkert, importeres intet.
import-invoices-upload = Importér fakturaer
import-invoices-created = { $n ->
    [one] Én ny faktura.
   *[other] { $n } nye fakturaer.
}
import-invoices-updated = { $n ->
    [one] Én faktura opdateret.
   *[other] { $n } fakturaer opdateret.
}
import-invoices-bad-unreadable = Filen kan ikke læses som CSV. Gem den som CSV (UTF-8).
import-invoices-bad-header = Første række skal navngive kolonnerne number, customer_email, issued, due, amount og paid_at.
import-invoices-bad-number = Fakturanummeret er tomt eller længere end 60 tegn.
import-invoices-bad-email = Kundens e-mail er ikke en gyldig adresse.
import-invoices-bad-unknown-customer = Ingen kunde har denne e-mail. Importér eller opret kunden først.
import-invoices-bad-issued = Fakturadatoen skal skrives ÅÅÅÅ-MM-DD, fx 2025-03-01.
import-invoices-bad-due = Forfaldsdatoen skal skrives ÅÅÅÅ-MM-DD, fx 2025-03-15.
import-invoices-bad-due-before = Forfaldsdatoen ligger før fakturadatoen.
import-invoices-bad-amount = Beløbet er ikke et tal på nul eller mere, fx 1500,00.
import-invoices-bad-paid-at = paid_at skal være tom (ikke betalt) eller en dato skrevet ÅÅÅÅ-MM-DD.
import-invoices-bad-duplicate = Dette fakturanummer står allerede tidligere i filen.
import-invoices-bad-other-customer = Dette fakturanummer tilhører en anden kundes faktura.
portal-from-order = Opret en faktura ud fra en ordre
portal-order-date = Ordredato
portal-from-order-make = Ny faktura
portal-from-order-submit = Opret faktura
portal-error-order-invoiced = Denne ordre har allerede en faktura.
portal-settings-link = Kundeportal og rykkere for fakturaer
portal-settings-title = Kundeportal
portal-settings-address = Portalens adresse
portal-settings-address-intro = Kunderne logger ind her med et link, der sendes til deres e-mailadresse:
portal-reminders-title = Påmindelser om forfaldne fakturaer
portal-reminders-intro = Når dette er slået til, får en kunde, hvis faktura stadig er ubetalt dagen efter forfaldsdatoen, én e-mail på sit eget sprog med et link til portalen. Hver faktura påmindes én gang. Slår du det til, påmindes også fakturaer, der allerede er forfaldne.
portal-reminders-current-on = Påmindelser er slået til.
portal-reminders-current-off = Påmindelser er slået fra.
portal-reminders-label = Send en påmindelse om forfaldne fakturaer
portal-reminders-save = Gem
portal-reminders-on = Påmindelser om forfaldne fakturaer er slået til.
portal-reminders-off = Påmindelser om forfaldne fakturaer er slået fra.
portal-reminder-subject = Faktura { $number } fra { $business } er forfalden
portal-reminder-greeting = Kære { $name }
portal-reminder-body = Faktura { $number } på { $amount } med forfald { $due } er endnu ikke betalt. Du kan se den, og om den er betalt, i kundeportalen hos { $business }:
portal-reminder-note = Har du allerede betalt, så tak — du kan se bort fra denne e-mail.
case-report-portal = Før og efter kundeportalen
case-report-portal-intro = For de kunder, der har logget ind på kundeportalen: deres sager pr. kundemåned i de 12 måneder før første login (eller siden de blev kunder) og siden da. Færre sager bagefter — fx i en kategori om betaling — tyder på, at portalen besvarer spørgsmål som "er min faktura betalt?". De samme kunder sammenlignes med sig selv; det beviser ikke, at portalen er årsagen.
case-report-portal-none = Ingen kunder har logget ind på kundeportalen endnu.
case-report-portal-customers = { $n ->
    [one] Én kunde har brugt portalen.
   *[other] { $n } kunder har brugt portalen.
}
case-report-portal-small = Et lille udsnit (færre end 20 kunder): læs ændringen med forsigtighed.
case-report-portal-all = Alle sager
case-report-portal-cases-before = Sager før
case-report-portal-rate-before = Pr. kundemåned før
case-report-portal-cases-after = Sager efter
case-report-portal-rate-after = Pr. kundemåned efter
case-report-portal-change = Ændring

# Tilmelding til nyhedsbrev med dobbelt bekræftelse (issue 15).
join-title = Nyheder fra { $name }
join-intro = Skriv dit navn og din e-mailadresse, så sender { $name } dig nyheder og tilbud, der kun er for kunder. Vi sender dig først en e-mail: der sker intet, før du bekræfter.
join-name = Dit navn
join-consent = Ja, { $name } må sende mig nyheder og tilbud på e-mail. Jeg kan til enhver tid trække det tilbage.
join-submit = Tilmeld
join-error-name = Skriv dit navn (højst 200 tegn).
join-error-consent = Sæt kryds for at sige, at vi må skrive til dig.
join-sent = Næsten færdig: vi har sendt dig en e-mail. Åbn linket i den for at bekræfte din tilmelding. Kan du ikke se den, så kig i din spam-mappe.
join-confirm-intro = Bekræft, at { $name } må sende dig nyheder og tilbud på e-mail.
join-confirm = Bekræft min tilmelding
join-invalid = Dette bekræftelseslink virker ikke: det er allerede brugt, erstattet af et nyere eller mere end 7 dage gammelt.
join-again = Tilmeld dig igen
join-done = Tak, du er tilmeldt: { $name } sender dig nyheder og tilbud på e-mail. Du kan til enhver tid trække dit samtykke tilbage.
join-mail-subject = Bekræft din tilmelding hos { $business }
join-mail-intro = Åbn dette link for at bekræfte, at { $business } må sende dig nyheder og tilbud på e-mail:
join-mail-note = Linket virker i 7 dage. Har du ikke tilmeldt dig, så se bort fra denne e-mail: der sker intet.
join-settings-title = Tilmeldingsformular til nyhedsbrev
join-settings-intro = Link til formularen fra jeres hjemmeside eller en kvittering: den, der tilmelder sig, får først en e-mail, og først når de bekræfter, bliver de kunde med samtykke til markedsføring (gemt med tidspunkt og kilde). Ubekræftede tilmeldinger slettes efter 7 dage.
join-settings-pending = { $n ->
    [one] { $n } tilmelding venter på bekræftelse.
   *[other] { $n } tilmeldinger venter på bekræftelse.
}
