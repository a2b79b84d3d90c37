# Mga pag-aayos para sa may-ari (issue 17).
survey-wait = Maraming sagot ang dumarating nang sabay-sabay. Nakatago ang iyong mga sagot sa ibaba: pindutin muli ang Ipadala pagkalipas ng { $n } segundo.
