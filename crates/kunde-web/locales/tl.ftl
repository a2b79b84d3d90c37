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

## API keys and the web snippet
apikeys-title = Mga API key
apikeys-intro = Sa pamamagitan ng mga key, makapagpapadala ang sarili ninyong mga sistema ng mga pangyayari sa Kunde. Ang lihim na key ay nananatili sa inyong mga server. Ang pampublikong key ay inilalagay sa web snippet ng inyong site: makapagdaragdag lamang ito ng mga hindi kilalang pagbisita sa pahina at pag-click, at wala itong mababasa.
apikeys-docs = Sanggunian ng API (OpenAPI)
apikeys-none = Wala pang mga key.
apikeys-name = Pangalan
apikeys-kind = Uri
apikeys-kind-secret = Lihim (para sa inyong mga server)
apikeys-kind-publishable = Pampubliko (para sa web snippet)
apikeys-kind-invalid = Pumili ng lihim o pampubliko.
apikeys-key = Key
apikeys-created = Nilikha
apikeys-revoked = Binawi noong { $name }
apikeys-revoke = Bawiin
apikeys-revoke-named = Bawiin ang key na { $name }
apikeys-new = Bagong API key
apikeys-create = Lumikha ng key
apikeys-shown-once = Narito ang key na “{ $name }”. Kopyahin ito ngayon: ipinapakita ito nang isang beses lamang.
apikeys-snippet = Ilagay ito sa bawat pahina ng inyong site, bago mismo ang </body>, at palitan ang TOUCHPOINT_ID ng touchpoint na kinabibilangan ng mga pagbisita sa pahina:
## Import and manual logging
nav-import = Mag-import
import-title = Pag-import
import-intro = Magpasok ng mga customer, order o event mula sa isang CSV file, gaya ng export mula sa iyong tindahan o kaha. Sinusuri muna ang bawat hilera; walang itatabi hangga't hindi tama ang lahat ng hilera.
import-kind = Laman ng file
import-kind-customers = Mga customer
import-kind-orders = Mga order
import-kind-events = Mga event (interaksyon)
import-preset = Format
import-preset-generic = Pangkalahatan (pangalan ng column sa Ingles, Danish o Swedish)
import-preset-shopify = Export mula sa Shopify
import-file = CSV file
import-file-help = Hinihiwalay ng kuwit, semicolon o tab. Petsa gaya ng 31-12-2025 o 2025-12-31, halaga gaya ng 1,234.50. Kinikilala ang customer sa e-mail, ang touchpoint sa pangalan.
import-upload = I-upload at magpatuloy
import-mapping = Aling column ang may ano
import-column = Column sa file
import-field = Field sa Kunde
import-check = Suriin ang bawat hilera
import-preview = Ang mga unang hilera
import-line = Linya
import-reason = Dahilan
import-result = Resulta ng pagsusuri
import-ready = Maayos ang lahat ng { $rows } hilera: handa nang i-import ang { $ready } record.
import-rejected = { $n } sa { $rows } hilera ang tinanggihan.
import-nothing = Walang na-import. Itama ang mga linya sa ibaba sa file, o baguhin ang mga column, at subukang muli.
import-run = I-import ngayon
import-cancel = Kanselahin ang pag-import
import-running = Nag-i-import…
import-done = Tapos na ang pag-import: { $inserted } ang naidagdag, { $skipped } ang nilaktawan dahil naroon na, { $created } bagong customer mula sa mga order.
import-cancelled = Kinansela ang pag-import. Walang na-import.
import-failed = Nabigo ang pag-import at walang na-import. Pakisubukang muli.
import-another = Mag-import ng ibang file
import-error-io = Hindi mabasa ang file.
import-error-empty = Pumili ng CSV file na may header at kung ano ang laman nito.
import-error-empty-header = May column na walang pangalan sa header. Bigyan ng pangalan ang bawat column.
import-error-duplicate-header = Dalawang beses na binanggit ang parehong column sa header.
import-error-csv = Hindi wastong CSV ang file: { $detail }
import-map-syntax = Isulat ang mapping bilang header=field.
import-map-unknown-header = Walang ganoong column ang file.
import-map-unknown-field = Pumili ng isa sa mga inaalok na field.
import-map-missing = Piliin ang column na may “{ $field }”; kailangan ito ng pag-import.
import-map-twice = Dalawang column ang nakatakda sa “{ $field }”; pumili ng isa.
import-row-columns = May { $found } column ang hilera; { $expected } ang nasa header.
import-row-missing = Walang { $field }.
import-row-invalid = { $field }: { $reason }
import-row-date = { $field }: hindi petsa ang “{ $value }”. Isulat ang 31-12-2025, 31.12.2025 o 2025-12-31, may oras kung gusto.
import-row-amount = { $field }: hindi halaga ang “{ $value }”. Isulat ang 1234.50 o 1,234.50.
import-row-quantity = Ang dami na “{ $value }” ay hindi buong bilang na hindi bababa sa 1.
import-row-bool = { $field }: hindi oo o hindi ang “{ $value }”.
import-row-currency = Nasa { $found } ang halaga, pero { $expected } ang gamit ng negosyong ito.
import-row-duplicate-email = Nasa linya { $line } na ang e-mail na { $email }.
import-row-order-mismatch = May e-mail na { $email } ang order { $reference } dito pero iba sa linya { $line }.
import-row-unknown-touchpoint = Walang touchpoint na “{ $name }”. Idagdag muna ito sa isang journey.
import-row-unknown-customer = Walang customer na may e-mail na { $email }. I-import muna ang mga customer.
log-title = Itala ang isang interaksyon
log-no-touchpoints = Magdagdag muna ng touchpoint sa isang journey; itinatala ang interaksyon sa isang touchpoint.
log-touchpoint = Touchpoint
log-channel = Channel
log-time = Kailan
log-note = Tala
log-amount = Halaga
log-submit = Itala
log-done = Naitala ang interaksyon.
log-error-touchpoint = Pumili ng isa sa mga inaalok na touchpoint.
log-error-time = Hindi oras ang “{ $value }”. Pumili ng petsa at oras.
import-field-email = E-mail
import-field-name = Pangalan
import-field-first_name = Unang pangalan
import-field-last_name = Apelyido
import-field-phone = Telepono
import-field-language = Wika
import-field-consent = Pahintulot sa marketing
import-field-acquisition_channel = Channel ng pagkuha
import-field-acquisition_cost = Gastos sa pagkuha
import-field-created_at = Customer mula
import-field-order = Numero ng order
import-field-customer_name = Pangalan ng customer
import-field-ordered_at = Petsa ng order
import-field-paid = Bayad na
import-field-currency = Pera
import-field-product = Produkto
import-field-quantity = Dami
import-field-unit_price = Presyo bawat isa
import-field-total = Kabuuan ng order
import-field-touchpoint = Touchpoint
import-field-occurred_at = Oras
import-field-channel = Channel
import-field-amount = Halaga
import-field-note = Tala
import-field-ignore = (huwag pansinin ang column na ito)
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
## Journey analytics (funnel and paths)
nav-analytics = Pagsusuri
analytics-funnel-title = Funnel
analytics-paths-title = Mga landas
analytics-funnel-intro = Ilang customer ang dumaan sa mga napiling touchpoint nang sunod-sunod sa loob ng takdang panahon, saan sila huminto, at gaano katagal ang bawat hakbang. Puwede ang ibang touchpoint sa pagitan at ang pagbalik.
analytics-paths-intro = Ano ang ginawa ng mga customer pagkatapos (o bago) ang isang touchpoint, hakbang-hakbang, kasama ang pag-ikot at pagbalik.
analytics-steps = Mga hakbang ayon sa pagkakasunod
analytics-step = Hakbang
analytics-window = Takdang panahon
analytics-window-unit = Yunit ng takdang panahon
analytics-unit-days = araw
analytics-unit-hours = oras
analytics-breakdown = Paghahati
analytics-breakdown-none = Wala
analytics-breakdown-channel = Ayon sa channel na pinanggalingan ng customer
analytics-breakdown-month = Ayon sa buwan ng unang hakbang
analytics-show = Ipakita
analytics-empty = Wala pang event ng customer na masusuri, o kulang sa dalawa ang napiling hakbang.
analytics-funnel-chart = Funnel chart; nasa talahanayan sa ibaba ang parehong mga numero.
analytics-steps-table = Mga customer bawat hakbang
analytics-touchpoint = Touchpoint
analytics-customers = Mga customer
analytics-of-first = Sa unang hakbang
analytics-of-previous = Sa naunang hakbang
analytics-dropped = Huminto rito
analytics-median-time = Median na oras mula sa naunang hakbang
analytics-p90-time = Hindi lumampas dito ang 90 %
analytics-download-csv = I-download bilang CSV
analytics-breakdown-table = Paghahati
analytics-group = Grupo
analytics-conversion = Conversion
analytics-where-they-went = Saan sila pumunta sa halip?
analytics-reached-at = Naabot ang hakbang
analytics-anchor = Touchpoint
analytics-direction = Direksiyon
analytics-direction-after = Ang ginawa nila pagkatapos
analytics-direction-before = Ang ginawa nila bago nito
analytics-depth = Bilang ng hakbang na susundan
analytics-top = Pinakamalalaking ugnayang ipinapakita
analytics-repeats = Magkakasunod na pagbisita
analytics-repeats-merge = Bilangin bilang isang hakbang
analytics-repeats-keep = Bilangin ang bawat pagbisita
analytics-back-to-funnel = Bumalik sa funnel
analytics-paths-none = Walang customer na may ganitong touchpoint sa napiling view.
analytics-paths-chart = Flow (Sankey) chart; nasa mga talahanayan sa ibaba ang parehong mga numero.
analytics-links-table = Mga ugnayan ng mga hakbang (nasa panaklong ang bilang ng hakbang)
analytics-from = Mula
analytics-to = Papunta
analytics-top-paths = Pinakakaraniwang mga landas
analytics-path = Landas
analytics-paths-view = View
analytics-table = Talahanayan
analytics-drop-step = Hakbang ng paghinto
analytics-no-channel = (walang channel)
analytics-minutes = { $n } min
analytics-hours = { $n } oras
analytics-days = { $n } araw
analytics-funnel-summary = { $entered } customer ang umabot sa unang hakbang; { $converted } sa kanila ang dumaan sa lahat ng hakbang sa loob ng { $window } ({ $percent } %).
analytics-dropped-title = Mga customer na huminto pagkatapos ng hakbang { $n }, { $step } ({ $count })
analytics-dropped-more = … at { $n } pa: i-download ang CSV para sa buong listahan.
analytics-paths-drop-title = Saan pumunta ang { $count } customer na huminto pagkatapos ng hakbang { $n }, { $step }
analytics-paths-no-drop = Walang huminto sa funnel na ito.
analytics-paths-after-title = Pagkatapos ng { $step }: { $count } customer
analytics-paths-before-title = Bago ang { $step }: { $count } customer
analytics-error-range = { $field }: hindi puwede ang “{ $value }”. Magbigay ng buong numero mula { $min } hanggang { $max }.
analytics-error-choice = { $field }: ang “{ $value }” ay wala sa mga pagpipilian. Pumili mula sa listahan.
analytics-error-step = Hakbang { $n }: ang “{ $value }” ay hindi touchpoint ng negosyong ito. Pumili mula sa listahan.
analytics-error-steps = Pumili ng hindi bababa sa dalawang hakbang (hanggang { $max }).
tp-counterpart = Bagong disenyo ng (touchpoint sa kasalukuyan)
tp-counterpart-none = Wala: bagong hakbang

# --- voc ---
voc-nav-results = Resulta
voc-results-title = Mga resulta ng survey
voc-surveys = Mga survey
voc-survey = Survey
voc-kind = Uri
voc-responses = Mga sagot
voc-no-surveys = Wala pang survey. Gumawa ng isa sa Mga survey.
voc-by-touchpoint = Mga resulta ayon sa touchpoint
voc-survey-count = { $n ->
    [one] { $n } survey
   *[other] { $n } na survey
}
voc-response-count = { $n ->
    [one] { $n } sagot
   *[other] { $n } na sagot
}
voc-customer-survey = Survey ng customer
voc-employee-survey = Survey ng empleyado (anonimo)
voc-touchpoint-results = Lahat ng survey ng customer sa touchpoint na ito
voc-touchpoint-link = Lahat ng survey sa { $name }
voc-no-responses = Wala pang sagot.
voc-scores = Mga marka
voc-measure = Sukatan
voc-value = Halaga
voc-interval = 95 % na interval
voc-answers = Mga sagot
voc-interval-note = Ang NPS ay mula −100 hanggang 100, ang CSAT ay ang bahagdan ng mga sagot na 4–5, ang CES ay ang karaniwang hirap mula 1 (napakadali) hanggang 7 (napakahirap). Ipinapakita ng interval kung gaano katiyak ang bilang: malapad ito kapag kaunti ang sagot.
voc-nps = NPS
voc-csat = CSAT %
voc-ces = CES
voc-trend = Takbo bawat buwan
voc-month = Buwan
voc-gap = Agwat ng inaasahan
voc-gap-note = Ang inaasahan ng mga customer at ang natanggap nila, mula 0 (masama) hanggang 3 (napakahusay). Ang negatibong agwat ay pagkadismaya.
voc-question = Tanong
voc-expected = Inaasahan
voc-experienced = Naranasan
voc-gap-column = Agwat
voc-choices = Mga pinili
voc-option = Pagpipilian
voc-segment-language = Ayon sa wika
voc-segment-channel = Ayon sa paraan ng pagsagot
voc-segment-acquisition = Ayon sa pinagmulan ng customer
voc-themes = Mga tema sa malayang sagot
voc-themes-note = Mga salita at parirala na umuulit sa ilang sagot. Buksan ang isa para mabasa ang mga sagot sa likod nito.
voc-answers-title = Mga sagot
voc-answers-theme = Mga sagot na bumabanggit ng “{ $name }”
voc-all-answers = Lahat ng sagot
voc-when = Kailan
voc-customer = Customer
voc-via = Sa pamamagitan ng
voc-text = Teksto
voc-anonymous = Anonimo
voc-answers-more = { $n ->
    [one] May { $n } pang sagot sa CSV na download.
   *[other] May { $n } pang sagot sa CSV na download.
}
voc-via-link = Link
voc-via-qr = QR code
voc-via-email = E-mail
voc-via-paper = Papel
voc-via-widget = Web widget
voc-engagement = Engagement ayon sa team
voc-anonymous-note = { $n ->
    [one] Anonimo ang mga sagot. Ipinapakita ang marka ng grupo mula { $n } sagot.
   *[other] Anonimo ang mga sagot. Ipinapakita lamang ang marka ng grupo mula { $n } na sagot pataas.
}
voc-group-by = Igrupo ayon sa
voc-team = Team
voc-location = Lokasyon
voc-enps = eNPS
voc-enps-overall = Kabuuang eNPS
voc-customer-csat = CSAT ng customer (mga sagot)
voc-group-hidden = { $n ->
    [one] Masyadong kaunti ang sagot para ipakita (mas kaunti sa { $n })
   *[other] Masyadong kaunti ang sagot para ipakita (mas kaunti sa { $n })
}
voc-correlation = Engagement at kasiyahan ng customer sa mga team: r = { $r } sa { $n } team (p = { $p }).
voc-correlation-none = Kailangan ng korelasyon ang hindi bababa sa tatlong team na may sapat na sagot at CSAT ng customer.
voc-followups-title = Mga follow-up
voc-followups-intro = Ang detractor (NPS 0–6) o mababang CSAT (1–2) ay nagbubukas ng follow-up para sa may-ari ng touchpoint, na dapat tapusin sa loob ng tatlong araw. Isulat ang ginawa para maisara ito.
voc-followups-open = { $n ->
    [one] { $n } bukas na follow-up
   *[other] { $n } na bukas na follow-up
}
voc-followups-overdue = { $n ->
    [one] { $n } lampas na sa takdang araw
   *[other] { $n } na lampas na sa takdang araw
}
voc-followups-none = Walang bukas na follow-up.
voc-followups-closed = Mga saradong follow-up
voc-overdue = Lampas na
voc-reason = Dahilan
voc-reason-detractor = Detractor
voc-reason-low-csat = Mababang CSAT
voc-touchpoint = Touchpoint
voc-owner = May-ari
voc-no-owner = walang nakatalaga
voc-answered = Sinagot
voc-due = Takdang araw
voc-what-was-done = Ang ginawa
voc-close-followup = Isara ang follow-up
voc-closed-by = Isinara ni
voc-closed-at = Isinara
voc-followup-closed = Naisara ang follow-up.
voc-followup-already-closed = Sarado na ang follow-up na ito.
voc-action-required = Isulat ang ginawa bago isara ang follow-up.
voc-action-too-long = Hanggang { $max } na character lamang.
voc-invite-title = Mag-imbita sa e-mail
voc-invite-intro = Bawat customer ay makakatanggap ng personal na link sa sarili niyang wika. Nilalaktawan ang mga tinanong sa nakaraang { $fatigue } araw; may paalala pagkalipas ng { $reminder } araw kung hindi pa sila sumasagot (0 = wala).
voc-invite-all = { $n ->
    [one] Imbitahan ang { $n } customer na puwedeng tanungin ngayon
   *[other] Imbitahan ang lahat ng { $n } customer na puwedeng tanungin ngayon
}
voc-invite-pick = O pumili ng mga customer
voc-invite-send = Imbitahan ang mga napili
voc-invite-done = { $sent } imbitasyon ang nakapila, { $skipped } customer ang nilaktawan.
voc-invite-employee = Ang mga survey ng empleyado ay sinasagot nang anonimo sa pampublikong link, hindi sa personal na imbitasyon.
voc-invite-not-live = Dapat aktibo ang survey bago makapagpadala ng imbitasyon.
voc-invite-no-smtp = I-set up muna ang e-mail server.
voc-email-settings = Mga setting ng e-mail
voc-skip-no-email = walang e-mail address
voc-skip-no-consent = walang pahintulot sa marketing
voc-skip-unsubscribed = nag-unsubscribe
voc-skip-already-invited = naimbitahan na
voc-skip-fatigue = tinanong kamakailan; muli mula { $date }
voc-mail-invite-subject = Gustong malaman ng { $business } ang iyong opinyon
voc-mail-invite-body = Kumusta { $name },

    gustong malaman ng { $business } kung kumusta ang karanasan mo: “{ $survey }”. Isang minuto lang ito:

    { $link }

    Para sa iyo lamang ang link na ito. Kung ayaw mo nang makatanggap ng imbitasyon sa survey mula sa { $business }: { $unsubscribe }
voc-mail-reminder-subject = Paalala: gustong malaman ng { $business } ang iyong opinyon
voc-mail-reminder-body = Kumusta { $name },

    ilang araw na ang nakalipas, nagtanong ang { $business } kung kumusta ang karanasan mo: “{ $survey }”. Kung may isang minuto ka, malaking tulong ang sagot mo:

    { $link }

    Kung ayaw mo nang makatanggap ng imbitasyon sa survey mula sa { $business }: { $unsubscribe }
voc-unsubscribe-title = Mga imbitasyon sa survey
voc-unsubscribe-question = Gusto mo bang itigil ang pagtanggap ng mga imbitasyon sa survey sa e-mail?
voc-unsubscribe-button = Itigil ang mga imbitasyon
voc-unsubscribe-done = Tapos na. Hindi ka na makakatanggap ng imbitasyon sa survey mula sa amin.
voc-unsubscribe-unknown = Hindi wasto ang link na ito.
voc-too-many = Masyadong maraming kahilingan. Maghintay ng isang minuto at subukang muli.
voc-timeline-survey = Sagot sa survey
# --- mail ---
mail-title = E-mail
mail-intro = Nagpapadala ang Kunde ng mga imbitasyon sa survey, sagot sa mga customer at escalation sa pamamagitan ng sarili ninyong mail server. Ilagay ang ibinigay ng inyong e-mail provider para sa SMTP, saka magpadala ng test e-mail.
mail-settings-link = Mail server at test e-mail
mail-host = SMTP server
mail-port = Port
mail-security = Seguridad ng koneksyon
mail-security-starttls = STARTTLS (karaniwang port 587)
mail-security-tls = TLS (karaniwang port 465)
mail-security-none = Wala (para lang sa server sa makinang ito)
mail-username = User name (iwanang blangko kung walang login ang server)
mail-password = Password
mail-password-kept = May naka-save na password. Iwanang blangko ang field para panatilihin ito.
mail-from-address = Address ng nagpadala
mail-from-name = Pangalan ng nagpadala
mail-error-host = Ilagay ang host name ng mail server, halimbawa smtp.example.ph.
mail-error-port = Maglagay ng port number mula 1 hanggang 65535.
mail-error-subject = Kailangan ng subject ang mensahe.
mail-test-title = Magpadala ng test e-mail
mail-test-to = Ipadala kay
mail-test-send = Ipadala ang test e-mail
mail-test-subject = Test e-mail mula sa { $name }
mail-test-body = Ito ay test e-mail mula sa Kunde para sa { $name }. Kung nababasa mo ito, gumagana ang e-mail.
mail-test-sent = Tinanggap ng mail server ang test e-mail para kay { $name }.
mail-test-failed = Hindi naipadala ang test e-mail: { $name }
mail-recent = Mga pinakabagong e-mail
mail-recent-none = Wala pang e-mail.
mail-col-when = Nakapila
mail-col-to = Para kay
mail-col-subject = Subject
mail-col-state = Katayuan
mail-state-queued = Naghihintay maipadala
mail-state-sent = Naipadala
mail-state-failed = Hindi naipadala
error-rate-limited = Masyadong maraming subok. Maghintay ng isang minuto at subukang muli.
