# Efterspørgselslister og takkekort (issue 15).
nav-demand = Efterspørgsel
demand-title = Efterspørgsel
demand-intro = Hvad kunderne ville købe hos jer, hvis bare I tilbød det: deres svar på spørgsmålet "Hvad ville du købe hos os, hvis bare vi tilbød det?", samlet i emner, hver med de kunder, der venter på det. Se også
demand-items = Emner
demand-no-items = Ingen emner endnu. Saml svarene herunder i emner.
demand-item = Emne
demand-answers = Svar
demand-waiting = Venter
demand-notified = Underrettet
demand-bought-since = Har købt siden
demand-status = Status
demand-available-since = Kan fås siden
demand-status-waiting = Tilbydes ikke endnu
demand-proposals = Foreslåede grupper
demand-proposals-intro = Svar med de samme ord. Gør en gruppe til et emne med ét klik, og omdøb eller slå den sammen bagefter.
demand-n-answers = { $n ->
    [one] { $n } svar
   *[other] { $n } svar
}
demand-create-from-theme = Lav et emne
demand-open-answers = Svar uden emne
demand-no-open-answers = Alle svar hører til et emne (eller ingen har svaret på spørgsmålet endnu).
demand-pick-answers = Sæt flueben ved de svar, der beder om det samme
demand-new-name = Navn på det nye emne
demand-or-into = … eller føj dem til
demand-new-item = et nyt emne
demand-group = Saml svarene
demand-notify-link = "Giv mig besked"-formular
demand-available-explain = { $n ->
    [one] Når I tilbyder det, så marker det som tilgængeligt: den { $n } ventende kunde får én e-mail på sit eget sprog.
   *[other] Når I tilbyder det, så marker det som tilgængeligt: hver af de { $n } ventende kunder får én e-mail på sit eget sprog.
}
demand-mark-available = Marker som tilgængelig og giv besked
demand-waiting-list = Venteliste
demand-nobody-waiting = Ingen venter endnu. Del "Giv mig besked"-formularen, eller tilføj kunder her.
demand-source = Tilføjet via
demand-added-at = Tilføjet
demand-no-email = ingen e-mailadresse
demand-source-notify-form = "Giv mig besked"-formularen
demand-source-staff = Personale
demand-add-by-email = Tilføj en kunde med e-mailadresse
demand-add = Sæt på ventelisten
demand-add-respondents = { $n ->
    [one] Tilføj den { $n } kunde, der bad om det
   *[other] Tilføj de { $n } kunder, der bad om det
}
demand-no-answers = Ingen svar i dette emne.
demand-edit = Navn og sammenlægning
demand-name = Navn
demand-merge-into = Slå dette emne sammen med
demand-merge = Slå sammen
demand-created = Emnet er oprettet.
demand-assigned = Svarene er føjet til emnet.
demand-renamed = Emnet har fået nyt navn.
demand-merged = Emnerne er slået sammen.
demand-added = Kunden står på ventelisten.
demand-already-waiting = Kunden stod allerede på ventelisten.
demand-respondents-added = De kunder, der bad om det, står på ventelisten.
demand-marked-available = Emnet kan nu fås; de ventende kunders e-mails er på vej.
demand-error-name = Skriv et navn (højst 200 tegn).
demand-error-no-answers = Sæt flueben ved mindst ét svar.
demand-error-available = Emnet kan allerede fås: ingen venter på det længere.
demand-error-unknown-customer = Ingen kunde har denne e-mailadresse.
demand-mail-subject = { $item } kan nu fås hos { $business }
demand-mail-body = Du bad { $business } om at give besked, når { $item } kunne fås. Det kan det nu.
demand-mail-note = Vi sender denne e-mail én gang, fordi du bad om det; du hører ikke fra os om dette igen.
notify-title = { $item } fra { $business }
notify-intro = { $business } tilbyder ikke { $item } endnu. Skriv din e-mailadresse, så giver vi dig besked én gang, når vi gør.
notify-consent = Ja, { $business } må sende mig én e-mail, når { $item } kan fås.
notify-submit = Giv mig besked
notify-sent = Tak. Vi sender dig én e-mail, når { $item } kan fås.
notify-available = Godt nyt: { $item } kan fås hos { $business } nu.
notify-error-consent = Sæt flueben for at sige, at vi må sende dig en e-mail.
thanks-title = Takkekort
thanks-intro = Ugens kunder, der fortjener et håndskrevet kort: de mest værdifulde, mesterkunderne og dem, hvis sag lige er løst godt. Kunder, der har fået et kort inden for 180 dage, er udeladt.
thanks-print = Udskriv listen
thanks-print-title = Takkekort: navne og adresser
thanks-print-hint = Udskriv siden (Ctrl+P) for at skrive kuverterne.
thanks-nobody = Ingen at takke i denne uge: kunder kommer med her, når de har ordrer, eller en sag er løst.
thanks-no-address = Adressen kendes ikke
thanks-mark-written = Kortet er skrevet
thanks-written-lately = Skrevet inden for 7 dage
thanks-none-written = Ingen kort skrevet inden for 7 dage.
thanks-reason-resolved_well = Deres sag er lige løst godt
thanks-reason-champion = Mesterkunde: køber ofte og har købt for nylig
thanks-reason-most_valuable = En af jeres mest værdifulde kunder
thanks-touchpoint = Takkekort
thanks-recorded = Kortet er noteret på kundens tidslinje.
thanks-address-saved = Adressen er gemt.
thanks-panel-title = Postadresse og takkekort
thanks-written-on = Takkekort skrevet
thanks-address = Postadresse
thanks-address-save = Gem adressen
