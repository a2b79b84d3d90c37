# Efterfrågelistor och tackkort (issue 15).
nav-demand = Efterfrågan
demand-title = Efterfrågan
demand-intro = Vad kunderna skulle köpa av er, om ni bara erbjöd det: deras svar på frågan "Vad skulle du köpa av oss, om vi bara erbjöd det?", samlade i poster, var och en med de kunder som väntar på den. Se även
demand-items = Poster
demand-no-items = Inga poster ännu. Samla svaren nedan i poster.
demand-item = Post
demand-answers = Svar
demand-waiting = Väntar
demand-notified = Meddelade
demand-bought-since = Har köpt sedan dess
demand-status = Status
demand-available-since = Finns sedan
demand-status-waiting = Erbjuds inte ännu
demand-proposals = Föreslagna grupper
demand-proposals-intro = Svar med samma ord. Gör en grupp till en post med ett klick och byt sedan namn eller slå ihop den.
demand-n-answers = { $n ->
    [one] { $n } svar
   *[other] { $n } svar
}
demand-create-from-theme = Gör en post
demand-open-answers = Svar utan post
demand-no-open-answers = Alla svar hör till en post (eller ingen har svarat på frågan ännu).
demand-pick-answers = Kryssa i svaren som ber om samma sak
demand-new-name = Namn på den nya posten
demand-or-into = … eller lägg dem till
demand-new-item = en ny post
demand-group = Samla svaren
demand-notify-link = Formuläret "Meddela mig"
demand-available-explain = { $n ->
    [one] När ni erbjuder det, markera det som tillgängligt: den { $n } väntande kunden får ett e-postmeddelande på sitt språk.
   *[other] När ni erbjuder det, markera det som tillgängligt: var och en av de { $n } väntande kunderna får ett e-postmeddelande på sitt språk.
}
demand-mark-available = Markera som tillgänglig och meddela
demand-waiting-list = Väntelista
demand-nobody-waiting = Ingen väntar ännu. Dela formuläret "Meddela mig" eller lägg till kunder här.
demand-source = Tillagd via
demand-added-at = Tillagd
demand-no-email = ingen e-postadress
demand-source-notify-form = Formuläret "Meddela mig"
demand-source-staff = Personal
demand-add-by-email = Lägg till en kund med e-postadress
demand-add = Sätt upp på väntelistan
demand-add-respondents = { $n ->
    [one] Lägg till den { $n } kund som bad om det
   *[other] Lägg till de { $n } kunder som bad om det
}
demand-no-answers = Inga svar i den här posten.
demand-edit = Namn och sammanslagning
demand-name = Namn
demand-merge-into = Slå ihop den här posten med
demand-merge = Slå ihop
demand-created = Posten har skapats.
demand-assigned = Svaren har lagts till posten.
demand-renamed = Posten har fått nytt namn.
demand-merged = Posterna har slagits ihop.
demand-added = Kunden står på väntelistan.
demand-already-waiting = Kunden stod redan på väntelistan.
demand-respondents-added = Kunderna som bad om det står på väntelistan.
demand-marked-available = Posten finns nu; de väntande kundernas e-post är på väg.
demand-error-name = Skriv ett namn (högst 200 tecken).
demand-error-no-answers = Kryssa i minst ett svar.
demand-error-available = Posten finns redan: ingen väntar på den längre.
demand-error-unknown-customer = Ingen kund har den här e-postadressen.
demand-mail-subject = { $item } finns nu hos { $business }
demand-mail-body = Du bad { $business } att meddela dig när { $item } fanns. Nu finns det.
demand-mail-note = Vi skickar det här meddelandet en gång, eftersom du bad om det; du hör inte av oss om detta igen.
notify-title = { $item } från { $business }
notify-intro = { $business } erbjuder inte { $item } ännu. Lämna din e-postadress så meddelar vi dig en gång, när vi gör det.
notify-consent = Ja, { $business } får skicka mig ett e-postmeddelande när { $item } finns.
notify-submit = Meddela mig
notify-sent = Tack. Vi skickar dig ett e-postmeddelande när { $item } finns.
notify-available = Goda nyheter: { $item } finns hos { $business } nu.
notify-error-consent = Kryssa i rutan för att säga att vi får skicka e-post till dig.
thanks-title = Tackkort
thanks-intro = Veckans kunder som förtjänar ett handskrivet kort: de mest värdefulla, mästarna och de vars ärende just lösts väl. Kunder som fått ett kort de senaste 180 dagarna är utelämnade.
thanks-print = Skriv ut listan
thanks-print-title = Tackkort: namn och adresser
thanks-print-hint = Skriv ut sidan (Ctrl+P) för att skriva kuverten.
thanks-nobody = Ingen att tacka den här veckan: kunder visas här när de har beställningar eller ett ärende har lösts.
thanks-no-address = Adressen är okänd
thanks-mark-written = Kortet är skrivet
thanks-written-lately = Skrivna de senaste 7 dagarna
thanks-none-written = Inga kort skrivna de senaste 7 dagarna.
thanks-reason-resolved_well = Deras ärende har just lösts väl
thanks-reason-champion = En mästare: köper ofta och nyligen
thanks-reason-most_valuable = En av era mest värdefulla kunder
thanks-touchpoint = Tackkort
thanks-recorded = Kortet är noterat på kundens tidslinje.
thanks-address-saved = Adressen har sparats.
thanks-panel-title = Postadress och tackkort
thanks-written-on = Tackkort skrivet
thanks-address = Postadress
thanks-address-save = Spara adressen
