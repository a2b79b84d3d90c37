//! Kunde's printable documents: the monthly report and invoices.
//!
//! A caller describes a document as a list of [`Block`]s — titles, paragraphs, tables,
//! horizontal bars and month-by-month trends — with every text already written in the
//! reader's language and locale. [`render`] lays the blocks out on A4 pages (wrapping
//! lines, breaking tables between rows and repeating their header, numbering the pages) and
//! draws them to PDF with [krilla], embedding a subset of the bundled DejaVu Sans so the
//! document looks the same on every machine and its text can be searched and copied.
//!
//! Invariants: no I/O and no clock (the caller passes every date as text); the same
//! [`Document`] always gives the same pages; user text is drawn as text, never interpreted.

mod layout;
mod measure;

pub use layout::{Bar, Block, Column, Document, Table, Trend, TrendPoint};

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF could not be written: {0}")]
    Write(String),
    #[error("the bundled font could not be read")]
    Font,
}

/// Lays `doc` out and writes it as a PDF file's bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let pages = layout::lay_out(doc);
    layout::draw(doc, &pages)
}

#[cfg(test)]
mod tests;
