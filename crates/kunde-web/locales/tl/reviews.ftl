# Mga review mula sa mga review site (/reviews).
reviews-title = Mga review
reviews-preset = Export mula sa
reviews-preset-google = Google Business Profile
reviews-preset-trustpilot = Trustpilot
reviews-preset-generic = Ibang site (source, author, rating, text, date, url)
reviews-file = CSV file
reviews-import = I-import ang mga review
reviews-import-help = Bawat review ay nagiging event sa review-site na touchpoint ng journey. Nilalaktawan ang mga review na na-import na.
reviews-empty = Wala pang review. Mag-import ng export mula sa Google o Trustpilot, o ng CSV na may mga column na source, author, rating, text, date, url.
reviews-trend = Karaniwang rating bawat source at buwan
reviews-source = Source
reviews-average = Karaniwang rating
reviews-count = Mga review
reviews-themes = Tungkol saan ang mga review
reviews-unanswered = { $n ->
    [one] Isang review ang hindi pa nasasagot
   *[other] { $n } review ang hindi pa nasasagot
}
reviews-open = Buksan sa site
reviews-replied = Sinagot noong { $name }:
reviews-not-answered = Hindi pa nasasagot.
reviews-reply = Ang inyong sagot, gaya ng nakapost sa site
reviews-reply-save = Itala ang sagot
reviews-reply-saved = Naitala ang sagot.
reviews-imported = { $imported } review ang na-import; { $duplicates } na na-import na ang nilaktawan; { $matched } ang naitugma sa kilalang customer.
reviews-refused = Walang na-import: ayusin ang mga row na ito at i-import muli ang file.
reviews-row-problem = Linya { $line }: { $problem }
reviews-error-column = walang column na “{ $value }” ang file
reviews-error-source = walang laman ang source
reviews-error-rating = ang “{ $value }” ay hindi rating mula 1 hanggang 5
reviews-error-date = ang “{ $value }” ay hindi petsa
reviews-error-no-file = Pumili ng export at ng file.
reviews-error-no-site = Walang journey na may touchpoint na may channel na “Review site”. Magdagdag muna ng isa sa inyong mapa: doon itinatala ang mga review.
reviews-reason-low = Review na may 1–2 bituin
reviews-followup-open = Buksan ang review
reviews-match-suggested = Itinugma ayon sa pangalan o e-mail: ito ba ang customer?
reviews-match-confirm = Oo, kumpirmahin
reviews-match-reject = Hindi ang customer na ito
reviews-match-is-confirmed = Kinumpirma ng may-ari ang customer.
reviews-match-is-rejected = Tinanggihan ng may-ari ang iminungkahing customer.
reviews-match-confirmed = Nakumpirma ang customer.
reviews-match-rejected = Tinanggihan ang pagtutugma; walang customer ang review.
map-reviews-summary = { $average } ★ karaniwan ng { $count } review
