# Konkurrenternas standard per kontaktpunkt (/competitors, kartans kort, startsidan).
comp-title = Konkurrenternas standard
comp-intro = Registrera dina konkurrenter och, per kontaktpunkt, en standard att jämföra: ett pris, en vänte- eller leveranstid, öppettider, ett recensionsbetyg eller en standard i ord, med ert eget värde och ett mål som slår den bästa konkurrenten.
comp-link = Konkurrenternas standard
comp-list = Konkurrenter
comp-none = Inga konkurrenter ännu.
comp-name = Konkurrentens namn
comp-add = Lägg till konkurrent
comp-delete-named = Ta bort { $name }
comp-standards = Standarder per kontaktpunkt
comp-standards-none = Inga standarder ännu.
comp-touchpoint = Kontaktpunkt
comp-kind = Standard
comp-yours = Ert värde
comp-target-col = Mål
comp-stand = Var ni står
comp-behind = Efter
comp-not-behind = Lika eller före
comp-standard-add = Registrera en standard
comp-standard-save = Spara standard
comp-no-touchpoints = Lägg först till kontaktpunkter i en resa.
comp-time-unit = Tid i
comp-time-minutes = minuter
comp-time-hours = timmar
comp-time-days = dagar
comp-time-weeks = veckor
comp-currency = Valuta för ett pris
comp-value-help = Tal för ett pris, en tid, öppettimmar per vecka och ett betyg (1–5); ord för en standard i ord. Ett kontaktpunkts standard av samma slag ersätts.
comp-kind-price = Pris
comp-kind-time = Vänte- eller leveranstid
comp-kind-hours = Öppettider
comp-kind-rating = Recensionsbetyg
comp-kind-text = Standard
comp-you = ni { $value }
comp-best = bästa konkurrent { $value } ({ $name })
comp-target = mål { $value }
comp-unit-minutes = { $n ->
    [one] { $value } minut
   *[other] { $value } minuter
}
comp-unit-hours = { $n ->
    [one] { $value } timme
   *[other] { $value } timmar
}
comp-unit-days = { $n ->
    [one] { $value } dag
   *[other] { $value } dagar
}
comp-unit-weeks = { $n ->
    [one] { $value } vecka
   *[other] { $value } veckor
}
comp-unit-hours-week = { $value } timmar i veckan
comp-unit-rating = { $value } ★
comp-added = Konkurrenten har lagts till.
comp-deleted = Konkurrenten har tagits bort.
comp-standard-saved = Standarden har sparats.
comp-standard-deleted = Standarden har tagits bort.
comp-error-name = Ge konkurrenten ett namn (högst 200 tecken).
comp-error-exists = En konkurrent med det namnet finns redan.
comp-error-value = Ett värde är inte ett tal som Kunde kan läsa (ett betyg är högst 5): inget sparades.
dash-today-behind = Där konkurrenterna gör det bättre
