# Mga dokumentong maipi-print: ang buwanang ulat (/reports) at mga invoice bilang PDF.
reports-title = Mga buwanang ulat
reports-intro = Ang mga numero ng bawat buwan, takbo, pinakamasamang sandali ng katotohanan, sanhi ng mga reklamo at mga review bilang PDF na maipi-print.
reports-so-far = (hanggang ngayon)
reports-email-heading = Sa e-mail
reports-email-label = I-e-mail sa mga may-ari ang ulat ng katatapos na buwan sa unang araw ng bawat buwan
reports-email-help = Ipinapadala nang isang beses bawat buwan bilang kalakip na PDF sa mail server ng negosyo (Mga setting → E-mail).
reports-save = I-save
report-email-on = Ipapadala sa e-mail ang buwanang ulat sa unang araw ng bawat buwan.
report-email-off = Hindi na ipapadala sa e-mail ang buwanang ulat.
report-title = Buwanang ulat: { $name }
report-subtitle = { $business } · { $from } – { $to }
report-subtitle-current = { $business } · hanggang ngayon, noong { $date }
report-figures = Kumusta ang negosyo
report-figure = Numero
report-this-month = Ngayong buwan
report-last-month = Nakaraang buwan
report-change = Pagbabago
report-note = Tala
report-better = mas mabuti
report-worse = mas masama
report-same = walang pagbabago
report-trends = Ang huling 12 buwan
report-thin-note = Ang haliging may balangkas lamang ay may napakakaunting sagot para ihambing sa ibang buwan.
report-moments-note = Mga touchpoint kung saan may masamang karanasan ang mga kostumer, pinakamasama muna: ang isang masamang karanasan ay katumbas ng mga labindalawang mabuti.
report-no-moments = Walang touchpoint na may masamang karanasan.
report-touchpoint = Touchpoint
report-journey = Paglalakbay
report-bad = Masama
report-good = Mabuti
report-lost-after-bad = Nawala pagkatapos ng masama
report-root-causes = Mga sanhi ng reklamo
report-cases-line = Mga kasong binuksan ngayong buwan: { $opened } · isinara: { $closed }
report-no-root-causes = Walang kasong isinara ngayong buwan na may sanhi.
report-cases = { $n ->
    [one] { $n } kaso
   *[other] { $n } kaso
}
report-reviews = Mga review
report-reviews-line = { $n } review ngayong buwan, karaniwang marka { $average } sa 5 · { $unanswered } hindi pa nasasagot
report-no-reviews = Walang review ngayong buwan.
report-date = Petsa
report-rating = Marka
report-review = Review
report-page = Pahina { $n } ng { $total }
report-mail-subject = Buwanang ulat { $month } — { $business }
report-mail-text = Nakalakip bilang PDF ang buwanang ulat ng { $business } para sa { $month }.
    
    Lahat ng buwanang ulat: { $link }
invoice-to = Sinisingil kay
invoice-field = Detalye
invoice-value = Halaga
invoice-description = Paglalarawan
invoice-total = Kabuuan
invoice-pdf = I-download bilang PDF
