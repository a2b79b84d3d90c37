# Ang unang pahina (/): mga bilang ngayong buwan, ang naghihintay sa iyo ngayon, mga katotohanan kasama ang sarili ninyong bilang.
dash-today = Naghihintay sa iyo ngayon
dash-today-nothing = Walang naghihintay sa iyo ngayon.
dash-today-followups = { $n ->
    [one] { $n } follow-up na lampas na sa takdang oras
   *[other] { $n } follow-up na lampas na sa takdang oras
}
dash-today-cases = { $n ->
    [one] { $n } kaso na nanganganib o lampas na sa target
   *[other] { $n } kaso na nanganganib o lampas na sa target
}
dash-today-grants = { $n ->
    [one] { $n } grant na naghihintay ng iyong pag-apruba
   *[other] { $n } grant na naghihintay ng iyong pag-apruba
}
dash-today-failed-mail = { $n ->
    [one] { $n } e-mail ang hindi naipadala
   *[other] { $n } e-mail ang hindi naipadala
}
dash-failed-mail-fix = Tingnan kung bakit at ayusin ang mail server
dash-today-moments = Pinakamasamang sandali ng katotohanan
dash-today-at-risk = { $n ->
    [one] { $n } mahalagang customer na nanganganib
   *[other] { $n } mahahalagang customer na nanganganib
}
dash-at-risk-detail = nagbayad ng { $paid } · customer pa rin: { $alive }
dash-see-all = Tingnan lahat
dash-anonymous = Hindi kilala
dash-due-since = takdang oras { $name }
dash-past-target = lampas sa target
dash-at-risk = nanganganib
dash-this-month = Ngayong buwan ({ $name })
dash-vs-last-month = kumpara noong nakaraang buwan
dash-spark-label = { $name }, huling 12 buwan
dash-months = Bawat buwan
dash-month = Buwan
dash-thin = kulang ang sagot
dash-too-few = { $n } sagot lang: kulang para ikumpara
dash-no-answers = Walang sagot ngayong buwan
dash-interval = 95 % na interval { $low } – { $high } (n = { $n })
dash-lost-after = Nawala matapos ang { $n } araw na walang order
dash-nps = NPS
dash-csat = CSAT (nasiyahan)
dash-new-customers = Mga bagong customer
dash-revenue = Kita
dash-repeat-share = Bahagi ng kita mula sa muling pagbili
dash-repeat-share-note = Mula sa mga customer na bumili na dati
dash-churn = Churn rate
dash-active-after-year = Aktibo pa rin makalipas ang isang taon
dash-open-cases = Mga bukas na kaso
dash-past-target-cases = Mga kasong lampas sa target
dash-overdue-followups = Mga follow-up na lampas na sa takdang oras
dash-fact-half-you = napapanatili ninyo ang { $pct } % makalipas ang tatlong taon.
dash-fact-half-none = hindi pa umaabot nang tatlong taon pabalik ang inyong mga order.
dash-fact-complain-you = mayroon kayong { $cases } at { $detractors } sa nakaraang taon.
dash-fact-cases = { $n ->
    [one] isang kaso
   *[other] { $n } kaso
}
dash-fact-detractors = { $n ->
    [one] isang sagot ng detractor
   *[other] { $n } sagot ng detractor
}
dash-fact-moments-you = ang pinakamasama ninyong touchpoint ay { $name }.
dash-moment-detail = { $bad } masama, { $good } mabuti
dash-review-rating = Karaniwang rating ng review
dash-review-rating-note = Bituin sa 5, mga review na isinulat ngayong buwan
