# Startsiden (/): månedens tal, det der venter på dig i dag, fakta med jeres egne tal.
dash-today = Venter på dig i dag
dash-today-nothing = Intet venter på dig i dag.
dash-today-followups = { $n ->
    [one] { $n } opfølgning er forsinket
   *[other] { $n } opfølgninger er forsinkede
}
dash-today-cases = { $n ->
    [one] { $n } sag i fare for eller over sin frist
   *[other] { $n } sager i fare for eller over deres frist
}
dash-today-grants = { $n ->
    [one] { $n } bevilling venter på din godkendelse
   *[other] { $n } bevillinger venter på din godkendelse
}
dash-today-failed-mail = { $n ->
    [one] { $n } e-mail kunne ikke sendes
   *[other] { $n } e-mails kunne ikke sendes
}
dash-failed-mail-fix = Se hvorfor, og ret mailserveren
dash-today-moments = Værste sandhedens øjeblikke
dash-today-at-risk = { $n ->
    [one] { $n } værdifuld kunde i fare
   *[other] { $n } værdifulde kunder i fare
}
dash-at-risk-detail = har betalt { $paid } · stadig kunde: { $alive }
dash-see-all = Se alle
dash-anonymous = Anonym
dash-due-since = frist { $name }
dash-past-target = over fristen
dash-at-risk = i fare
dash-this-month = Denne måned ({ $name })
dash-vs-last-month = mod sidste måned
dash-spark-label = { $name }, de sidste 12 måneder
dash-months = Måned for måned
dash-month = Måned
dash-thin = for få svar
dash-too-few = Kun { $n } svar: for få til at sammenligne
dash-no-answers = Ingen svar i denne måned
dash-interval = 95 %-interval { $low } – { $high } (n = { $n })
dash-lost-after = Tabt efter { $n } dage uden en ordre
dash-nps = NPS
dash-csat = CSAT (tilfredse)
dash-new-customers = Nye kunder
dash-revenue = Omsætning
dash-repeat-share = Genkøbsandel af omsætningen
dash-repeat-share-note = Fra kunder, der har købt før
dash-churn = Frafaldsrate
dash-active-after-year = Stadig aktive efter et år
dash-open-cases = Åbne sager
dash-past-target-cases = Sager over fristen
dash-overdue-followups = Forsinkede opfølgninger
dash-fact-half-you = i beholder { $pct } % efter tre år.
dash-fact-half-none = jeres ordrer rækker endnu ikke tre år tilbage.
dash-fact-complain-you = i havde { $cases } og { $detractors } det seneste år.
dash-fact-cases = { $n ->
    [one] én sag
   *[other] { $n } sager
}
dash-fact-detractors = { $n ->
    [one] ét kritisk svar
   *[other] { $n } kritiske svar
}
dash-fact-moments-you = jeres værste kontaktpunkt er { $name }.
dash-moment-detail = { $bad } dårlige, { $good } gode
dash-review-rating = Gennemsnitlig anmeldelse
dash-review-rating-note = Stjerner ud af 5, anmeldelser skrevet i denne måned
