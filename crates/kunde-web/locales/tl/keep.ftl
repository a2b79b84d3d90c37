# Mga listahan ng hinihiling at mga sulat ng pasasalamat (issue 15).
nav-demand = Hinihiling
demand-title = Mga hinihiling
demand-intro = Ang bibilhin ng mga customer sa inyo, kung iaalok lang ninyo ito: ang mga sagot nila sa tanong na "Ano ang bibilhin mo sa amin, kung iaalok lang namin ito?", pinagsama sa mga item, bawat isa kasama ang mga customer na naghihintay rito. Tingnan din ang
demand-items = Mga item
demand-no-items = Wala pang item. Pagsamahin ang mga sagot sa ibaba sa mga item.
demand-item = Item
demand-answers = Mga sagot
demand-waiting = Naghihintay
demand-notified = Nasabihan
demand-bought-since = Bumili mula noon
demand-status = Katayuan
demand-available-since = Mayroon na mula
demand-status-waiting = Hindi pa iniaalok
demand-proposals = Mga mungkahing grupo
demand-proposals-intro = Mga sagot na may parehong salita. Gawing item ang isang grupo sa isang click, saka palitan ang pangalan o pagsamahin.
demand-n-answers = { $n ->
    [one] { $n } sagot
   *[other] { $n } sagot
}
demand-create-from-theme = Gumawa ng item
demand-open-answers = Mga sagot na wala sa item
demand-no-open-answers = Nasa item na ang bawat sagot (o wala pang sumasagot sa tanong).
demand-pick-answers = Lagyan ng tsek ang mga sagot na humihiling ng iisang bagay
demand-new-name = Pangalan ng bagong item
demand-or-into = … o idagdag sa
demand-new-item = isang bagong item
demand-group = Pagsamahin ang mga sagot
demand-notify-link = Form na "Sabihan ako"
demand-available-explain = { $n ->
    [one] Kapag iniaalok na ninyo, markahan itong mayroon na: ang { $n } naghihintay na customer ay makakatanggap ng isang e-mail sa sarili niyang wika.
   *[other] Kapag iniaalok na ninyo, markahan itong mayroon na: bawat isa sa { $n } naghihintay na customer ay makakatanggap ng isang e-mail sa sarili nilang wika.
}
demand-mark-available = Markahang mayroon na at magsabi
demand-waiting-list = Listahan ng naghihintay
demand-nobody-waiting = Wala pang naghihintay. Ibahagi ang form na "Sabihan ako", o magdagdag ng customer dito.
demand-source = Idinagdag sa pamamagitan ng
demand-added-at = Idinagdag
demand-no-email = walang e-mail address
demand-source-notify-form = Form na "Sabihan ako"
demand-source-staff = Staff
demand-add-by-email = Magdagdag ng customer ayon sa e-mail address
demand-add = Idagdag sa listahan ng naghihintay
demand-add-respondents = { $n ->
    [one] Idagdag ang { $n } customer na humiling nito
   *[other] Idagdag ang { $n } customer na humiling nito
}
demand-no-answers = Walang sagot sa item na ito.
demand-edit = Pangalan at pagsasama
demand-name = Pangalan
demand-merge-into = Isama ang item na ito sa
demand-merge = Pagsamahin
demand-created = Nagawa ang item.
demand-assigned = Naidagdag ang mga sagot sa item.
demand-renamed = Napalitan ang pangalan ng item.
demand-merged = Napagsama ang mga item.
demand-added = Nasa listahan ng naghihintay na ang customer.
demand-already-waiting = Nasa listahan ng naghihintay na ang customer noon pa.
demand-respondents-added = Nasa listahan ng naghihintay na ang mga customer na humiling nito.
demand-marked-available = Mayroon na ang item; papunta na ang mga e-mail sa mga naghihintay na customer.
demand-error-name = Mag-type ng pangalan (hanggang 200 character).
demand-error-no-answers = Lagyan ng tsek ang kahit isang sagot.
demand-error-available = Mayroon na ang item: wala nang naghihintay rito.
demand-error-unknown-customer = Walang customer na may ganitong e-mail address.
demand-mail-subject = Mayroon na ng { $item } sa { $business }
demand-mail-body = Hiniling mo sa { $business } na sabihan ka kapag mayroon na ng { $item }. Mayroon na ngayon.
demand-mail-note = Isang beses lang namin ipinapadala ang e-mail na ito, dahil hiniling mo; hindi ka na namin sasabihan tungkol dito.
notify-title = { $item } mula sa { $business }
notify-intro = Hindi pa iniaalok ng { $business } ang { $item }. Iwan ang iyong e-mail address at sasabihan ka namin nang isang beses, kapag mayroon na.
notify-consent = Oo, maaaring magpadala sa akin ang { $business } ng isang e-mail kapag mayroon na ng { $item }.
notify-submit = Sabihan ako
notify-sent = Salamat. Magpapadala kami sa iyo ng isang e-mail kapag mayroon na ng { $item }.
notify-available = Magandang balita: mayroon na ng { $item } sa { $business } ngayon.
notify-error-consent = Lagyan ng tsek ang kahon para sabihing maaari ka naming i-e-mail.
thanks-title = Mga sulat ng pasasalamat
thanks-intro = Ang mga customer ngayong linggo na karapat-dapat sa sulat-kamay na pasasalamat: ang pinakamahalaga, ang mga champion, at ang mga may kasong maayos na nalutas kamakailan. Hindi kasama ang mga nakatanggap ng sulat sa huling 180 araw.
thanks-print = I-print ang listahan
thanks-print-title = Mga sulat ng pasasalamat: mga pangalan at address
thanks-print-hint = I-print ang pahinang ito (Ctrl+P) para isulat ang mga sobre.
thanks-nobody = Walang pasasalamatan ngayong linggo: lumalabas dito ang mga customer kapag may order sila o may nalutas na kaso.
thanks-no-address = Hindi alam ang address
thanks-mark-written = Naisulat na
thanks-written-lately = Naisulat sa huling 7 araw
thanks-none-written = Walang naisulat sa huling 7 araw.
thanks-reason-resolved_well = Maayos na nalutas ang kaso nila kamakailan
thanks-reason-champion = Isang champion: madalas at kamakailan bumili
thanks-reason-most_valuable = Isa sa pinakamahahalaga ninyong customer
thanks-touchpoint = Sulat ng pasasalamat
thanks-recorded = Naitala ang sulat sa timeline ng customer.
thanks-address-saved = Na-save ang address.
thanks-panel-title = Postal address at mga sulat ng pasasalamat
thanks-written-on = Naisulat ang sulat ng pasasalamat
thanks-address = Postal address
thanks-address-save = I-save ang address
