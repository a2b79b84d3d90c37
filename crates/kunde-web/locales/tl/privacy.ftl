## Mga kahilingan sa personal na datos, ang audit trail at ang tuntunin sa pagbura (issue 18)
privacy-customer-title = Personal na datos
privacy-customer-intro = Ipadala sa customer ang lahat ng hawak ninyo tungkol sa kanila, o burahin ang kanilang personal na datos.
privacy-export = I-export ang datos (ZIP)
privacy-erase = Burahin ang customer
privacy-erase-title = Burahin ang customer na ito?
privacy-erase-already = Nabura na ang customer na ito. Ang muling pagbura ay mag-aalis ng anumang naidagdag mula noon.
privacy-erase-cannot-undo = Hindi na ito maibabalik. Aalisin ang pangalan, e-mail, telepono at lahat ng isinulat nila; mananatili ang mga bilang, nakakabit sa isang anonimong customer.
privacy-erase-removed = Aalisin
privacy-erase-kept = Itatago nang walang personal na datos
privacy-erase-profile = Pangalan, e-mail address, numero ng telepono at address
privacy-erase-confirm = Burahin nang tuluyan
privacy-count-text-answers = { $n ->
    [one] isang nakasulat na sagot sa survey
   *[other] { $n } nakasulat na sagot sa survey
}
privacy-count-case-entries = { $n ->
    [one] ang teksto ng isang tala o mensahe sa kaso
   *[other] ang mga teksto ng { $n } tala at mensahe sa mga kaso
}
privacy-count-attachments = { $n ->
    [one] isang nakalakip na file
   *[other] { $n } nakalakip na file
}
privacy-count-emails = { $n ->
    [one] isang e-mail sa outbox
   *[other] { $n } e-mail sa outbox
}
privacy-count-visitor-links = { $n ->
    [one] isang ugnay sa bisita ng website
   *[other] { $n } ugnay sa mga bisita ng website
}
privacy-count-events = { $n ->
    [one] isang event
   *[other] { $n } event
}
privacy-count-orders = { $n ->
    [one] isang order
   *[other] { $n } order
}
privacy-count-responses = { $n ->
    [one] isang tugon sa survey (mga marka at pinili)
   *[other] { $n } tugon sa survey (mga marka at pinili)
}
privacy-count-cases = { $n ->
    [one] isang kaso (mga oras, status at kategorya)
   *[other] { $n } kaso (mga oras, status at kategorya)
}
privacy-count-segments = { $n ->
    [one] pagiging kasapi sa isang naka-save na segment
   *[other] pagiging kasapi sa { $n } naka-save na segment
}
privacy-settings-link = Personal na datos at pagbura
privacy-settings-title = Personal na datos at pagbura
audit-link = Audit trail
audit-title = Audit trail
audit-intro = Sino ang gumawa ng ano sa workspace na ito. Hindi mababago o mabubura ang mga entry. Ang mga oras ay nasa UTC.
audit-csv = I-download ang CSV
audit-action = Aksyon
audit-person = Tao
audit-any = Kahit ano
audit-from = Mula
audit-to = Hanggang
audit-apply = Salain
audit-count = { $n ->
    [one] isang entry
   *[other] { $n } entry
}
audit-none = Walang tumutugmang entry.
audit-time = Oras
audit-target = Ano
audit-detail = Detalye
audit-address = Address
audit-pages = Mga pahina
audit-previous = Nakaraan
audit-next = Susunod
audit-action-user-signin = Nag-sign in
audit-action-user-signin-failed = Nabigong pag-sign in
audit-action-user-invite = Nag-imbita ng tao
audit-action-user-invite-withdraw = Binawi ang isang imbitasyon
audit-action-user-role-change = Nagpalit ng tungkulin
audit-action-settings-change = Nagpalit ng mga setting
audit-action-api-key-create = Gumawa ng API key
audit-action-api-key-revoke = Binawi ang isang API key
audit-action-import = Nag-import ng datos
audit-action-customer-export = Nag-export ng datos ng customer
audit-action-customer-erase = Binura ang isang customer
audit-action-customer-erase-reapplied = Inulit ang pagbura matapos ang restore
audit-action-retention-change = Pinalitan ang tuntunin sa pagbura
audit-action-delete = Nagbura
audit-action-approval = Nag-apruba
retention-title = Awtomatikong burahin ang mga hindi aktibong customer
retention-intro = Kapag naka-on ang tuntunin, ang mga customer na walang aktibidad (order, event, sagot, kaso) sa napiling bilang ng taon ay binubura isang beses sa isang araw, sa parehong paraan ng pagbura nang mano-mano.
retention-current-off = Naka-off ang tuntunin: walang customer na awtomatikong binubura.
retention-current-on = { $n ->
    [one] Naka-on ang tuntunin: binubura ang mga customer na hindi aktibo nang isang taon.
   *[other] Naka-on ang tuntunin: binubura ang mga customer na hindi aktibo nang { $n } taon.
}
retention-years = Hindi aktibo nang (taon)
retention-bad-years = Maglagay ng buong bilang ng taon mula 1 hanggang 50.
retention-preview = Ipakita kung sino ang mabubura
retention-would-erase = { $n ->
    [0] Walang customer na mabubura ngayon.
    [one] Isang customer ang mabubura ngayon:
   *[other] { $n } customer ang mabubura ngayon:
}
retention-customer = Customer
retention-last-activity = Huling aktibidad
retention-turn-on = { $n ->
    [one] I-on: burahin ang mga customer na hindi aktibo nang isang taon
   *[other] I-on: burahin ang mga customer na hindi aktibo nang { $n } taon
}
retention-turn-off = I-off ang tuntunin
retention-saved = Na-save ang tuntunin sa pagbura.
retention-turned-off = Naka-off na ang tuntunin sa pagbura.
signin-throttled = Masyadong maraming nabigong pag-sign in. Maghintay ng ilang minuto at subukang muli.
error-control-characters = May mga control character ang { $field }; alisin ang mga ito at subukang muli.
import-wrong-encoding = Ang file na ito ay nasa encoding na { $encoding }; i-save ito bilang UTF-8 at i-upload muli.
audit-action-review-match = Kinumpirma o tinanggihan ang customer ng isang review
privacy-count-documents = { $n ->
    [one] isang dokumento sa client portal
   *[other] { $n } dokumento sa client portal
}
privacy-count-portal-sign-ins = { $n ->
    [one] isang sign-in link o session sa portal (at ang tala ng unang pag-sign in)
   *[other] { $n } sign-in link at session sa portal (at ang tala ng unang pag-sign in)
}
privacy-count-invoices = { $n ->
    [one] isang invoice
   *[other] { $n } invoice
}
audit-action-user-remove = Nag-alis ng isang kawani
audit-action-user-password-reset = Gumawa ng link para sa bagong password
