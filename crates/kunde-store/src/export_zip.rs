//! The archive a customer receives when they ask for their data (GDPR articles 15 and 20):
//! a pure function from a [`CustomerExport`] to the bytes of a ZIP file. No I/O besides
//! writing into memory.
//!
//! Contents: `customer.json` (everything), `events.csv`, `orders.csv`, `answers.csv`,
//! `cases.csv`, `invoices.csv` (the tabular parts, times in UTC), `files/` (case attachments
//! and client-portal documents as they were uploaded) and `README.txt` describing each file
//! in the customer's language.

use crate::trust::CustomerExport;
use kunde_domain::Language;
use std::io::Write;
use zip::write::SimpleFileOptions;

/// Why an archive could not be written (only on a bug or out of memory).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing the archive: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing customer.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing a csv file: {0}")]
    Csv(#[from] csv::Error),
}

/// Unix seconds as an ISO 8601 time in UTC; the number itself if out of range.
pub fn iso_time(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| seconds.to_string())
}

fn iso(seconds: Option<i64>) -> String {
    seconds.map(iso_time).unwrap_or_default()
}

/// Text for a spreadsheet: any part of the cell that a spreadsheet could read as a formula
/// — at the start, or after a `,` or `;` (Danish and Swedish Excel split on `;`) — gets a
/// leading `'`, so it is shown as text.
pub fn spreadsheet_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut at_start = true;
    for c in s.chars() {
        if at_start && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '|') {
            out.push('\'');
        }
        at_start = matches!(c, ',' | ';') || (at_start && c == ' ');
        out.push(c);
    }
    out
}

fn csv_file<const N: usize>(
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string())))
}

/// The README in `language` (English, Danish, Swedish or Tagalog).
pub fn readme(language: Language, export: &CustomerExport) -> String {
    let t = match language {
        Language::Da => &DA,
        Language::Sv => &SV,
        Language::Tl => &TL,
        _ => &EN,
    };
    let mut s = String::new();
    s.push_str(&t.title.replace("{business}", &export.business));
    s.push_str("\n\n");
    s.push_str(&t.intro.replace("{time}", &iso_time(export.exported_at)));
    s.push_str("\n\n");
    for (file, text) in [
        ("customer.json", t.json),
        ("events.csv", t.events),
        ("orders.csv", t.orders),
        ("answers.csv", t.answers),
        ("cases.csv", t.cases),
        ("invoices.csv", t.invoices),
        ("files/", t.files),
    ] {
        s.push_str(&format!("{file}\n    {text}\n\n"));
    }
    s.push_str(&t.amounts.replace("{currency}", &export.currency));
    s.push('\n');
    s
}

struct Readme {
    title: &'static str,
    intro: &'static str,
    json: &'static str,
    events: &'static str,
    orders: &'static str,
    answers: &'static str,
    cases: &'static str,
    invoices: &'static str,
    files: &'static str,
    amounts: &'static str,
}

const EN: Readme = Readme {
    title: "Your data held by {business}",
    intro: "This archive holds everything {business} keeps about you, as of {time} (UTC).",
    json: "Everything in one file: your profile, your consents, the events recorded about you, your orders, your survey answers and invitations, your cases with every entry (marked \"public\" when it was sent to you, \"internal\" when only staff saw it), the segments you are in, the e-mails to you, the web visitor ids linked to you, and from the client portal your invoices, documents and sign-ins (when, never the links themselves). Times are Unix seconds (UTC).",
    events: "The events recorded about you, one per line: when, where (touchpoint), channel, amount and details.",
    orders: "Your orders, one per line: reference, date, total, whether paid, and the products.",
    answers: "Your survey answers, one per line: survey, question, score, choice or text.",
    cases: "Your cases (questions and complaints), one per line: subject, category, status and dates. Their entries are in customer.json.",
    invoices: "Your invoices, one per line: number, issue date, due date, amount, when paid and when a reminder was sent.",
    files: "The files attached to your cases and the documents in your client portal, as they were uploaded; customer.json says which case or document each file is.",
    amounts: "Amounts are in minor units of {currency} (for example øre or cents: 12550 means 125.50).",
};

const DA: Readme = Readme {
    title: "Dine data hos {business}",
    intro: "Dette arkiv indeholder alt, hvad {business} har registreret om dig, pr. {time} (UTC).",
    json: "Alt i én fil: din profil, dine samtykker, de hændelser der er registreret om dig, dine ordrer, dine svar på spørgeskemaer og invitationer, dine sager med alle indlæg (markeret \"public\" når de blev sendt til dig, \"internal\" når kun personalet så dem), de segmenter du er med i, e-mails til dig, de webbesøgs-id'er der er knyttet til dig, og fra kundeportalen dine fakturaer, dokumenter og logins (hvornår, aldrig selve linkene). Tider er Unix-sekunder (UTC).",
    events: "De hændelser der er registreret om dig, én pr. linje: hvornår, hvor (kontaktpunkt), kanal, beløb og detaljer.",
    orders: "Dine ordrer, én pr. linje: reference, dato, beløb, om den er betalt, og varerne.",
    answers: "Dine svar på spørgeskemaer, ét pr. linje: spørgeskema, spørgsmål, score, valg eller tekst.",
    cases: "Dine sager (spørgsmål og klager), én pr. linje: emne, kategori, status og datoer. Indlæggene står i customer.json.",
    invoices: "Dine fakturaer, én pr. linje: nummer, udstedelsesdato, forfaldsdato, beløb, hvornår den blev betalt, og hvornår der blev sendt en påmindelse.",
    files: "Filerne vedhæftet dine sager og dokumenterne i din kundeportal, som de blev uploadet; customer.json viser hvilken sag eller hvilket dokument hver fil er.",
    amounts: "Beløb er i mindste enhed af {currency} (fx øre: 12550 betyder 125,50).",
};

const SV: Readme = Readme {
    title: "Dina uppgifter hos {business}",
    intro: "Det här arkivet innehåller allt som {business} har sparat om dig, per {time} (UTC).",
    json: "Allt i en fil: din profil, dina samtycken, händelser som registrerats om dig, dina beställningar, dina enkätsvar och inbjudningar, dina ärenden med alla inlägg (märkta \"public\" när de skickades till dig, \"internal\" när bara personalen såg dem), segment du ingår i, e-post till dig, de webbesöks-id som kopplats till dig och från kundportalen dina fakturor, dokument och inloggningar (när, aldrig själva länkarna). Tider är Unix-sekunder (UTC).",
    events: "Händelser som registrerats om dig, en per rad: när, var (kontaktpunkt), kanal, belopp och detaljer.",
    orders: "Dina beställningar, en per rad: referens, datum, belopp, om den är betald och produkterna.",
    answers: "Dina enkätsvar, ett per rad: enkät, fråga, poäng, val eller text.",
    cases: "Dina ärenden (frågor och klagomål), ett per rad: ämne, kategori, status och datum. Inläggen finns i customer.json.",
    invoices: "Dina fakturor, en per rad: nummer, fakturadatum, förfallodatum, belopp, när den betalades och när en påminnelse skickades.",
    files: "Filerna som bifogats dina ärenden och dokumenten i din kundportal, som de laddades upp; customer.json visar vilket ärende eller dokument varje fil är.",
    amounts: "Belopp anges i minsta enhet av {currency} (t.ex. öre: 12550 betyder 125,50).",
};

const TL: Readme = Readme {
    title: "Ang iyong datos na hawak ng {business}",
    intro: "Nasa archive na ito ang lahat ng itinatago ng {business} tungkol sa iyo, hanggang {time} (UTC).",
    json: "Lahat sa iisang file: ang iyong profile, mga pahintulot, mga pangyayaring naitala tungkol sa iyo, mga order, mga sagot at imbitasyon sa survey, mga kaso kasama ang bawat entry (may markang \"public\" kung ipinadala sa iyo, \"internal\" kung staff lamang ang nakakita), mga segment na kinabibilangan mo, mga e-mail sa iyo, mga web visitor id na naka-link sa iyo, at mula sa client portal ang iyong mga invoice, dokumento at pag-sign in (kung kailan, hindi kailanman ang mismong link). Ang oras ay Unix seconds (UTC).",
    events: "Mga pangyayaring naitala tungkol sa iyo, isa bawat linya: kailan, saan (touchpoint), channel, halaga at detalye.",
    orders: "Ang iyong mga order, isa bawat linya: reference, petsa, kabuuan, kung bayad na, at ang mga produkto.",
    answers: "Ang iyong mga sagot sa survey, isa bawat linya: survey, tanong, score, pinili o teksto.",
    cases: "Ang iyong mga kaso (tanong at reklamo), isa bawat linya: paksa, kategorya, status at petsa. Nasa customer.json ang mga entry.",
    invoices: "Ang iyong mga invoice, isa bawat linya: numero, petsa ng pag-isyu, takdang petsa, halaga, kailan binayaran at kailan ipinadala ang paalala.",
    files: "Ang mga file na nakalakip sa iyong mga kaso at ang mga dokumento sa iyong client portal, gaya ng pagka-upload; sinasabi ng customer.json kung aling kaso o dokumento ang bawat file.",
    amounts: "Ang mga halaga ay nasa pinakamaliit na yunit ng {currency} (hal. sentimo: 12550 ay 125.50).",
};

/// Writes the customer's archive: `customer.json`, the CSV files, `files/…` and a
/// `README.txt` in `language`.
pub fn customer_zip(export: &CustomerExport, language: Language) -> Result<Vec<u8>, ExportError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);

    zip.start_file("README.txt", options)?;
    zip.write_all(readme(language, export).as_bytes())?;

    zip.start_file("customer.json", options)?;
    zip.write_all(&serde_json::to_vec_pretty(export)?)?;

    let events = csv_file(
        [
            "id",
            "time_utc",
            "touchpoint",
            "channel",
            "amount",
            "details",
        ],
        export.events.iter().map(|e| {
            [
                e.id.to_string(),
                iso_time(e.occurred_at),
                spreadsheet_text(&e.touchpoint),
                spreadsheet_text(&e.channel),
                e.amount.map(|a| a.to_string()).unwrap_or_default(),
                spreadsheet_text(&e.properties),
            ]
        }),
    )?;
    zip.start_file("events.csv", options)?;
    zip.write_all(&events)?;

    let orders = csv_file(
        ["id", "reference", "time_utc", "total", "paid", "products"],
        export.orders.iter().map(|o| {
            let products = o
                .lines
                .iter()
                .map(|l| format!("{} x {} @ {}", l.quantity, l.product, l.unit_price))
                .collect::<Vec<_>>()
                .join(" | ");
            [
                o.id.to_string(),
                spreadsheet_text(o.reference.as_deref().unwrap_or("")),
                iso_time(o.ordered_at),
                o.total.to_string(),
                o.paid.to_string(),
                spreadsheet_text(&products),
            ]
        }),
    )?;
    zip.start_file("orders.csv", options)?;
    zip.write_all(&orders)?;

    let answers = csv_file(
        [
            "response",
            "time_utc",
            "survey",
            "question",
            "score",
            "expected",
            "experienced",
            "choice",
            "text",
        ],
        export.answers.iter().map(|a| {
            let num = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            [
                a.response_id.to_string(),
                iso_time(a.submitted_at),
                spreadsheet_text(&a.survey),
                spreadsheet_text(&a.question),
                num(a.score),
                num(a.expected),
                num(a.experienced),
                spreadsheet_text(a.option.as_deref().unwrap_or("")),
                spreadsheet_text(a.text.as_deref().unwrap_or("")),
            ]
        }),
    )?;
    zip.start_file("answers.csv", options)?;
    zip.write_all(&answers)?;

    let cases = csv_file(
        [
            "id",
            "opened_utc",
            "subject",
            "category",
            "status",
            "priority",
            "first_response_utc",
            "resolved_utc",
            "entries",
            "attachments",
        ],
        export.cases.iter().map(|c| {
            [
                c.id.to_string(),
                iso_time(c.created_at),
                spreadsheet_text(&c.subject),
                spreadsheet_text(&c.category),
                c.status.clone(),
                c.priority.clone(),
                iso(c.first_response_at),
                iso(c.resolved_at),
                c.entries.len().to_string(),
                c.attachments.len().to_string(),
            ]
        }),
    )?;
    zip.start_file("cases.csv", options)?;
    zip.write_all(&cases)?;

    let invoices = csv_file(
        [
            "number",
            "issued",
            "due",
            "amount",
            "paid_utc",
            "reminded_utc",
        ],
        export.portal.invoices.iter().map(|i| {
            [
                spreadsheet_text(&i.number),
                i.issued.clone(),
                i.due.clone(),
                i.amount.to_string(),
                iso(i.paid_at),
                iso(i.reminded_at),
            ]
        }),
    )?;
    zip.start_file("invoices.csv", options)?;
    zip.write_all(&invoices)?;

    for file in &export.files {
        zip.start_file(file.path.as_str(), options)?;
        zip.write_all(&file.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_after_either_separator() {
        assert_eq!(spreadsheet_text("=1+1"), "'=1+1");
        assert_eq!(spreadsheet_text("safe;=1+1"), "safe;'=1+1");
        assert_eq!(spreadsheet_text("safe, @SUM(A1)"), "safe, '@SUM(A1)");
        assert_eq!(spreadsheet_text("Anna-Marie Holm"), "Anna-Marie Holm");
        assert_eq!(spreadsheet_text("2 x Dæk"), "2 x Dæk");
    }

    #[test]
    fn times_are_iso_in_utc() {
        assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
    }
}
