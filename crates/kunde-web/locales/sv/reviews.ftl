# Recensioner från recensionssajter (/reviews).
reviews-title = Recensioner
reviews-preset = Export från
reviews-preset-google = Google Företagsprofil
reviews-preset-trustpilot = Trustpilot
reviews-preset-generic = Annan sajt (source, author, rating, text, date, url)
reviews-file = CSV-fil
reviews-import = Importera recensioner
reviews-import-help = Varje recension blir en händelse vid resans kontaktpunkt för recensionssajter. Recensioner som redan importerats hoppas över.
reviews-empty = Inga recensioner än. Importera en export från Google eller Trustpilot, eller en CSV med kolumnerna source, author, rating, text, date, url.
reviews-trend = Genomsnittligt betyg per källa och månad
reviews-source = Källa
reviews-average = Genomsnittligt betyg
reviews-count = Recensioner
reviews-themes = Vad recensionerna handlar om
reviews-unanswered = { $n ->
    [one] En recension är obesvarad
   *[other] { $n } recensioner är obesvarade
}
reviews-open = Öppna på sajten
reviews-replied = Besvarad { $name }:
reviews-not-answered = Inte besvarad än.
reviews-reply = Ert svar, så som det publicerades på sajten
reviews-reply-save = Registrera svar
reviews-reply-saved = Svaret har registrerats.
reviews-imported = { $imported } recensioner importerade; { $duplicates } redan importerade hoppades över; { $matched } matchade mot kända kunder.
reviews-refused = Inget importerades: rätta dessa rader och importera filen igen.
reviews-row-problem = Rad { $line }: { $problem }
reviews-error-column = filen har ingen kolumn “{ $value }”
reviews-error-source = källan är tom
reviews-error-rating = “{ $value }” är inte ett betyg från 1 till 5
reviews-error-date = “{ $value }” är inte ett datum
reviews-error-no-file = Välj en export och en fil.
reviews-error-no-site = Ingen resa har en kontaktpunkt med kanalen “Recensionssajt”. Lägg till en på kartan först: recensionerna registreras där.
reviews-reason-low = Recension med 1–2 stjärnor
reviews-followup-open = Öppna recensionen
reviews-match-suggested = Hittad på namn eller e-post: är det den här kunden?
reviews-match-confirm = Ja, bekräfta
reviews-match-reject = Inte den här kunden
reviews-match-is-confirmed = Kunden är bekräftad av ägaren.
reviews-match-is-rejected = Ägaren avvisade den föreslagna kunden.
reviews-match-confirmed = Kunden har bekräftats.
reviews-match-rejected = Kopplingen avvisades; recensionen nämner ingen kund.
map-reviews-summary = { $average } ★ i snitt av { $count } recensioner
