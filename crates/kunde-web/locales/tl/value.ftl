# Ang mga pahina ng Halaga: pagbabalik ng customer, pagkawala, kita, RFM, panghabambuhay na halaga, mga channel.
nav-value = Halaga
value-retention-title = Pagbabalik ng customer
value-churn-title = Pagkawala ng customer
value-revenue-title = Kita
value-rfm-title = Mga segment ayon sa gawi
value-clv-title = Panghabambuhay na halaga
value-retention-intro = Bumabalik ba ang mga customer? Bawat hanay ay ang mga customer na ang unang order ay sa buwang iyon; bawat kolum ay isang susunod na buwan.
value-comeback = Itinuturing na pagbabalik
value-comeback-order = Isang order
value-comeback-any = Anumang pangyayari
value-comeback-touchpoint = Pagbisita sa isang touchpoint
value-comeback-at = Touchpoint
value-channel = Channel na pinanggalingan
value-all-channels = Lahat ng channel
value-no-orders = Wala pang order: lalabas ang mga numero kapag may nabili na ang mga customer.
value-cohorts = Mga cohort ayon sa buwan ng unang order
value-cohorts-pushed-down = Binilang ng ClickHouse sa lahat ng pangyayari, pati ang lifecycle sa ibaba.
value-cohorts-help = Ang bahagi ng bawat cohort na bumalik sa bawat buwan pagkatapos ng una (0 = ang buwan ng unang order), kasama ang bilang ng customer sa panaklong.
value-cohort = Cohort
value-cohort-size = Mga customer
value-not-yet-known = hindi pa alam
value-unknown-legend = Ang cell na may tuldok ay hindi pa alam: masyado pang bata ang cohort para sa buwang iyon. Hindi ito 0 %.
value-cohort-ltv = Panghabambuhay na halaga ng cohort
value-cohort-ltv-help = Ang karaniwang naibayad na ng isang customer ng bawat cohort hanggang ngayon, ayon sa mga buwan mula sa unang order.
value-lifecycle = Siklo ng customer bawat buwan
value-lifecycle-help = { $n ->
    [one] Mga bago, bumabalik, muling bumalik at nawalang customer bawat buwan; itinuturing na nawala ang customer pagkalipas ng 1 araw na walang order.
   *[other] Mga bago, bumabalik, muling bumalik at nawalang customer bawat buwan; itinuturing na nawala ang customer pagkalipas ng { $n } araw na walang order.
}
value-month = Buwan
value-active-at-start = Aktibo sa simula
value-new = Bago
value-returning = Bumabalik
value-resurrected = Muling bumalik
value-lost = Nawala
value-churn-rate = Antas ng pagkawala
value-churn-trend = Antas ng pagkawala, 3 buwan
value-threshold-percentile = Itinuturing na nawala ang customer pagkalipas ng { $days } araw na walang order: { $percentile } % ng mga pagitan ng dalawang bili ng iisang customer sa sarili ninyong datos ay mas maikli ({ $gaps } pagitan mula sa { $customers } customer na bumili nang higit sa isang beses; ang karaniwang pagitan ay { $median } araw).
value-threshold-floor = Itinuturing na nawala ang customer pagkalipas ng { $days } araw na walang order. Kadalasang mabilis bumili ulit ang inyong mga customer ({ $percentile } % ng { $gaps } pagitan ay mas maikli), pero masyadong maikli ang mas mababa sa { $days } araw para sabihing nawala ang isang tao.
value-threshold-too-few = Itinuturing na nawala ang customer pagkalipas ng { $days } araw na walang order. { $gaps } pagitan pa lang ang mayroon sa pagitan ng mga ulit na bili (kailangan ng hindi bababa sa { $min } para matuto mula sa sarili ninyong datos), kaya isang taon ang ginagamit.
value-threshold-chosen = { $n ->
    [one] Pinili mo ang 1 araw sa halip.
   *[other] Pinili mo ang { $n } araw sa halip.
}
value-threshold-label = Nawala pagkalipas ng ilang araw na walang order
value-survival = Gaano katagal nananatili ang mga customer
value-after = Pagkalipas ng
value-years = { $n ->
    [one] 1 taon
   *[other] { $n } taon
}
value-still-active = Aktibo pa
value-band = 95 % na saklaw
value-followed = Mga customer na sinubaybayan
value-benchmark = Batayan
value-benchmark-text = Batayan: nawawala sa karaniwang maliit na negosyo ang kalahati ng mga customer nito sa loob ng tatlong taon. Mas mabuti roon ang bahaging higit sa 50 % pagkalipas ng tatlong taon.
value-days-since-first-order = Mga araw mula sa unang order
value-lower = Mababa
value-upper = Mataas
value-at-risk = Nanganganib
value-lost-per-month = Mga nawalang customer bawat buwan
value-last-seen = Saan huling nakita ang mga nawalang customer
value-last-seen-help = Ang touchpoint ng huling pangyayari ng bawat nawalang customer; bawat isa ay nagbubukas ng card nito sa journey map.
value-lost-customers = Mga nawalang customer, ang pinakamahalaga muna
value-customers-count = { $n ->
    [one] 1 customer
   *[other] { $n } customer
}
value-first-shown = { $n ->
    [one] ang una ang ipinapakita
   *[other] ang unang { $n } ang ipinapakita
}
value-historic = Naibayad na
value-last-order = Huling order
value-lost-on = Nawala noong
value-last-seen-at = Huling nakita sa
value-revenue-intro = Kita mula sa mga bagong customer (ang kanilang unang order) at mula sa ulit na pagbili (bawat susunod na order).
value-period = Panahon
value-per-month = Bawat buwan
value-per-quarter = Bawat quarter
value-per-year = Bawat taon
value-new-revenue = Bago
value-repeat-revenue = Ulit na bili
value-total-revenue = Kabuuan
value-repeat-share = Bahagi ng ulit na bili
value-repeat-benchmark = Mas madaling makamit ang paglago na 10–20 % bawat taon mula sa ulit na pagbili kaysa sa mga bagong customer.
value-new-customers = Mga bagong customer
value-orders = Mga order
value-yoy = Kumpara sa nakaraang taon
value-yoy-new = Kumpara sa nakaraang taon, bago
value-yoy-repeat = Kumpara sa nakaraang taon, ulit na bili
value-rfm-intro = Binibigyan ang mga customer ng 1–5 para sa kung gaano kamakailan (R) at gaano kadalas (F) sila bumili at kung magkano ang ibinayad nila (M), bawat isa kumpara sa iba, at pinapangalanan ayon sa kanilang R at F.
value-segment = Segment
value-customers = Mga customer
value-share-customers = Bahagi ng mga customer
value-revenue = Kita
value-share-revenue = Bahagi ng kita
value-definition = Sino sila
value-rfm-grid = Kamakailan × kadalasan
value-rfm-grid-help = Mga hanay: marka sa pagiging kamakailan (5 = pinakahuling bumili); mga kolum: marka sa kadalasan (5 = pinakamadalas bumili).
value-rfm-champions = Mga kampeon
value-rfm-loyal = Mga tapat
value-rfm-potential_loyalist = Maaaring maging tapat
value-rfm-new = Bago
value-rfm-promising = May pag-asa
value-rfm-need_attention = Kailangan ng pansin
value-rfm-about_to_sleep = Malapit nang makatulog
value-rfm-at_risk = Nanganganib
value-rfm-cant_lose = Hindi dapat mawala
value-rfm-hibernating = Natutulog
value-rfm-lost = Nawala
value-rfm-champions-def = Bumili kamakailan at napakadalas.
value-rfm-loyal-def = Madalas bumili at hindi pa natatagalan.
value-rfm-potential_loyalist-def = Bumili kamakailan, ilang beses.
value-rfm-new-def = Bumili sa unang pagkakataon kamakailan lang.
value-rfm-promising-def = Bumili nang isang beses, kamakailan.
value-rfm-need_attention-def = Nasa gitna sa dalawa: hindi masyadong kamakailan, hindi masyadong madalas.
value-rfm-about_to_sleep-def = Matagal nang hindi bumibili at bihirang bumili.
value-rfm-at_risk-def = Madalas bumili, pero matagal na.
value-rfm-cant_lose-def = Pinakamadalas bumili sa lahat, pero matagal na.
value-rfm-hibernating-def = Ilang beses bumili, matagal na.
value-rfm-lost-def = Isa o dalawang beses bumili, matagal na.
value-clv-intro = Ang malamang na halaga ng bawat customer: ang tsansang bumibili pa sila sa inyo, ang inaasahang bili at gastos nila sa susunod na 12 buwan, katabi ng naibayad na nila hanggang ngayon.
value-historic-only = Ang naibayad na lang ng bawat customer ang ipinapakita.
value-fit-too-few-customers = Masyadong kaunti ang customer na may order para may mahulaan ({ $found }; kailangan ng hindi bababa sa { $needed }).
value-fit-too-few-repeat-customers = Masyadong kaunti ang customer na bumili nang higit sa isang beses para malaman kung gaano kadalas bumabalik ang mga tao ({ $found }; kailangan ng hindi bababa sa { $needed }).
value-fit-no-convergence = Hindi nakahanap ang modelo ng matatag na sagot para sa inyong datos.
value-fit-not-identified = Hindi sapat ang sinasabi ng inyong datos sa modelo para sa maaasahang sagot.
value-fit-spend-not-identified = Masyadong pabago-bago ang halaga bawat order para mahulaan ang gastos.
value-fit-no-spend = Walang nakatalang halaga ang mga customer na bumili ulit.
value-fit-empty-holdout = Walang panahon pagkatapos ng cut-off para suriin ang mga hula.
value-p-alive = Aktibo pa (posibilidad)
value-expected-purchases = Inaasahang bili, 12 buwan
value-predicted = Inaasahang halaga, 12 buwan
value-holdout = Mapagkakatiwalaan ba? Sinuri sa sarili ninyong datos
value-holdout-help = Inayon ang modelo sa mga order hanggang 26 na linggo na ang nakalipas at pinahulaan ang mga bili sa 26 na linggo mula noon; narito ang sinabi nito katabi ng nangyari, ayon sa ilang beses nang bumili ulit ang bawat customer bago noon.
value-earlier-repeats = Mga ulit na bili bago noon
value-predicted-purchases = Hinulaang bili
value-actual-purchases = Aktuwal na bili
value-total = Kabuuan
value-holdout-error = Mali sa kabuuan
value-holdout-mae = Karaniwang mali bawat customer (mga bili)
value-at-risk-help = Mga customer sa ikalimang bahagi na pinakamalaki ang naibayad na ang tsansang aktibo pa ay bumaba sa kalahati.
value-who-cohort = Mga customer na ang unang order ay noong { $month }
value-who-cohort-order = Mga customer na ang unang order ay noong { $month } at nag-order ulit pagkalipas ng { $n } buwan
value-who-cohort-any-event = Mga customer na ang unang order ay noong { $month } at nakita pagkalipas ng { $n } buwan
value-who-new = Mga bagong customer noong { $month }
value-who-returning = Mga customer na nag-order ulit noong { $month }
value-who-resurrected = Mga customer na bumalik noong { $month } pagkatapos ng higit sa { $days } araw na walang order
value-who-lost = Mga customer na nawala noong { $month } (walang order sa loob ng { $days } araw)
value-who-lost-all = Mga customer na walang order nang higit sa { $days } araw
value-who-lost-at = Mga customer na walang order nang higit sa { $days } araw, huling nakita sa { $touchpoint }
value-who-rfm = Mga customer sa segment na { $segment }
value-who-at-risk = Mahahalagang customer na nanganganib
value-segment-name = Pangalan ng segment
value-save-segment = I-save bilang segment
value-channels-title = Mga channel
value-channels-intro = Para sa bawat channel na pinanggalingan ng mga customer: magkano ang nagastos sa isang bagong customer, magkano na ang halaga ng mga customer nito at inaasahang halaga, at gaano katagal bago mabawi ng isang customer ang nagastos dito.
value-channels-pay = Mga channel na sulit: { $list }.
value-channels-not-pay = Mga channel na hindi sulit: { $list }. Isiping bawasan ang gastos doon.
value-channels-unknown = Walang nakatalang gastos, kaya hindi alam kung sulit: { $list }.
value-spend = Gastos
value-cac = Gastos bawat bagong customer
value-avg-historic = Karaniwang naibayad na
value-avg-predicted = Karaniwang inaasahang halaga
value-ratio = Halaga / gastos
value-payback = Nabawi pagkalipas ng
value-verdict = Hatol
value-verdict-pays = Sulit
value-verdict-does_not_pay = Hindi sulit
value-verdict-unknown_without_spend = Hindi alam nang walang gastos
value-months = { $n ->
    [one] 1 buwan
   *[other] { $n } buwan
}
value-spend-title = Gastos sa marketing bawat channel at buwan
value-spend-save = I-save ang gastos
value-spend-delete = Burahin
value-spend-import-hint = Maraming buwan nang sabay: mag-import ng CSV file na may mga kolum na channel,month,amount.
value-spend-saved = Na-save na ang gastos.
value-spend-deleted = Nabura na ang gastos.
value-spend-imported = Na-import na ang file ng gastos.
value-who-channel = Mga customer na dumaan sa { $channel }
import-spend-title = Gastos sa marketing
import-spend-help = Isang CSV file na may header na channel,month,amount at isang hanay bawat channel at buwan, gaya ng google_ads,2025-03,1500.00. Papalitan ang buwang naitala na. Kapag may maling hanay, walang maii-import.
import-spend-upload = I-import ang gastos
import-spend-refused = Walang na-import: kailangang ayusin muna ang mga hanay na ito.
import-spend-line = Linya
import-spend-problem = Problema
import-spend-again = Bumalik sa pahina ng pag-import
import-spend-bad-header = Ang unang hanay ay dapat ang header na channel,month,amount.
import-spend-bad-columns = Kailangan ng eksaktong tatlong kolum ang isang hanay: channel, buwan, halaga.
import-spend-bad-channel = Walang laman ang channel o higit sa 100 karakter.
import-spend-bad-month = Dapat isulat ang buwan bilang YYYY-MM, gaya ng 2025-03.
import-spend-bad-amount = Ang halaga ay hindi numerong sero o higit pa, gaya ng 1500.00.
import-spend-bad-duplicate = Lumabas na ang channel at buwang ito nang mas maaga sa file.
value-customer-block = Halaga
value-sort = Ayusin ayon sa
value-sort-newest = Pinakabago
value-sort-last-order = Huling order
value-sort-spent = Kabuuang naibayad
value-sort-predicted-note = Ang mga customer lamang na may order ang may inaasahang halaga; ipinapaliwanag ng seksyong Halaga kung paano ito kinukuwenta.
value-sort-predicted = Inaasahang halaga
