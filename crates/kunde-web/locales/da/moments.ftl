# Sandhedens øjeblikke (/moments).
moments-title = Sandhedens øjeblikke
moments-intro = Alle kontaktpunkter rangeret efter deres virkning på kunderne: én dårlig oplevelse vejer lige så meget som { $n } gode. Dårlige og gode oplevelser kommer fra svar på undersøgelser, mislykkede henvendelser, klager og anmeldelser.
moments-lost-after = En kunde regnes som tabt efter { $n } dage uden en ordre.
moments-empty = Ingen oplevelser registreret endnu: svar på undersøgelser, mislykkede henvendelser og klager ved et kontaktpunkt vises her.
moments-touchpoint = Kontaktpunkt
moments-impact = Virkning
moments-bad = Dårlige
moments-neutral = Neutrale
moments-good = Gode
moments-lost-after-bad = Tabt efter en dårlig
moments-lost-overall = Tabt af alle kunder
moments-how = Virkning = (gode − vægt × dårlige) ÷ alle oplevelser: 1, når alle oplevelser var gode. De værste står først.
moments-weight = Én dårlig oplevelse vejer så mange gode
moments-weight-save = Gem vægt
moments-weight-saved = Vægten er gemt.
moments-weight-invalid = Skriv et helt tal fra 1 til 100.
