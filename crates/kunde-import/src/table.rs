//! Reading a CSV file into rows of text: the encoding (UTF-8 with or without a byte-order
//! mark, else Windows-1252 as older Danish and Swedish Excel versions write it), the delimiter
//! (comma, semicolon or tab, sniffed from the header line) and each row's line number.

use std::io::Read;

/// A CSV file as text cells, with the header separate.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub delimiter: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line the row starts on, as a spreadsheet numbers it: the header is line 1.
    pub line: u64,
    pub cells: Vec<String>,
}

/// Why a file could not be read at all (as opposed to a bad row, which is a rejection).
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("could not read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the header line has an empty column name (column {0})")]
    EmptyHeader(usize),
    #[error("the header line names column '{0}' twice")]
    DuplicateHeader(String),
    #[error("line {line}: the file is not valid CSV: {message}")]
    Csv { line: u64, message: String },
    /// The file is neither UTF-8 nor Windows-1252 (UTF-16 from a spreadsheet's "Unicode
    /// text", say): refused rather than imported as garbled text.
    #[error("this file is in encoding {0}; save it as UTF-8")]
    Encoding(&'static str),
}

impl TableError {
    /// A stable key for the translated message (see the web crate's locales).
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Io(_) => "import-error-io",
            Self::Empty => "import-error-empty",
            Self::EmptyHeader(_) => "import-error-empty-header",
            Self::DuplicateHeader(_) => "import-error-duplicate-header",
            Self::Csv { .. } => "import-error-csv",
            Self::Encoding(_) => "import-wrong-encoding",
        }
    }

    /// The encoding a refused file is in, for the message (`Encoding` only).
    pub fn encoding(&self) -> Option<&'static str> {
        match self {
            Self::Encoding(e) => Some(e),
            _ => None,
        }
    }
}

impl Table {
    /// Rows that are not entirely blank (spreadsheets often save trailing `;;;` lines).
    pub fn data_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
    }
}

/// Reads the whole of `reader` as a CSV file with a header line.
pub fn read_table(mut reader: impl Read) -> Result<Table, TableError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let text = decode(&bytes)?;
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    let delimiter = sniff_delimiter(&text);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = csv.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Some(Err(e)) => return Err(csv_error(e)),
        None => return Err(TableError::Empty),
    };
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            return Err(TableError::EmptyHeader(i + 1));
        }
        if headers[..i]
            .iter()
            .any(|other| other.eq_ignore_ascii_case(h))
        {
            return Err(TableError::DuplicateHeader(h.clone()));
        }
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push(Row {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(Table {
        headers,
        rows,
        delimiter,
    })
}

fn csv_error(e: csv::Error) -> TableError {
    let line = e.position().map_or(0, |p| p.line());
    TableError::Csv {
        line,
        message: e.to_string(),
    }
}

/// UTF-8 (a byte-order mark removed), else Windows-1252, which every byte sequence is.
fn decode(bytes: &[u8]) -> Result<String, TableError> {
    if let Some(encoding) = foreign_encoding(bytes) {
        return Err(TableError::Encoding(encoding));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    })
}

/// The encoding of a file that is neither UTF-8 nor Windows-1252, if it is one: UTF-32 and
/// UTF-16 by their byte-order mark or, without one, by NUL bytes in every other place (no
/// text file in either accepted encoding holds NUL), and "unknown" for bytes Windows-1252
/// leaves undefined.
fn foreign_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return Some("UTF-32");
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16BE");
    }
    if bytes.contains(&0) {
        let head = &bytes[..bytes.len().min(4096)];
        let even = head.iter().step_by(2).filter(|b| **b == 0).count();
        let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        return Some(if odd > even {
            "UTF-16LE"
        } else if even > odd {
            "UTF-16BE"
        } else {
            "unknown"
        });
    }
    if std::str::from_utf8(bytes).is_err()
        && bytes
            .iter()
            .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    {
        return Some("unknown");
    }
    None
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The delimiter that occurs most often outside quotes on the header line; comma on a tie.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(slot) = counts.iter_mut().find(|(d, _)| *d == c) {
            slot.1 += 1;
        }
    }
    counts
        .iter()
        .copied()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map_or(b',', |(d, _)| d)
}

#[cfg(test)]
mod tests {

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn a_utf16_file_is_refused_with_its_encoding_named() {
        let text = "name;email\nÅse;ase@example.com\n";
        for (bytes, expected) in [
            (utf16le(text, true), "UTF-16LE"),
            (utf16le(text, false), "UTF-16LE"),
            (
                text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
                "UTF-16BE",
            ),
            (b"name\n\x81\x8d\n".to_vec(), "unknown"),
        ] {
            let e = read_table(bytes.as_slice()).unwrap_err();
            assert_eq!(e.encoding(), Some(expected));
            assert_eq!(
                e.to_string(),
                format!("this file is in encoding {expected}; save it as UTF-8")
            );
        }
        // UTF-8 and Windows-1252 still read.
        assert_eq!(read_table(text.as_bytes()).unwrap().rows[0].cells[0], "Åse");
        let cp1252 = b"name;email\n\xC5se;ase@example.com\n";
        assert_eq!(read_table(&cp1252[..]).unwrap().rows[0].cells[0], "Åse");
    }

    use super::*;

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("a,b;c,d\n"), b',');
        assert_eq!(sniff_delimiter("Navn;E-mail;\"Beløb, kr\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("alone\n"), b',');
    }

    #[test]
    fn windows_1252_is_the_fallback_for_non_utf8_files() {
        assert_eq!(decode(b"S\xf8ren \x80").unwrap(), "Søren €");
        assert_eq!(decode("Søren".as_bytes()).unwrap(), "Søren");
        assert_eq!(decode(b"\xEF\xBB\xBFa").unwrap(), "a");
    }

    #[test]
    fn rows_keep_their_spreadsheet_line_numbers() {
        let t = read_table("a;b\n1;2\n\"multi\nline\";3\n4;5\n".as_bytes()).unwrap();
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        assert!(matches!(
            read_table("a,,b\n".as_bytes()),
            Err(TableError::EmptyHeader(2))
        ));
        assert!(matches!(
            read_table("a,A\n".as_bytes()),
            Err(TableError::DuplicateHeader(_))
        ));
        assert!(matches!(
            read_table(" \n".as_bytes()),
            Err(TableError::Empty)
        ));
    }
}
