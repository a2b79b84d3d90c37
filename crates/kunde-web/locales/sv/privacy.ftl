## Begäranden om personuppgifter, granskningsloggen och gallringsregeln (issue 18)
privacy-customer-title = Personuppgifter
privacy-customer-intro = Skicka kunden allt ni har om hen, eller radera kundens personuppgifter.
privacy-export = Exportera data (ZIP)
privacy-erase = Radera kund
privacy-erase-title = Radera den här kunden?
privacy-erase-already = Kunden är redan raderad. En ny radering tar bort det som tillkommit sedan dess.
privacy-erase-cannot-undo = Det går inte att ångra. Namn, e-post, telefon och allt kunden har skrivit tas bort; siffrorna finns kvar, knutna till en anonym kund.
privacy-erase-removed = Tas bort
privacy-erase-kept = Behålls utan personuppgifter
privacy-erase-profile = Namn, e-postadress, telefonnummer och adress
privacy-erase-confirm = Radera för alltid
privacy-count-text-answers = { $n ->
    [one] ett skrivet enkätsvar
   *[other] { $n } skrivna enkätsvar
}
privacy-count-case-entries = { $n ->
    [one] texten i en anteckning eller ett meddelande i ett ärende
   *[other] texterna i { $n } anteckningar och meddelanden i ärenden
}
privacy-count-attachments = { $n ->
    [one] en bifogad fil
   *[other] { $n } bifogade filer
}
privacy-count-emails = { $n ->
    [one] ett e-postmeddelande i utkorgen
   *[other] { $n } e-postmeddelanden i utkorgen
}
privacy-count-visitor-links = { $n ->
    [one] en koppling till en besökare på webbplatsen
   *[other] { $n } kopplingar till besökare på webbplatsen
}
privacy-count-events = { $n ->
    [one] en händelse
   *[other] { $n } händelser
}
privacy-count-orders = { $n ->
    [one] en order
   *[other] { $n } ordrar
}
privacy-count-responses = { $n ->
    [one] ett enkätsvar (poäng och val)
   *[other] { $n } enkätsvar (poäng och val)
}
privacy-count-cases = { $n ->
    [one] ett ärende (tider, status och kategori)
   *[other] { $n } ärenden (tider, status och kategori)
}
privacy-count-segments = { $n ->
    [one] medlemskap i ett sparat segment
   *[other] medlemskap i { $n } sparade segment
}
privacy-settings-link = Personuppgifter och gallring
privacy-settings-title = Personuppgifter och gallring
audit-link = Granskningslogg
audit-title = Granskningslogg
audit-intro = Vem som gjorde vad i den här arbetsytan. Poster kan inte ändras eller raderas. Tiderna är i UTC.
audit-csv = Ladda ner CSV
audit-action = Åtgärd
audit-person = Person
audit-any = Alla
audit-from = Från
audit-to = Till
audit-apply = Filtrera
audit-count = { $n ->
    [one] en post
   *[other] { $n } poster
}
audit-none = Inga poster matchar.
audit-time = Tid
audit-target = Vad
audit-detail = Detaljer
audit-address = Adress
audit-pages = Sidor
audit-previous = Föregående
audit-next = Nästa
audit-action-user-signin = Loggade in
audit-action-user-signin-failed = Misslyckad inloggning
audit-action-user-invite = Bjöd in en person
audit-action-user-invite-withdraw = Drog tillbaka en inbjudan
audit-action-user-role-change = Ändrade en roll
audit-action-settings-change = Ändrade inställningar
audit-action-api-key-create = Skapade en API-nyckel
audit-action-api-key-revoke = Återkallade en API-nyckel
audit-action-import = Importerade data
audit-action-customer-export = Exporterade en kunds data
audit-action-customer-erase = Raderade en kund
audit-action-customer-erase-reapplied = Radering upprepad efter en återställning
audit-action-retention-change = Ändrade gallringsregeln
audit-action-delete = Raderade
audit-action-approval = Godkände
retention-title = Radera inaktiva kunder automatiskt
retention-intro = När en regel är på raderas kunder utan aktivitet (ordrar, händelser, svar, ärenden) under det valda antalet år en gång om dagen, på samma sätt som vid radering för hand.
retention-current-off = Regeln är av: ingen kund raderas automatiskt.
retention-current-on = { $n ->
    [one] Regeln är på: kunder som varit inaktiva i ett år raderas.
   *[other] Regeln är på: kunder som varit inaktiva i { $n } år raderas.
}
retention-years = Inaktiv i (år)
retention-bad-years = Ange ett helt antal år från 1 till 50.
retention-preview = Visa vilka som skulle raderas
retention-would-erase = { $n ->
    [0] Ingen kund skulle raderas nu.
    [one] En kund skulle raderas nu:
   *[other] { $n } kunder skulle raderas nu:
}
retention-customer = Kund
retention-last-activity = Senaste aktivitet
retention-turn-on = { $n ->
    [one] Slå på: radera kunder som varit inaktiva i ett år
   *[other] Slå på: radera kunder som varit inaktiva i { $n } år
}
retention-turn-off = Slå av regeln
retention-saved = Gallringsregeln är sparad.
retention-turned-off = Gallringsregeln är avslagen.
signin-throttled = För många misslyckade inloggningar. Vänta några minuter och försök igen.
error-control-characters = { $field } innehåller kontrolltecken; ta bort dem och försök igen.
import-wrong-encoding = Filen har teckenkodningen { $encoding }; spara den som UTF-8 och ladda upp den igen.
audit-action-review-match = Bekräftade eller avvisade en recensions kund
privacy-count-documents = { $n ->
    [one] ett dokument i kundportalen
   *[other] { $n } dokument i kundportalen
}
privacy-count-portal-sign-ins = { $n ->
    [one] en inloggningslänk eller session i portalen (och uppgiften om första inloggningen)
   *[other] { $n } inloggningslänkar och sessioner i portalen (och uppgiften om första inloggningen)
}
privacy-count-invoices = { $n ->
    [one] en faktura
   *[other] { $n } fakturor
}
audit-action-user-remove = Tog bort en medarbetare
audit-action-user-password-reset = Skapade en länk för nytt lösenord
