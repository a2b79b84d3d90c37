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
error-invite-unavailable = Hindi maiimbitahan ang address na ito. Humingi sa tao ng ibang e-mail address.
invite-throttled = Masyadong maraming tinanggihang imbitasyon. Subukang muli pagkalipas ng { $minutes } minuto.
