# Udskrivbare dokumenter: månedsrapporten (/reports) og fakturaer som PDF.
reports-title = Månedsrapporter
reports-intro = Hver måneds tal, udvikling, værste sandhedens øjeblikke, årsager til klager og anmeldelser som en PDF, der kan udskrives.
reports-so-far = (indtil nu)
reports-email-heading = Pr. e-mail
reports-email-label = Send rapporten for den afsluttede måned til ejerne den første dag i hver måned
reports-email-help = Sendes én gang pr. måned som vedhæftet PDF gennem virksomhedens mailserver (Indstillinger → E-mail).
reports-save = Gem
report-email-on = Månedsrapporten bliver sendt pr. e-mail den første dag i hver måned.
report-email-off = Månedsrapporten bliver ikke længere sendt pr. e-mail.
report-title = Månedsrapport: { $name }
report-subtitle = { $business } · { $from } – { $to }
report-subtitle-current = { $business } · indtil nu, pr. { $date }
report-figures = Sådan går det
report-figure = Tal
report-this-month = Denne måned
report-last-month = Sidste måned
report-change = Ændring
report-note = Note
report-better = bedre
report-worse = dårligere
report-same = uændret
report-trends = De sidste 12 måneder
report-thin-note = En søjle med omrids bygger på for få svar til at sammenligne med andre måneder.
report-moments-note = Kontaktpunkter, hvor kunderne havde dårlige oplevelser, værste først: én dårlig oplevelse vejer omkring tolv gode.
report-no-moments = Intet kontaktpunkt med dårlige oplevelser.
report-touchpoint = Kontaktpunkt
report-journey = Rejse
report-bad = Dårlige
report-good = Gode
report-lost-after-bad = Mistet efter en dårlig
report-root-causes = Årsager til klager
report-cases-line = Sager oprettet denne måned: { $opened } · lukket: { $closed }
report-no-root-causes = Ingen sag lukket denne måned har en årsag.
report-cases = { $n ->
    [one] { $n } sag
   *[other] { $n } sager
}
report-reviews = Anmeldelser
report-reviews-line = { $n } anmeldelser denne måned, gennemsnit { $average } af 5 · { $unanswered } endnu ikke besvaret
report-no-reviews = Ingen anmeldelser denne måned.
report-date = Dato
report-rating = Bedømmelse
report-review = Anmeldelse
report-page = Side { $n } af { $total }
report-mail-subject = Månedsrapport { $month } — { $business }
report-mail-text = Månedsrapporten for { $business } for { $month } er vedhæftet som PDF.
    
    Alle måneders rapporter: { $link }
invoice-to = Faktureres til
invoice-field = Oplysning
invoice-value = Værdi
invoice-description = Beskrivelse
invoice-total = I alt
invoice-pdf = Hent som PDF
