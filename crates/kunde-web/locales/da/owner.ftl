# Rettelser til ejere (issue 17).
survey-wait = Der kommer mange svar på én gang. Dine svar er gemt herunder: tryk Send igen om { $n } sekunder.
