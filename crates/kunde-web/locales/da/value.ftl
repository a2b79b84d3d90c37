# Værdi-siderne: fastholdelse, frafald, omsætning, RFM, livstidsværdi, kanaler.
nav-value = Værdi
value-retention-title = Fastholdelse
value-churn-title = Frafald
value-revenue-title = Omsætning
value-rfm-title = Segmenter efter adfærd
value-clv-title = Livstidsværdi
value-retention-intro = Kommer kunderne igen? Hver række er de kunder, hvis første ordre lå i den måned; hver kolonne er en senere måned.
value-comeback = Tæller som at komme igen
value-comeback-order = En ordre
value-comeback-any = Enhver hændelse
value-comeback-touchpoint = Et besøg ved et kontaktpunkt
value-comeback-at = Kontaktpunkt
value-channel = Kanal kunden kom fra
value-all-channels = Alle kanaler
value-no-orders = Ingen ordrer endnu: tallene kommer, når kunderne har købt noget.
value-cohorts = Kohorter efter måned for første ordre
value-cohorts-pushed-down = Optalt af ClickHouse over alle hændelser, også livscyklussen nedenfor.
value-cohorts-help = Andelen af hver kohorte, der kom igen i hver måned efter den første (0 = måneden for første ordre), med antallet af kunder i parentes.
value-cohort = Kohorte
value-cohort-size = Kunder
value-not-yet-known = endnu ukendt
value-unknown-legend = En prikket celle er endnu ukendt: kohorten er for ung til den måned. Den er ikke 0 %.
value-cohort-ltv = Kohortens livstidsværdi
value-cohort-ltv-help = Hvad en kunde i hver kohorte i gennemsnit har betalt indtil nu, efter måneder siden første ordre.
value-lifecycle = Livscyklus pr. måned
value-lifecycle-help = { $n ->
    [one] Nye, tilbagevendende, genvundne og tabte kunder pr. måned; en kunde regnes som tabt efter 1 dag uden ordre.
   *[other] Nye, tilbagevendende, genvundne og tabte kunder pr. måned; en kunde regnes som tabt efter { $n } dage uden ordre.
}
value-month = Måned
value-active-at-start = Aktive ved start
value-new = Nye
value-returning = Tilbagevendende
value-resurrected = Genvundne
value-lost = Tabte
value-churn-rate = Frafaldsrate
value-churn-trend = Frafaldsrate, 3 måneder
value-threshold-percentile = En kunde regnes som tabt efter { $days } dage uden ordre: { $percentile } % af pauserne mellem to køb fra samme kunde i jeres egne data er kortere ({ $gaps } pauser fra { $customers } kunder, der har købt mere end én gang; den typiske pause er { $median } dage).
value-threshold-floor = En kunde regnes som tabt efter { $days } dage uden ordre. Jeres kunder køber som regel hurtigt igen ({ $percentile } % af { $gaps } pauser er kortere), men under { $days } dage er for kort til at kalde nogen tabt.
value-threshold-too-few = En kunde regnes som tabt efter { $days } dage uden ordre. Der er kun { $gaps } pauser mellem gentagne køb indtil nu (der skal mindst { $min } til at lære af jeres egne data), så der bruges et år.
value-threshold-chosen = { $n ->
    [one] Du har valgt 1 dag i stedet.
   *[other] Du har valgt { $n } dage i stedet.
}
value-threshold-label = Tabt efter antal dage uden ordre
value-survival = Hvor længe kunderne bliver
value-after = Efter
value-years = { $n ->
    [one] 1 år
   *[other] { $n } år
}
value-still-active = Stadig aktive
value-band = 95 %-interval
value-followed = Kunder fulgt
value-benchmark = Pejlemærke
value-benchmark-text = Pejlemærke: den gennemsnitlige lille virksomhed mister halvdelen af sine kunder på tre år. En andel over 50 % efter tre år er bedre end det.
value-days-since-first-order = Dage siden første ordre
value-lower = Nedre
value-upper = Øvre
value-at-risk = I risiko
value-lost-per-month = Tabte kunder pr. måned
value-last-seen = Hvor tabte kunder sidst blev set
value-last-seen-help = Berøringspunktet for hver tabt kundes sidste hændelse; hvert åbner sit kort på kunderejsen.
value-lost-customers = Tabte kunder, de mest værdifulde først
value-customers-count = { $n ->
    [one] 1 kunde
   *[other] { $n } kunder
}
value-first-shown = { $n ->
    [one] den første vises
   *[other] de første { $n } vises
}
value-historic = Betalt indtil nu
value-last-order = Sidste ordre
value-lost-on = Tabt den
value-last-seen-at = Sidst set ved
value-revenue-intro = Omsætning fra nye kunder (deres første ordre) og fra genkøb (alle senere ordrer).
value-period = Periode
value-per-month = Pr. måned
value-per-quarter = Pr. kvartal
value-per-year = Pr. år
value-new-revenue = Nye
value-repeat-revenue = Genkøb
value-total-revenue = I alt
value-repeat-share = Andel fra genkøb
value-repeat-benchmark = Vækst på 10–20 % om året er langt lettere at få fra genkøb end fra nye kunder.
value-new-customers = Nye kunder
value-orders = Ordrer
value-yoy = I forhold til året før
value-yoy-new = I forhold til året før, nye
value-yoy-repeat = I forhold til året før, genkøb
value-rfm-intro = Kunderne får 1–5 point for hvor nylig (R) og hvor ofte (F) de har købt, og hvor meget de har betalt (M), hver målt mod de andre, og navngives efter deres R- og F-point.
value-segment = Segment
value-customers = Kunder
value-share-customers = Andel af kunderne
value-revenue = Omsætning
value-share-revenue = Andel af omsætningen
value-definition = Hvem de er
value-rfm-grid = Hvor nylig × hvor ofte
value-rfm-grid-help = Rækker: point for hvor nylig (5 = købte senest); kolonner: point for hvor ofte (5 = købte oftest).
value-rfm-champions = Mestre
value-rfm-loyal = Loyale
value-rfm-potential_loyalist = Mulige loyale
value-rfm-new = Nye
value-rfm-promising = Lovende
value-rfm-need_attention = Kræver opmærksomhed
value-rfm-about_to_sleep = Ved at falde i søvn
value-rfm-at_risk = I risiko
value-rfm-cant_lose = Må ikke mistes
value-rfm-hibernating = I dvale
value-rfm-lost = Tabte
value-rfm-champions-def = Har købt for nylig og meget ofte.
value-rfm-loyal-def = Køber ofte og for ikke længe siden.
value-rfm-potential_loyalist-def = Har købt for nylig, et par gange.
value-rfm-new-def = Har købt første gang for ganske nylig.
value-rfm-promising-def = Har købt én gang, for nylig.
value-rfm-need_attention-def = Midt imellem på begge: ikke helt nylig, ikke særlig ofte.
value-rfm-about_to_sleep-def = Har ikke købt i et stykke tid og købte sjældent.
value-rfm-at_risk-def = Købte ofte, men for længe siden.
value-rfm-cant_lose-def = Købte oftest af alle, men for længe siden.
value-rfm-hibernating-def = Købte et par gange, for længe siden.
value-rfm-lost-def = Købte en eller to gange, for længe siden.
value-clv-intro = Hvad hver kunde sandsynligvis er værd: chancen for at de stadig køber hos jer, deres forventede køb og forbrug de næste 12 måneder, ved siden af hvad de har betalt indtil nu.
value-historic-only = Kun det, hver kunde har betalt indtil nu, vises.
value-fit-too-few-customers = Der er for få kunder med en ordre til at forudsige noget ({ $found }; der skal mindst { $needed } til).
value-fit-too-few-repeat-customers = For få kunder har købt mere end én gang til at lære, hvor ofte folk kommer igen ({ $found }; der skal mindst { $needed } til).
value-fit-no-convergence = Modellen kunne ikke finde et stabilt svar for jeres data.
value-fit-not-identified = Jeres data fortæller ikke modellen nok til et pålideligt svar.
value-fit-spend-not-identified = Beløbene pr. ordre svinger for vildt til at forudsige forbruget.
value-fit-no-spend = De kunder, der købte igen, har ingen beløb registreret.
value-fit-empty-holdout = Der er ingen periode efter skæringsdatoen at kontrollere forudsigelserne mod.
value-p-alive = Stadig aktiv (sandsynlighed)
value-expected-purchases = Forventede køb, 12 måneder
value-predicted = Forventet værdi, 12 måneder
value-holdout = Kan man stole på det? Kontrolleret på jeres egne data
value-holdout-help = Modellen blev tilpasset ordrerne indtil for 26 uger siden og bedt om at forudsige købene i de 26 uger siden; her står, hvad den sagde, ved siden af hvad der skete, efter hvor mange gange hver kunde havde købt igen før.
value-earlier-repeats = Genkøb før
value-predicted-purchases = Forudsagte køb
value-actual-purchases = Faktiske køb
value-total = I alt
value-holdout-error = Fejl på det samlede tal
value-holdout-mae = Gennemsnitlig fejl pr. kunde (køb)
value-at-risk-help = Kunder blandt den femtedel, der har betalt mest, hvis chance for stadig at være aktive er faldet under en halv.
value-who-cohort = Kunder, hvis første ordre var i { $month }
value-who-cohort-order = Kunder, hvis første ordre var i { $month }, og som bestilte igen { $n } måneder senere
value-who-cohort-any-event = Kunder, hvis første ordre var i { $month }, og som blev set { $n } måneder senere
value-who-new = Nye kunder i { $month }
value-who-returning = Kunder, der bestilte igen i { $month }
value-who-resurrected = Kunder tilbage i { $month } efter mere end { $days } dage uden ordre
value-who-lost = Kunder tabt i { $month } (ingen ordre i { $days } dage)
value-who-lost-all = Kunder uden ordre i mere end { $days } dage
value-who-lost-at = Kunder uden ordre i mere end { $days } dage, sidst set ved { $touchpoint }
value-who-rfm = Kunder i segmentet { $segment }
value-who-at-risk = Værdifulde kunder i risiko
value-segment-name = Segmentets navn
value-save-segment = Gem som segment
value-channels-title = Kanaler
value-channels-intro = For hver kanal kunderne kom fra: hvad en ny kunde kostede, hvad kanalens kunder er værd indtil nu og forventes at blive værd, og hvor længe en kunde er om at tjene det ind, den kostede.
value-channels-pay = Kanaler, der betaler sig: { $list }.
value-channels-not-pay = Kanaler, der ikke betaler sig: { $list }. Overvej at bruge færre penge der.
value-channels-unknown = Intet forbrug registreret, så det er ukendt, om de betaler sig: { $list }.
value-spend = Forbrug
value-cac = Pris pr. ny kunde
value-avg-historic = Gennemsnitligt betalt indtil nu
value-avg-predicted = Gennemsnitlig forventet værdi
value-ratio = Værdi / pris
value-payback = Tjent ind efter
value-verdict = Vurdering
value-verdict-pays = Betaler sig
value-verdict-does_not_pay = Betaler sig ikke
value-verdict-unknown_without_spend = Ukendt uden forbrug
value-months = { $n ->
    [one] 1 måned
   *[other] { $n } måneder
}
value-spend-title = Markedsføringsforbrug pr. kanal og måned
value-spend-save = Gem forbrug
value-spend-delete = Slet
value-spend-import-hint = Mange måneder på én gang: importér en CSV-fil med kolonnerne channel,month,amount.
value-spend-saved = Forbruget er gemt.
value-spend-deleted = Forbruget er slettet.
value-spend-imported = Filen med forbrug er importeret.
value-who-channel = Kunder, der kom via { $channel }
import-spend-title = Markedsføringsforbrug
import-spend-help = En CSV-fil med overskriften channel,month,amount og én række pr. kanal og måned, fx google_ads,2025-03,1500.00. En måned, der allerede er registreret, erstattes. Er blot én række forkert, importeres intet.
import-spend-upload = Importér forbrug
import-spend-refused = Intet blev importeret: disse rækker skal rettes først.
import-spend-line = Linje
import-spend-problem = Problem
import-spend-again = Tilbage til importsiden
import-spend-bad-header = Første række skal være overskriften channel,month,amount.
import-spend-bad-columns = En række skal have præcis tre kolonner: kanal, måned, beløb.
import-spend-bad-channel = Kanalen er tom eller længere end 100 tegn.
import-spend-bad-month = Måneden skal skrives ÅÅÅÅ-MM, fx 2025-03.
import-spend-bad-amount = Beløbet er ikke et tal på nul eller mere, fx 1500,00.
import-spend-bad-duplicate = Denne kanal og måned står allerede tidligere i filen.
value-customer-block = Værdi
value-sort = Sortér
value-sort-newest = Nyeste
value-sort-last-order = Seneste ordre
value-sort-spent = Betalt i alt
value-sort-predicted-note = Kun kunder med en ordre har en forventet værdi; afsnittet Værdi forklarer, hvordan den beregnes.
value-sort-predicted = Forventet værdi
