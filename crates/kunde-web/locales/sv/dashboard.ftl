# Startsidan (/): månadens siffror, det som väntar på dig i dag, fakta med era egna siffror.
dash-today = Väntar på dig i dag
dash-today-nothing = Inget väntar på dig i dag.
dash-today-followups = { $n ->
    [one] { $n } uppföljning är försenad
   *[other] { $n } uppföljningar är försenade
}
dash-today-cases = { $n ->
    [one] { $n } ärende i riskzonen eller över sitt mål
   *[other] { $n } ärenden i riskzonen eller över sina mål
}
dash-today-grants = { $n ->
    [one] { $n } ersättning väntar på ditt godkännande
   *[other] { $n } ersättningar väntar på ditt godkännande
}
dash-today-failed-mail = { $n ->
    [one] { $n } mejl kunde inte skickas
   *[other] { $n } mejl kunde inte skickas
}
dash-failed-mail-fix = Se varför och rätta e-postservern
dash-today-moments = Sämsta sanningens ögonblick
dash-today-at-risk = { $n ->
    [one] { $n } värdefull kund i riskzonen
   *[other] { $n } värdefulla kunder i riskzonen
}
dash-at-risk-detail = har betalat { $paid } · fortfarande kund: { $alive }
dash-see-all = Visa alla
dash-anonymous = Anonym
dash-due-since = förföll { $name }
dash-past-target = över målet
dash-at-risk = i riskzonen
dash-this-month = Den här månaden ({ $name })
dash-vs-last-month = mot förra månaden
dash-spark-label = { $name }, de senaste 12 månaderna
dash-months = Månad för månad
dash-month = Månad
dash-thin = för få svar
dash-too-few = Bara { $n } svar: för få för att jämföra
dash-no-answers = Inga svar den här månaden
dash-interval = 95 %-intervall { $low } – { $high } (n = { $n })
dash-lost-after = Förlorad efter { $n } dagar utan order
dash-nps = NPS
dash-csat = CSAT (nöjda)
dash-new-customers = Nya kunder
dash-revenue = Intäkter
dash-repeat-share = Återköpens andel av intäkterna
dash-repeat-share-note = Från kunder som har köpt förut
dash-churn = Kundbortfall
dash-active-after-year = Fortfarande aktiva efter ett år
dash-open-cases = Öppna ärenden
dash-past-target-cases = Ärenden över målet
dash-overdue-followups = Försenade uppföljningar
dash-fact-half-you = ni behåller { $pct } % efter tre år.
dash-fact-half-none = era order räcker ännu inte tre år bakåt.
dash-fact-complain-you = ni hade { $cases } och { $detractors } det senaste året.
dash-fact-cases = { $n ->
    [one] ett ärende
   *[other] { $n } ärenden
}
dash-fact-detractors = { $n ->
    [one] ett kritiskt svar
   *[other] { $n } kritiska svar
}
dash-fact-moments-you = er sämsta kontaktpunkt är { $name }.
dash-moment-detail = { $bad } dåliga, { $good } bra
dash-review-rating = Genomsnittligt recensionsbetyg
dash-review-rating-note = Stjärnor av 5, recensioner skrivna den här månaden
