# Anmeldelser fra anmeldelsessider (/reviews).
reviews-title = Anmeldelser
reviews-preset = Eksport fra
reviews-preset-google = Google Virksomhedsprofil
reviews-preset-trustpilot = Trustpilot
reviews-preset-generic = Anden side (source, author, rating, text, date, url)
reviews-file = CSV-fil
reviews-import = Importér anmeldelser
reviews-import-help = Hver anmeldelse bliver en hændelse ved rejsens kontaktpunkt for anmeldelsessider. Anmeldelser, der allerede er importeret, springes over.
reviews-empty = Ingen anmeldelser endnu. Importér en eksport fra Google eller Trustpilot eller en CSV med kolonnerne source, author, rating, text, date, url.
reviews-trend = Gennemsnitlig bedømmelse pr. kilde og måned
reviews-source = Kilde
reviews-average = Gennemsnitlig bedømmelse
reviews-count = Anmeldelser
reviews-themes = Hvad anmeldelserne handler om
reviews-unanswered = { $n ->
    [one] Én anmeldelse er ikke besvaret
   *[other] { $n } anmeldelser er ikke besvaret
}
reviews-open = Åbn på siden
reviews-replied = Besvaret { $name }:
reviews-not-answered = Ikke besvaret endnu.
reviews-reply = Jeres svar, som det står på siden
reviews-reply-save = Registrér svar
reviews-reply-saved = Svaret er registreret.
reviews-imported = { $imported } anmeldelser importeret; { $duplicates } allerede importerede blev sprunget over; { $matched } matchet med kendte kunder.
reviews-refused = Intet blev importeret: ret disse rækker og importér filen igen.
reviews-row-problem = Linje { $line }: { $problem }
reviews-error-column = filen har ingen kolonne “{ $value }”
reviews-error-source = kilden er tom
reviews-error-rating = “{ $value }” er ikke en bedømmelse fra 1 til 5
reviews-error-date = “{ $value }” er ikke en dato
reviews-error-no-file = Vælg en eksport og en fil.
reviews-error-no-site = Ingen rejse har et kontaktpunkt med kanalen “Anmeldelsesside”. Tilføj et til jeres kort først: anmeldelserne registreres der.
reviews-reason-low = Anmeldelse med 1–2 stjerner
reviews-followup-open = Åbn anmeldelsen
reviews-match-suggested = Fundet på navn eller e-mail: er det denne kunde?
reviews-match-confirm = Ja, bekræft
reviews-match-reject = Ikke denne kunde
reviews-match-is-confirmed = Kunden er bekræftet af ejeren.
reviews-match-is-rejected = Ejeren afviste den foreslåede kunde.
reviews-match-confirmed = Kunden er bekræftet.
reviews-match-rejected = Koblingen er afvist; anmeldelsen nævner ingen kunde.
map-reviews-summary = { $average } ★ i gennemsnit af { $count } anmeldelser
