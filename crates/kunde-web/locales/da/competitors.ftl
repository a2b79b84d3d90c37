# Konkurrenters standard pr. kontaktpunkt (/competitors, kortene på kortet, forsiden).
comp-title = Konkurrenternes standard
comp-intro = Registrér dine konkurrenter og, pr. kontaktpunkt, en standard at sammenligne: en pris, en vente- eller leveringstid, åbningstider, en anmeldelsesscore eller en standard i ord, med jeres egen værdi og et mål, der slår den bedste konkurrent.
comp-link = Konkurrenternes standard
comp-list = Konkurrenter
comp-none = Ingen konkurrenter endnu.
comp-name = Konkurrentens navn
comp-add = Tilføj konkurrent
comp-delete-named = Slet { $name }
comp-standards = Standarder pr. kontaktpunkt
comp-standards-none = Ingen standarder endnu.
comp-touchpoint = Kontaktpunkt
comp-kind = Standard
comp-yours = Jeres værdi
comp-target-col = Mål
comp-stand = Hvor I står
comp-behind = Bagud
comp-not-behind = Lige eller foran
comp-standard-add = Registrér en standard
comp-standard-save = Gem standard
comp-no-touchpoints = Tilføj først kontaktpunkter til en rejse.
comp-time-unit = Tid i
comp-time-minutes = minutter
comp-time-hours = timer
comp-time-days = dage
comp-time-weeks = uger
comp-currency = Valuta for en pris
comp-value-help = Tal for en pris, en tid, åbningstimer om ugen og en score (1–5); ord for en standard i ord. Et kontaktpunkts standard af samme slags erstattes.
comp-kind-price = Pris
comp-kind-time = Vente- eller leveringstid
comp-kind-hours = Åbningstider
comp-kind-rating = Anmeldelsesscore
comp-kind-text = Standard
comp-you = jer { $value }
comp-best = bedste konkurrent { $value } ({ $name })
comp-target = mål { $value }
comp-unit-minutes = { $n ->
    [one] { $value } minut
   *[other] { $value } minutter
}
comp-unit-hours = { $n ->
    [one] { $value } time
   *[other] { $value } timer
}
comp-unit-days = { $n ->
    [one] { $value } dag
   *[other] { $value } dage
}
comp-unit-weeks = { $n ->
    [one] { $value } uge
   *[other] { $value } uger
}
comp-unit-hours-week = { $value } timer om ugen
comp-unit-rating = { $value } ★
comp-added = Konkurrenten er tilføjet.
comp-deleted = Konkurrenten er slettet.
comp-standard-saved = Standarden er gemt.
comp-standard-deleted = Standarden er slettet.
comp-error-name = Giv konkurrenten et navn (højst 200 tegn).
comp-error-exists = En konkurrent med det navn findes allerede.
comp-error-value = En værdi er ikke et tal, Kunde kan læse (en score er højst 5): intet blev gemt.
dash-today-behind = Hvor konkurrenterne gør det bedre
