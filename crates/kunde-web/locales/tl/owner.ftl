# Mga pag-aayos para sa may-ari (issue 17).
survey-wait = Maraming sagot ang dumarating nang sabay-sabay. Nakatago ang iyong mga sagot sa ibaba: pindutin muli ang Ipadala pagkalipas ng { $n } segundo.
password-change-title = Palitan ang iyong password
password-current = Kasalukuyang password
password-current-wrong = Hindi iyan ang iyong kasalukuyang password.
password-change-submit = Palitan ang password
password-changed = Napalitan na ang iyong password. Naka-sign out ka na sa lahat ng iba pang lugar.
password-forgot-link = Nakalimutan ang password?
password-forgot-title = Nakalimutan ang password
password-forgot-intro = I-type ang e-mail na ginagamit mo sa pag-sign in. Kung may account ito, padadalhan ka namin ng link para pumili ng bagong password. Gumagana ang link nang isang beses sa loob ng isang oras.
password-forgot-submit = Padalhan ako ng link
password-forgot-sent = Kung may account ang address na iyon, papunta na ang link para sa bagong password. Tingnan ang iyong e-mail.
password-forgot-wait = Masyadong maraming kahilingan ngayon. Maghintay ng isang minuto at subukan muli.
password-reset-subject = Pumili ng bagong password para sa Kunde
password-reset-body = Kumusta { $name },

    May humiling ng bagong password para sa iyong Kunde account. Pumili rito (isang beses lang gumagana ang link):

    { $link }

    Kung hindi ikaw iyon, huwag pansinin ang e-mail na ito: hindi nagbago ang iyong password.
users-reset = Link para sa bagong password
users-remove = Alisin
users-remove-confirm = Oo, alisin si { $name }
user-removed = Naalis na ang tao at hindi na makaka-sign in.
settings-cases-link = Mga target sa serbisyo, kategorya at pag-apruba
nav-followups = Mga follow-up
users-role-change = Palitan ang tungkulin
user-role-changed = Napalitan na ang tungkulin.
users-last-owner = Kailangan ng negosyo ng may-ari: gawing may-ari muna ang iba.
invite-throttled = Masyadong maraming imbitasyon sa nakaraang oras. Subukang muli pagkalipas ng { $minutes } minuto.
users-invite-sent = Naipadala ang imbitasyon kay { $name }. Isang beses gumagana ang link sa e-mail, sa loob ng pitong araw.
invitations-title = Mga naghihintay na imbitasyon
invitations-expires = Mag-e-expire sa { $name }
invitations-expired = Expired na
invitations-withdraw = Bawiin
invitations-withdraw-named = Bawiin ang imbitasyon kay { $name }
invitation-withdrawn = Binawi ang imbitasyon: hindi na gumagana ang link nito.
staff-invite-subject = Iniimbitahan ka ng { $business } sa Kunde
staff-invite-body = Kumusta { $name },

    Iniimbitahan ka ni { $inviter } na sumali sa { $business } sa Kunde. Pumili ng password dito (isang beses gumagana ang link, sa loob ng pitong araw):

    { $link }

    Kung hindi mo inaasahan ang e-mail na ito, huwag na itong pansinin.
invite-taken-title = May Kunde account na ang address na ito
invite-taken = May Kunde account na ang { $email }, kaya walang bagong gagawin. Mag-sign in gamit iyon. Sa isang negosyo lang maaaring kabilang ang isang address: para sumali rin sa { $business }, hilingin sa nag-imbita sa iyo na imbitahan ang iba mong address.
invite-signin = Mag-sign in
users-invite-no-mail = Wala pang naka-set up na mail server: naghihintay ang mga imbitasyon hanggang magkaroon nito, at saka lamang makakarating sa iyong mga kasamahan. (O gumawa ng account sa server gamit ang `kunde user`.)
