# Sanningens ögonblick (/moments).
moments-title = Sanningens ögonblick
moments-intro = Alla kontaktpunkter rangordnade efter deras effekt på kunderna: en dålig upplevelse väger lika mycket som { $n } bra. Dåliga och bra upplevelser kommer från enkätsvar, misslyckade kontakter, klagomål och recensioner.
moments-lost-after = En kund räknas som förlorad efter { $n } dagar utan order.
moments-empty = Inga upplevelser registrerade än: enkätsvar, misslyckade kontakter och klagomål vid en kontaktpunkt visas här.
moments-touchpoint = Kontaktpunkt
moments-impact = Effekt
moments-bad = Dåliga
moments-neutral = Neutrala
moments-good = Bra
moments-lost-after-bad = Förlorade efter en dålig
moments-lost-overall = Förlorade av alla kunder
moments-how = Effekt = (bra − vikt × dåliga) ÷ alla upplevelser: 1 när alla upplevelser var bra. De sämsta kommer först.
moments-weight = En dålig upplevelse väger så här många bra
moments-weight-save = Spara vikt
moments-weight-saved = Vikten har sparats.
moments-weight-invalid = Ange ett heltal från 1 till 100.
