# Kunde's Tagalog messages. Every key here must exist in en.ftl, da.ftl and sv.ftl too.

app-name = Kunde
app-tagline = Karanasan ng customer para sa maliliit na negosyo
nav-overview = Buod
nav-customers = Mga Customer
nav-journeys = Mga Journey
nav-settings = Mga Setting
nav-signout = Mag-sign out
nav-skip = Lumaktaw sa nilalaman
nav-main = Pangunahing menu
lang-label = Wika
lang-save = Palitan ang wika

signin-title = Mag-sign in
signin-email = E-mail
signin-password = Password
signin-submit = Mag-sign in
signin-failed = Mali ang e-mail o password.
signout-done = Naka-sign out ka na.

setup-title = Maligayang pagdating sa Kunde
setup-intro = I-set up ang iyong negosyo. Ikaw ang magiging may-ari nito, at puwede mong imbitahan ang iyong staff pagkatapos.
setup-business = Pangalan ng negosyo
setup-owner-name = Pangalan mo
setup-language = Default na wika
setup-currency = Currency
setup-submit = Gawin ang aking workspace

overview-title = Buod
overview-customers = Mga Customer
overview-events = Mga interaksyon sa touchpoint
overview-orders = Mga Order
overview-revenue = Kita
overview-journeys = Mga Journey
overview-empty = Wala pang laman ang iyong workspace. Magdagdag ng una mong customer o i-map ang isang customer journey para makapagsimula.
overview-facts = Dapat tandaan
fact-half = Nawawala sa karaniwang maliit na negosyo ang kalahati ng mga customer nito sa loob ng tatlong taon.
fact-complain = Mga 4 % lang ng mga hindi nasiyahang customer ang nagrereklamo; ang natitirang 96 % ay nagkukuwento sa iba.
fact-moments = Kailangan ng mga labindalawang magandang karanasan para mapunan ang isang masama.

customers-title = Mga Customer
customers-search = Maghanap ayon sa pangalan o e-mail
customers-search-submit = Maghanap
customers-new = Bagong customer
customers-none = Walang tugmang customer.
# CLDR's Tagalog "one" also covers 2, 3, 5, 7, 8, 10 and more, so both variants show the number.
customers-count = { $n ->
    [one] { $n } customer
   *[other] { $n } customer
}
col-name = Pangalan
col-email = E-mail
col-phone = Telepono
col-language = Gustong wika
col-channel = Paano kami nahanap
col-cost = Gastos sa pagkuha
col-consent = Pahintulot sa marketing
col-created = Customer mula noong
col-when = Kailan
col-what = Ano
col-detail = Detalye
col-amount = Halaga
page-prev = Nakaraang pahina
page-next = Susunod na pahina
page-of = Pahina { $n }

customer-edit = I-edit
customer-timeline = Timeline
customer-timeline-empty = Wala pang nangyayari sa customer na ito.
customer-details = Mga detalye
timeline-event = Interaksyon
timeline-order = Order
customer-form-new = Bagong customer
customer-form-edit = I-edit ang customer
customer-created = Naidagdag na ang customer.
customer-saved = Na-save na ang customer.
channel-unknown = Hindi alam
form-save = I-save
form-cancel = Kanselahin
form-optional = opsyonal
yes = Oo
no = Hindi

journeys-title = Mga Customer Journey
journeys-none = Wala pang journey. Gawin ang una sa ibaba.
journeys-new = Bagong journey
journey-name = Pangalan
journey-description = Paglalarawan
journey-variant = Bersyon
variant-as_is = Kasalukuyan
variant-to_be = Ninanais
journey-redesign-of = Bagong disenyo ng { $name }
journey-part-of = Bahagi ng { $name }
journey-redesigns = Mga bagong disenyo
journey-parts = Mga sub-journey
journey-create = Gumawa ng journey
journey-created = Nagawa na ang journey kasama ang mga default na yugto.
journey-stage-empty = Wala pang touchpoint sa yugtong ito.
journey-stages = { $n ->
    [one] { $n } yugto
   *[other] { $n } yugto
}
tp-channel = Channel
tp-digital = Digital
tp-physical = Pisikal
tp-owned = Hawak namin
tp-not-owned = Labas sa aming kontrol
tp-owner = Namamahala
tp-goal = Layunin ng customer
tp-pain = Mga pain point
tp-ideas = Mga ideya
tp-add = Magdagdag ng touchpoint
tp-added = Naidagdag na ang touchpoint.
tp-stage = Yugto
tp-name = Touchpoint
tp-nobody = Wala
tp-control = Kontrol
tp-kind = Uri

channel-web = Web
channel-phone = Telepono
channel-email = E-mail
channel-in_person = Harapan
channel-social = Social media
channel-review_site = Review site
channel-mail = Sulat
channel-other = Iba pa

settings-title = Mga Setting
settings-workspace = Negosyo
settings-saved = Na-save na ang mga setting.
users-title = Staff
users-invite = Mag-imbita ng kasamahan
users-role = Tungkulin
role-owner = May-ari
role-staff = Staff
users-status = Status
users-active = Aktibo
users-invited = Inimbitahan
users-invite-submit = Gumawa ng imbitasyon
users-invite-link = Ipadala ang link na ito kay { $name }. Isang beses lang ito magagamit, sa loob ng pitong araw:
invite-title = Sumali sa { $name }
invite-intro = Pumili ng password para matapos ang paggawa ng iyong account.
invite-submit = I-set ang password at mag-sign in
invite-invalid = Hindi na valid ang link ng imbitasyong ito. Humingi ng bago sa may-ari.
password-new = Bagong password

error-empty = Hindi puwedeng walang laman ang { $field }.
error-too-long = Masyadong mahaba ang { $field } (hanggang { $max } character lang).
error-email = Hindi valid na e-mail address ang “{ $value }”.
error-phone = Hindi valid na numero ng telepono ang “{ $value }”.
error-password-short = Dapat hindi bababa sa { $min } character ang password.
error-language = Pumili ng isa sa mga wikang nakalista.
error-channel = Pumili ng isa sa mga channel na nakalista.
error-money = Hindi valid na halaga ang “{ $value }”.
error-role = Pumili ng may-ari o staff.
error-duplicate-email = May gumagamit na ng e-mail address na ito.
error-form = Pakiayos ang mga field na may marka sa ibaba.
error-csrf = Nag-expire na ang form. Bumalik, i-reload ang page, at subukan ulit.
error-forbidden = Ang may-ari lang ang puwedeng magbukas ng page na ito.
error-not-found = Walang ganitong page, o pag-aari ito ng ibang negosyo.
error-internal = May nagkaproblema sa aming panig. Pakisubukan ulit.
error-bad-request = Hindi maintindihan ang request.
error-title = May hindi tama
error-back = Bumalik sa simula
error-setup-done = Naka-set up na ang Kunde na ito. Mag-sign in na lang.

stage-awareness = Kamalayan
stage-consideration = Pagsasaalang-alang
stage-purchase = Pagbili
stage-service = Serbisyo
stage-loyalty = Katapatan

## journey map
journey-edit = I-edit ang journey
journey-edit-named = I-edit ang { $name }
journey-save = I-save ang journey
journey-compare = Kasalukuyan at hinaharap, magkatabi
journey-delete = Burahin ang journey na ito
journey-delete-named = Burahin ang “{ $name }”…
map-download-svg = I-download ang SVG
map-download-png = I-download ang PNG
map-caption = Kulay ng mga card: ang bahagi ng mga customer na umabot sa touchpoint at nagpatuloy sa susunod na yugto (sa huling yugto: ang mga bumalik). Mga palaso: mga customer na bumabalik sa naunang touchpoint. Kapag ini-print, kasya ito sa isang pahinang naka-landscape.
map-cards-title = Ang mga touchpoint nang detalyado
map-owner = May hawak: { $name }
map-no-owner = Walang may hawak
map-went-on = { $reached } ang umabot · { $share } ang nagpatuloy
map-came-back = { $reached } ang umabot · { $share } ang bumalik
map-no-events = Wala pang naitalang pangyayari
map-customers = { $n ->
    [one] { $n } customer sa datos
   *[other] { $n } customer sa datos
}
map-emotion-derived = Damdamin ng customer bawat yugto — wala pang sagot sa survey, kaya galing ito sa bahagi ng mga customer na nagpapatuloy mula sa bawat yugto
map-good = Karamihan ay nagpapatuloy (50 % o higit pa)
map-mixed = May ilang humihinto o hindi natutuloy (30–50 % ang nagpapatuloy, o 15 % ang hindi natuloy)
map-poor = Marami ang humihinto o hindi natutuloy (wala pang 30 % ang nagpapatuloy, o 30 % ang hindi natuloy)
map-no-data = Kulang ang customer para masabi
map-loops = Mga customer na bumabalik (mas makapal: mas maraming customer)
map-edit = I-edit
map-delete = Burahin
map-move-up = Itaas ang { $name }
map-move-down = Ibaba ang { $name }
tp-edit-named = I-edit ang { $name }
tp-delete-named = Burahin ang { $name }
map-stages-title = Mga yugto
stage-name = Pangalan ng yugto
stage-rename-named = Palitan ang pangalan ng { $name }
stage-delete-named = Burahin ang yugtong { $name }
stage-touchpoints = { $n ->
    [one] { $n } touchpoint
   *[other] { $n } touchpoint
}
stage-new = Bagong yugto
stage-add = Magdagdag ng yugto
map-confirm-delete-journey = Burahin ang journey na “{ $name }”?
map-confirm-delete-stage = Burahin ang yugtong “{ $name }”?
map-confirm-delete-touchpoint = Burahin ang touchpoint na “{ $name }”?
map-confirm-cannot-undo = Hindi na ito maibabalik. Kasama ring mabubura ang:
map-confirm-stages = { $n ->
    [one] { $n } yugto
   *[other] { $n } yugto
}
map-confirm-touchpoints = { $n ->
    [one] { $n } touchpoint
   *[other] { $n } touchpoint
}
map-confirm-events = { $n ->
    [one] { $n } naitalang pangyayari ng customer
   *[other] { $n } naitalang pangyayari ng customer
}
tobe-title = Magplano ng bagong disenyo
tobe-intro = Kinokopya ang lahat ng yugto at touchpoint sa isang bagong journey para sa hinaharap na naka-ugnay dito. Baguhin ang kopya ayon sa gusto; mananatili ang mga numero ng kasalukuyan sa tabi ng bawat hakbang.
tobe-create = Gumawa ng bersyon para sa hinaharap
tobe-default-name = { $name } (hinaharap)
tobe-asis-touchpoint = Kasalukuyang “{ $name }”: { $reached } ang umabot, { $went } ang nagpatuloy, { $dropped } ang huminto
tobe-asis-new = Bago sa journey ng hinaharap: wala pang datos mula sa kasalukuyan
tobe-asis-stage = Funnel ngayon: { $reached } customer ang umabot sa yugtong ito ({ $previous } ng naunang yugto); { $dropped } ang hindi na nagpatuloy
compare-intro = Ang journey sa kasalukuyan katabi ng bagong disenyo. Ipinapakita ng bawat hakbang ng hinaharap kung ano ang sinasabi ng datos ngayon tungkol sa parehong touchpoint (itinugma ayon sa pangalan).
subjourney-title = Sub-journey para sa isang bahagi
subjourney-intro = Kinokopya ang mga yugto mula sa una hanggang sa huling pinili (kasama ang kanilang mga touchpoint) sa isang bagong journey na bahagi nito, halimbawa ang “pag-book” lamang.
subjourney-name = Pangalan ng sub-journey
subjourney-first = Mula sa yugto
subjourney-last = Hanggang sa yugto
subjourney-create = Gumawa ng sub-journey
subjourney-error-range = Dapat mauna (o kapareho) ang unang yugto sa huling yugto.
map-done-journey-saved = Na-save ang journey.
map-done-journey-deleted = Nabura ang journey.
map-done-stage-added = Naidagdag ang yugto.
map-done-stage-saved = Napalitan ang pangalan ng yugto.
map-done-stage-deleted = Nabura ang yugto.
map-done-tp-saved = Na-save ang touchpoint.
map-done-tp-deleted = Nabura ang touchpoint.
map-done-tobe-created = Nagawa ang bersyon para sa hinaharap: baguhin ito ayon sa gusto.
map-done-sub-created = Nagawa ang sub-journey.
map-done-moved = Nabago ang pagkakasunod-sunod.
map-failed = { $share } ang hindi natuloy (ibinaba ang tawag, sumuko)
tp-counterpart = Bagong disenyo ng (touchpoint sa kasalukuyan)
tp-counterpart-none = Wala: bagong hakbang
