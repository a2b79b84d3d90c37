# Utskrivbara dokument: månadsrapporten (/reports) och fakturor som PDF.
reports-title = Månadsrapporter
reports-intro = Varje månads siffror, utveckling, sämsta sanningens ögonblick, orsaker till klagomål och recensioner som en utskrivbar PDF.
reports-so-far = (hittills)
reports-email-heading = Via e-post
reports-email-label = Skicka rapporten för den avslutade månaden till ägarna den första dagen i varje månad
reports-email-help = Skickas en gång per månad som bifogad PDF via företagets e-postserver (Inställningar → E-post).
reports-save = Spara
report-email-on = Månadsrapporten skickas med e-post den första dagen i varje månad.
report-email-off = Månadsrapporten skickas inte längre med e-post.
report-title = Månadsrapport: { $name }
report-subtitle = { $business } · { $from } – { $to }
report-subtitle-current = { $business } · hittills, per { $date }
report-figures = Så går det
report-figure = Siffra
report-this-month = Denna månad
report-last-month = Förra månaden
report-change = Förändring
report-note = Anteckning
report-better = bättre
report-worse = sämre
report-same = oförändrad
report-trends = De senaste 12 månaderna
report-thin-note = En stapel med kontur bygger på för få svar för att jämföras med andra månader.
report-moments-note = Kontaktpunkter där kunderna hade dåliga upplevelser, sämst först: en dålig upplevelse väger ungefär tolv bra.
report-no-moments = Ingen kontaktpunkt med dåliga upplevelser.
report-touchpoint = Kontaktpunkt
report-journey = Resa
report-bad = Dåliga
report-good = Bra
report-lost-after-bad = Förlorade efter en dålig
report-root-causes = Orsaker till klagomål
report-cases-line = Ärenden öppnade denna månad: { $opened } · stängda: { $closed }
report-no-root-causes = Inget ärende som stängts denna månad har en orsak.
report-cases = { $n ->
    [one] { $n } ärende
   *[other] { $n } ärenden
}
report-reviews = Recensioner
report-reviews-line = { $n } recensioner denna månad, snittbetyg { $average } av 5 · { $unanswered } ännu inte besvarade
report-no-reviews = Inga recensioner denna månad.
report-date = Datum
report-rating = Betyg
report-review = Recension
report-page = Sida { $n } av { $total }
report-mail-subject = Månadsrapport { $month } — { $business }
report-mail-text = Månadsrapporten för { $business } för { $month } är bifogad som PDF.
    
    Alla månaders rapporter: { $link }
invoice-to = Faktureras till
invoice-field = Uppgift
invoice-value = Värde
invoice-description = Beskrivning
invoice-total = Totalt
invoice-pdf = Hämta som PDF
