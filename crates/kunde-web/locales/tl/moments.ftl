# Mga sandali ng katotohanan (/moments).
moments-title = Mga sandali ng katotohanan
moments-intro = Bawat touchpoint na nakaranggo ayon sa epekto nito sa mga customer: ang isang masamang karanasan ay kasimbigat ng { $n } na mabuti. Ang masama at mabuting karanasan ay mula sa mga sagot sa survey, mga nabigong interaksyon, mga reklamo at mga review.
moments-lost-after = Itinuturing na nawala ang isang customer matapos ang { $n } araw na walang order.
moments-empty = Wala pang naitalang karanasan: lalabas dito ang mga sagot sa survey, nabigong interaksyon at reklamo sa isang touchpoint.
moments-touchpoint = Touchpoint
moments-impact = Epekto
moments-bad = Masama
moments-neutral = Katamtaman
moments-good = Mabuti
moments-lost-after-bad = Nawala matapos ang masama
moments-lost-overall = Nawala sa lahat ng customer
moments-how = Epekto = (mabuti − timbang × masama) ÷ lahat ng karanasan: 1 kapag mabuti ang lahat ng karanasan. Nauuna ang pinakamasama.
moments-weight = Ang isang masamang karanasan ay kasimbigat ng ganitong dami ng mabuti
moments-weight-save = I-save ang timbang
moments-weight-saved = Na-save ang timbang.
moments-weight-invalid = Maglagay ng buong numero mula 1 hanggang 100.
