# Ang client portal (issue 16): mga pahina ng customer, ang pahina ng staff para sa portal
# ng isang customer, at ang e-mail para mag-sign in.
portal-touchpoint = Client portal
portal-title = Client portal
portal-nav-home = Buod
portal-nav-profile = Profile
portal-sign-out = Mag-sign out
portal-signin-title = Mag-sign in sa client portal
portal-signin-intro = I-type ang e-mail address na kilala sa iyo ng { $name }. Padadalhan ka namin ng link para mag-sign in.
portal-send-link = Padalhan ako ng link para mag-sign in
portal-link-sent = Kung ang address ay sa isang customer, papunta na ang link para mag-sign in. Gumagana ito nang isang beses, sa loob ng 15 minuto.
portal-link-intro = Pindutin ang button para mag-sign in sa client portal ng { $name }.
portal-sign-in = Mag-sign in
portal-link-invalid = Hindi na magagamit ang link na ito: nagamit na, nag-expire na, o may ipinadalang mas bagong link.
portal-link-new = Humingi ng bagong link
portal-welcome = Maligayang pagdating, { $name }
portal-invoices = Mga invoice
portal-no-invoices = Wala pang invoice.
portal-invoice = Invoice
portal-invoice-number = Numero
portal-invoice-issued = Petsa ng invoice
portal-invoice-due = Takdang petsa
portal-invoice-paid = Binayaran noong
portal-status-paid = Bayad na
portal-status-open = Hindi pa bayad
portal-status-overdue = Lampas na sa takdang petsa
portal-documents = Mga dokumento
portal-no-documents = Wala pang dokumento.
portal-from-you = mula sa iyo
portal-from-customer = mula sa customer
portal-upload = Magpadala sa amin ng dokumento (hanggang 20 MB)
portal-upload-submit = I-upload
portal-cases = Ang iyong mga kaso
portal-case-new = Magbukas ng bagong kaso
portal-no-cases = Wala pang kaso.
portal-case-submit = Ipadala
portal-replies = Mga sagot
portal-no-replies = Wala pang sagot. Sasagot kami sa lalong madaling panahon.
portal-surveys = Mga survey na naghihintay sa iyo
portal-no-surveys = Walang naghihintay na survey.
portal-survey-answer = Sagutin
portal-back = Bumalik sa buod
portal-consent = Padalhan ako ng balita at alok sa e-mail
portal-profile-save = I-save
portal-signed-out = Naka-sign out ka na.
portal-case-opened = Salamat. Naipadala na sa amin ang iyong kaso.
portal-uploaded = Na-upload na ang iyong dokumento.
portal-profile-saved = Na-save na ang iyong profile.
portal-invoice-saved = Na-save na ang invoice.
portal-document-shared = Ibinahagi na ang dokumento sa customer.
portal-sessions-ended = Tinapos na ang mga portal session ng customer.
portal-error-email = I-type ang isang wastong e-mail address.
portal-error-too-large = Mas malaki sa 20 MB ang file.
portal-error-no-file = Pumili ng file.
portal-error-number = I-type ang numero ng invoice (hanggang 60 titik).
portal-error-number-taken = May ibang invoice na may ganitong numero.
portal-error-date = I-type ang petsa bilang YYYY-MM-DD.
portal-error-due-before = Hindi maaaring mauna ang takdang petsa sa petsa ng invoice.
portal-staff-title = Client portal
portal-staff-address = Dito nagsa-sign in ang customer:
portal-panel-intro = Mga invoice, ibinahaging dokumento at pag-sign in sa portal ng customer na ito.
portal-panel-open = Mga invoice at dokumento
portal-edit = I-edit
portal-mark-paid = Markahang bayad
portal-mark-open = Markahang hindi pa bayad
portal-invoice-new = Bagong invoice
portal-invoice-edit = I-edit ang invoice
portal-invoice-save = I-save ang invoice
portal-share = Magbahagi ng dokumento (hanggang 20 MB)
portal-sessions = Mga pag-sign in sa portal
portal-sessions-live = { $n ->
    [one] Isang aktibong portal session.
   *[other] { $n } aktibong portal session.
}
portal-sessions-end = Tapusin ang lahat ng portal session
portal-mail-subject = Ang iyong link para mag-sign in sa { $business }
portal-mail-intro = Buksan ang link na ito para mag-sign in sa client portal ng { $business }:
portal-mail-note = Gumagana ang link nang isang beses, sa loob ng 15 minuto. Kung hindi mo ito hiniling, huwag pansinin ang e-mail na ito.
portal-reply = Ang iyong sagot
portal-reply-submit = Ipadala ang sagot
portal-reply-you = Ikaw
portal-reply-sent = Salamat. Naipadala na sa amin ang iyong sagot.
portal-reply-closed = Sarado na ang kasong ito. Magbukas ng bagong kaso kung kailangan mo pa ng tulong.
import-invoices-title = Mga invoice mula sa iyong accounting system
import-invoices-help = Isang CSV export na may mga column na number,customer_email,issued,due,amount,paid_at (petsa bilang YYYY-MM-DD; walang laman ang paid_at habang hindi pa bayad). Hinahanap ang mga customer ayon sa e-mail. Ang invoice number na na-import na dati ay ina-update, hindi dinodoble. Kung may kahit isang maling row, walang ini-import.
import-invoices-upload = I-import ang mga invoice
import-invoices-created = { $n ->
    [one] Isang bagong invoice.
   *[other] { $n } bagong invoice.
}
import-invoices-updated = { $n ->
    [one] Isang invoice ang na-update.
   *[other] { $n } invoice ang na-update.
}
import-invoices-bad-unreadable = Hindi mabasa ang file bilang CSV. I-save ito bilang CSV (UTF-8).
import-invoices-bad-header = Dapat pangalanan ng unang row ang mga column na number, customer_email, issued, due, amount at paid_at.
import-invoices-bad-number = Walang laman o higit sa 60 character ang invoice number.
import-invoices-bad-email = Hindi wastong address ang e-mail ng customer.
import-invoices-bad-unknown-customer = Walang customer na may ganitong e-mail. I-import o idagdag muna ang customer.
import-invoices-bad-issued = Isulat ang petsa ng invoice bilang YYYY-MM-DD, halimbawa 2025-03-01.
import-invoices-bad-due = Isulat ang due date bilang YYYY-MM-DD, halimbawa 2025-03-15.
import-invoices-bad-due-before = Nauuna ang due date sa petsa ng invoice.
import-invoices-bad-amount = Ang halaga ay hindi numerong zero o higit pa, halimbawa 1500.00.
import-invoices-bad-paid-at = Dapat walang laman ang paid_at (hindi pa bayad) o petsang nakasulat bilang YYYY-MM-DD.
import-invoices-bad-duplicate = Lumabas na ang invoice number na ito sa naunang bahagi ng file.
import-invoices-bad-other-customer = Ang invoice number na ito ay sa invoice ng ibang customer.
portal-from-order = Gumawa ng invoice mula sa isang order
portal-order-date = Petsa ng order
portal-from-order-make = Bagong invoice
portal-from-order-submit = Gumawa ng invoice
portal-error-order-invoiced = May invoice na ang order na ito.
portal-settings-link = Client portal at paalala sa mga invoice
portal-settings-title = Client portal
portal-settings-address = Ang address ng portal
portal-settings-address-intro = Dito nagsa-sign in ang mga customer gamit ang link na ipinapadala sa kanilang e-mail address:
portal-reminders-title = Mga paalala para sa lampas-takdang invoice
portal-reminders-intro = Kapag naka-on ito, ang customer na hindi pa bayad ang invoice sa araw pagkatapos ng takdang petsa ay makakatanggap ng isang e-mail sa sarili niyang wika, na may link sa portal. Isang beses lang pinapaalalahanan ang bawat invoice. Kapag in-on mo ito, papaalalahanan din ang mga invoice na lampas na sa takdang petsa.
portal-reminders-current-on = Naka-on ang mga paalala.
portal-reminders-current-off = Naka-off ang mga paalala.
portal-reminders-label = Magpadala ng paalala para sa lampas-takdang invoice
portal-reminders-save = I-save
portal-reminders-on = Naka-on ang mga paalala para sa lampas-takdang invoice.
portal-reminders-off = Naka-off ang mga paalala para sa lampas-takdang invoice.
portal-reminder-subject = Lampas na sa takdang petsa ang invoice { $number } mula sa { $business }
portal-reminder-greeting = Kumusta { $name },
portal-reminder-body = hindi pa nababayaran ang invoice { $number } na { $amount }, na dapat bayaran noong { $due }. Makikita mo ito at kung bayad na ito sa client portal ng { $business }:
portal-reminder-note = Kung nakabayad ka na, salamat — huwag nang pansinin ang e-mail na ito.
case-report-portal = Bago at pagkatapos ng client portal
case-report-portal-intro = Para sa mga customer na nag-sign in na sa client portal: ang kanilang mga kaso bawat customer-buwan sa 12 buwan bago ang una nilang pag-sign in (o mula nang maging customer sila) at mula noon. Kung mas kaunti ang kaso pagkatapos — halimbawa sa kategorya ng bayad — malamang sinasagot ng portal ang mga tanong gaya ng "bayad na ba ang invoice ko?". Ang parehong mga customer ang ikinukumpara sa sarili nila; hindi nito napapatunayan na ang portal ang dahilan.
case-report-portal-none = Wala pang customer na nag-sign in sa client portal.
case-report-portal-customers = { $n ->
    [one] Isang customer ang gumamit ng portal.
   *[other] { $n } customer ang gumamit ng portal.
}
case-report-portal-small = Maliit na sample (mas kaunti sa 20 customer): basahin nang maingat ang pagbabago.
case-report-portal-all = Lahat ng kaso
case-report-portal-cases-before = Mga kaso bago
case-report-portal-rate-before = Bawat customer-buwan bago
case-report-portal-cases-after = Mga kaso pagkatapos
case-report-portal-rate-after = Bawat customer-buwan pagkatapos
case-report-portal-change = Pagbabago

# Pag-sign up sa newsletter na may dobleng kumpirmasyon (issue 15).
join-title = Mga balita mula sa { $name }
join-intro = Iwan ang iyong pangalan at e-mail address, at padadalhan ka ng { $name } ng mga balita at alok na para lamang sa mga customer nito. Magpapadala muna kami ng e-mail: walang mangyayari hangga't hindi mo kinukumpirma.
join-name = Ang iyong pangalan
join-consent = Oo, maaari akong padalhan ng { $name } ng mga balita at alok sa e-mail. Maaari ko itong bawiin anumang oras.
join-submit = Mag-sign up
join-error-name = Isulat ang iyong pangalan (hanggang 200 titik).
join-error-consent = Lagyan ng tsek ang kahon para sabihing maaari ka naming sulatan.
join-sent = Halos tapos na: nagpadala kami sa iyo ng e-mail. Buksan ang link dito para kumpirmahin ang iyong pag-sign up. Kung hindi mo ito makita, tingnan ang iyong spam folder.
join-confirm-intro = Kumpirmahin na maaari kang padalhan ng { $name } ng mga balita at alok sa e-mail.
join-confirm = Kumpirmahin ang aking pag-sign up
join-invalid = Hindi gumagana ang link na ito: nagamit na ito, napalitan ng mas bago, o mahigit 7 araw na ang nakalipas.
join-again = Mag-sign up muli
join-done = Salamat, naka-sign up ka na: padadalhan ka ng { $name } ng mga balita at alok sa e-mail. Maaari mong bawiin ang iyong pahintulot anumang oras.
join-mail-subject = Kumpirmahin ang iyong pag-sign up sa { $business }
join-mail-intro = Buksan ang link na ito para kumpirmahin na maaari kang padalhan ng { $business } ng mga balita at alok sa e-mail:
join-mail-note = Gumagana ang link sa loob ng 7 araw. Kung hindi ka nag-sign up, huwag pansinin ang e-mail na ito: walang mangyayari.
join-settings-title = Form ng pag-sign up sa newsletter
join-settings-intro = I-link ang form na ito mula sa inyong website o resibo: ang nag-sign up ay makakatanggap muna ng e-mail, at kapag nakumpirma lamang nila sila magiging customer na may pahintulot sa marketing (naitala kasama ang oras at pinagmulan). Binubura ang hindi nakumpirmang pag-sign up pagkalipas ng 7 araw.
join-settings-pending = { $n ->
    [one] { $n } pag-sign up ang naghihintay ng kumpirmasyon.
   *[other] { $n } pag-sign up ang naghihintay ng kumpirmasyon.
}
