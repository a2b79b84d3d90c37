# Värde-sidorna: kundlojalitet, kundbortfall, intäkter, RFM, livstidsvärde, kanaler.
nav-value = Värde
value-retention-title = Återkommande kunder
value-churn-title = Kundbortfall
value-revenue-title = Intäkter
value-rfm-title = Segment efter beteende
value-clv-title = Livstidsvärde
value-retention-intro = Kommer kunderna tillbaka? Varje rad är kunderna vars första order låg i den månaden; varje kolumn är en senare månad.
value-comeback = Räknas som att komma tillbaka
value-comeback-order = En order
value-comeback-any = Vilken händelse som helst
value-comeback-touchpoint = Ett besök vid en kontaktpunkt
value-comeback-at = Kontaktpunkt
value-channel = Kanal kunden kom från
value-all-channels = Alla kanaler
value-no-orders = Inga ordrar än: siffrorna visas när kunderna har köpt något.
value-cohorts = Kohorter efter månad för första order
value-cohorts-pushed-down = Räknat av ClickHouse över alla händelser, även livscykeln nedan.
value-cohorts-help = Andelen av varje kohort som kom tillbaka varje månad efter den första (0 = månaden för första ordern), med antalet kunder inom parentes.
value-cohort = Kohort
value-cohort-size = Kunder
value-not-yet-known = ännu okänt
value-unknown-legend = En prickad cell är ännu okänd: kohorten är för ung för den månaden. Den är inte 0 %.
value-cohort-ltv = Kohortens livstidsvärde
value-cohort-ltv-help = Vad en kund i varje kohort i genomsnitt har betalat hittills, efter månader sedan första ordern.
value-lifecycle = Livscykel per månad
value-lifecycle-help = { $n ->
    [one] Nya, återkommande, återvunna och förlorade kunder per månad; en kund räknas som förlorad efter 1 dag utan order.
   *[other] Nya, återkommande, återvunna och förlorade kunder per månad; en kund räknas som förlorad efter { $n } dagar utan order.
}
value-month = Månad
value-active-at-start = Aktiva vid start
value-new = Nya
value-returning = Återkommande
value-resurrected = Återvunna
value-lost = Förlorade
value-churn-rate = Bortfallstakt
value-churn-trend = Bortfallstakt, 3 månader
value-threshold-percentile = En kund räknas som förlorad efter { $days } dagar utan order: { $percentile } % av uppehållen mellan två köp av samma kund i era egna data är kortare ({ $gaps } uppehåll från { $customers } kunder som köpt mer än en gång; det typiska uppehållet är { $median } dagar).
value-threshold-floor = En kund räknas som förlorad efter { $days } dagar utan order. Era kunder köper oftast snabbt igen ({ $percentile } % av { $gaps } uppehåll är kortare), men mindre än { $days } dagar är för kort för att kalla någon förlorad.
value-threshold-too-few = En kund räknas som förlorad efter { $days } dagar utan order. Det finns bara { $gaps } uppehåll mellan upprepade köp hittills (minst { $min } behövs för att lära av era egna data), så ett år används.
value-threshold-chosen = { $n ->
    [one] Du valde 1 dag i stället.
   *[other] Du valde { $n } dagar i stället.
}
value-threshold-label = Förlorad efter antal dagar utan order
value-survival = Hur länge kunderna stannar
value-after = Efter
value-years = { $n ->
    [one] 1 år
   *[other] { $n } år
}
value-still-active = Fortfarande aktiva
value-band = 95 %-intervall
value-followed = Kunder som följts
value-benchmark = Riktmärke
value-benchmark-text = Riktmärke: det genomsnittliga småföretaget förlorar hälften av sina kunder på tre år. En andel över 50 % efter tre år är bättre än så.
value-days-since-first-order = Dagar sedan första order
value-lower = Nedre
value-upper = Övre
value-at-risk = I riskzonen
value-lost-per-month = Förlorade kunder per månad
value-last-seen = Var förlorade kunder sågs senast
value-last-seen-help = Kontaktpunkten för varje förlorad kunds senaste händelse; var och en öppnar sitt kort på kundresan.
value-lost-customers = Förlorade kunder, de mest värdefulla först
value-customers-count = { $n ->
    [one] 1 kund
   *[other] { $n } kunder
}
value-first-shown = { $n ->
    [one] den första visas
   *[other] de första { $n } visas
}
value-historic = Betalat hittills
value-last-order = Senaste order
value-lost-on = Förlorad den
value-last-seen-at = Senast sedd vid
value-revenue-intro = Intäkter från nya kunder (deras första order) och från återköp (alla senare ordrar).
value-period = Period
value-per-month = Per månad
value-per-quarter = Per kvartal
value-per-year = Per år
value-new-revenue = Nya
value-repeat-revenue = Återköp
value-total-revenue = Totalt
value-repeat-share = Andel från återköp
value-repeat-benchmark = Tillväxt på 10–20 % om året är mycket lättare att få från återköp än från nya kunder.
value-new-customers = Nya kunder
value-orders = Ordrar
value-yoy = Jämfört med året innan
value-yoy-new = Jämfört med året innan, nya
value-yoy-repeat = Jämfört med året innan, återköp
value-rfm-intro = Kunderna får 1–5 poäng för hur nyligen (R) och hur ofta (F) de har köpt och hur mycket de har betalat (M), var och en jämfört med de andra, och namnges efter sina R- och F-poäng.
value-segment = Segment
value-customers = Kunder
value-share-customers = Andel av kunderna
value-revenue = Intäkter
value-share-revenue = Andel av intäkterna
value-definition = Vilka de är
value-rfm-grid = Hur nyligen × hur ofta
value-rfm-grid-help = Rader: poäng för hur nyligen (5 = köpte senast); kolumner: poäng för hur ofta (5 = köpte oftast).
value-rfm-champions = Mästare
value-rfm-loyal = Lojala
value-rfm-potential_loyalist = Möjliga lojala
value-rfm-new = Nya
value-rfm-promising = Lovande
value-rfm-need_attention = Behöver uppmärksamhet
value-rfm-about_to_sleep = På väg att somna
value-rfm-at_risk = I riskzonen
value-rfm-cant_lose = Får inte förloras
value-rfm-hibernating = I ide
value-rfm-lost = Förlorade
value-rfm-champions-def = Har köpt nyligen och mycket ofta.
value-rfm-loyal-def = Köper ofta och för inte så länge sedan.
value-rfm-potential_loyalist-def = Har köpt nyligen, några gånger.
value-rfm-new-def = Köpte för första gången alldeles nyligen.
value-rfm-promising-def = Har köpt en gång, nyligen.
value-rfm-need_attention-def = Mitt emellan på båda: inte så nyligen, inte så ofta.
value-rfm-about_to_sleep-def = Har inte köpt på ett tag och köpte sällan.
value-rfm-at_risk-def = Köpte ofta, men för länge sedan.
value-rfm-cant_lose-def = Köpte oftast av alla, men för länge sedan.
value-rfm-hibernating-def = Köpte några gånger, för länge sedan.
value-rfm-lost-def = Köpte en eller två gånger, för länge sedan.
value-clv-intro = Vad varje kund troligen är värd: chansen att de fortfarande köper av er, deras förväntade köp och utgifter de kommande 12 månaderna, bredvid vad de har betalat hittills.
value-historic-only = Endast vad varje kund har betalat hittills visas.
value-fit-too-few-customers = Det finns för få kunder med en order för att förutsäga något ({ $found }; minst { $needed } behövs).
value-fit-too-few-repeat-customers = För få kunder har köpt mer än en gång för att lära sig hur ofta folk kommer tillbaka ({ $found }; minst { $needed } behövs).
value-fit-no-convergence = Modellen kunde inte hitta ett stabilt svar för era data.
value-fit-not-identified = Era data säger inte modellen tillräckligt för ett pålitligt svar.
value-fit-spend-not-identified = Beloppen per order varierar för vilt för att förutsäga utgifterna.
value-fit-no-spend = Kunderna som köpte igen har inga belopp registrerade.
value-fit-empty-holdout = Det finns ingen period efter brytdatumet att pröva förutsägelserna mot.
value-p-alive = Fortfarande aktiv (sannolikhet)
value-expected-purchases = Förväntade köp, 12 månader
value-predicted = Förväntat värde, 12 månader
value-holdout = Går det att lita på? Prövat på era egna data
value-holdout-help = Modellen anpassades till ordrarna fram till för 26 veckor sedan och fick förutsäga köpen under de 26 veckorna sedan dess; här står vad den sa bredvid vad som hände, efter hur många gånger varje kund hade köpt igen innan.
value-earlier-repeats = Återköp innan
value-predicted-purchases = Förutsagda köp
value-actual-purchases = Faktiska köp
value-total = Totalt
value-holdout-error = Fel i totalen
value-holdout-mae = Genomsnittligt fel per kund (köp)
value-at-risk-help = Kunder bland den femtedel som betalat mest vars chans att fortfarande vara aktiva har sjunkit under hälften.
value-who-cohort = Kunder vars första order var i { $month }
value-who-cohort-order = Kunder vars första order var i { $month } och som beställde igen { $n } månader senare
value-who-cohort-any-event = Kunder vars första order var i { $month } och som sågs { $n } månader senare
value-who-new = Nya kunder i { $month }
value-who-returning = Kunder som beställde igen i { $month }
value-who-resurrected = Kunder tillbaka i { $month } efter mer än { $days } dagar utan order
value-who-lost = Kunder förlorade i { $month } (ingen order på { $days } dagar)
value-who-lost-all = Kunder utan order på mer än { $days } dagar
value-who-lost-at = Kunder utan order på mer än { $days } dagar, senast sedda vid { $touchpoint }
value-who-rfm = Kunder i segmentet { $segment }
value-who-at-risk = Värdefulla kunder i riskzonen
value-segment-name = Segmentets namn
value-save-segment = Spara som segment
value-channels-title = Kanaler
value-channels-intro = För varje kanal kunderna kom via: vad en ny kund kostade, vad kanalens kunder är värda hittills och förväntas bli värda, och hur länge en kund tar på sig att betala tillbaka vad den kostade.
value-channels-pay = Kanaler som lönar sig: { $list }.
value-channels-not-pay = Kanaler som inte lönar sig: { $list }. Överväg att lägga mindre pengar där.
value-channels-unknown = Inga kostnader registrerade, så det är okänt om de lönar sig: { $list }.
value-spend = Kostnad
value-cac = Kostnad per ny kund
value-avg-historic = I genomsnitt betalat hittills
value-avg-predicted = Genomsnittligt förväntat värde
value-ratio = Värde / kostnad
value-payback = Återbetald efter
value-verdict = Bedömning
value-verdict-pays = Lönar sig
value-verdict-does_not_pay = Lönar sig inte
value-verdict-unknown_without_spend = Okänt utan kostnader
value-months = { $n ->
    [one] 1 månad
   *[other] { $n } månader
}
value-spend-title = Marknadsföringskostnader per kanal och månad
value-spend-save = Spara kostnad
value-spend-delete = Ta bort
value-spend-import-hint = Många månader på en gång: importera en CSV-fil med kolumnerna channel,month,amount.
value-spend-saved = Kostnaden är sparad.
value-spend-deleted = Kostnaden är borttagen.
value-spend-imported = Filen med kostnader är importerad.
value-who-channel = Kunder som kom via { $channel }
import-spend-title = Marknadsföringskostnader
import-spend-help = En CSV-fil med rubriken channel,month,amount och en rad per kanal och månad, till exempel google_ads,2025-03,1500.00. En månad som redan finns ersätts. Är någon rad fel importeras ingenting.
import-spend-upload = Importera kostnader
import-spend-refused = Ingenting importerades: de här raderna måste rättas först.
import-spend-line = Rad
import-spend-problem = Problem
import-spend-again = Tillbaka till importsidan
import-spend-bad-header = Första raden måste vara rubriken channel,month,amount.
import-spend-bad-columns = En rad behöver exakt tre kolumner: kanal, månad, belopp.
import-spend-bad-channel = Kanalen är tom eller längre än 100 tecken.
import-spend-bad-month = Månaden ska skrivas ÅÅÅÅ-MM, till exempel 2025-03.
import-spend-bad-amount = Beloppet är inte ett tal på noll eller mer, till exempel 1500,00.
import-spend-bad-duplicate = Den här kanalen och månaden finns redan tidigare i filen.
value-customer-block = Värde
value-sort = Sortera
value-sort-newest = Nyaste
value-sort-last-order = Senaste order
value-sort-spent = Betalat totalt
value-sort-predicted-note = Bara kunder med en order har ett förväntat värde; avsnittet Värde förklarar hur det beräknas.
value-sort-predicted = Förväntat värde
