# Rättelser för ägare (issue 17).
survey-wait = Många svar kommer på en gång. Dina svar finns kvar här nedanför: tryck Skicka igen om { $n } sekunder.
