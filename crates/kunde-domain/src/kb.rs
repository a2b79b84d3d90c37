//! The knowledge base: articles in Markdown, internal (staff only) or public (the help
//! centre), each in one language and grouped with its translations; and the pure part of
//! searching them — turning what a person typed, or a whole case text, into safe search terms.
//!
//! The terms returned here contain only letters and digits, so no search syntax (quotes,
//! parentheses, `AND`, `*`, `:`) typed by a user ever reaches the database's query parser;
//! the store quotes them once more for the engine it talks to.

use crate::{Language, NonEmpty, ValidationError, WorkspaceId};
use std::collections::HashSet;

/// Longest article body accepted, in characters.
pub const MAX_BODY_CHARS: usize = 100_000;

/// At most this many terms are taken from a search box or a case text.
pub const MAX_TERMS: usize = 12;

/// A stored article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    /// Shared by an article and its translations.
    pub group_key: String,
    pub language: Language,
    pub title: String,
    /// Unique in the workspace; the public address is `/help/{site}/{slug}`.
    pub slug: String,
    pub body_markdown: String,
    pub public: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An article as written in the form: validated title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: NonEmpty,
    pub body_markdown: String,
    pub language: Language,
    pub public: bool,
}

impl ArticleDraft {
    pub fn parse(
        title: &str,
        body_markdown: &str,
        language: &str,
        public: bool,
    ) -> Result<Self, Vec<(&'static str, ValidationError)>> {
        let mut errors = Vec::new();
        let title = NonEmpty::parse("title", title).map_err(|e| errors.push(("title", e)));
        let body = body_markdown.trim();
        if body.is_empty() {
            errors.push(("body", ValidationError::Empty { field: "body" }));
        } else if body.chars().count() > MAX_BODY_CHARS {
            errors.push((
                "body",
                ValidationError::TooLong {
                    field: "body",
                    max: MAX_BODY_CHARS,
                },
            ));
        }
        let language = Language::parse(language).map_err(|e| errors.push(("language", e)));
        match (title, language) {
            (Ok(title), Ok(language)) if errors.is_empty() => Ok(Self {
                title,
                body_markdown: body.replace("\r\n", "\n"),
                language,
                public,
            }),
            _ => Err(errors),
        }
    }
}

/// Which articles a search may return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Only public articles: the help centre.
    Public,
    /// Internal and public articles: staff.
    All,
}

/// A URL slug from a title: lower-case letters and digits joined by single hyphens, with
/// Danish and Swedish letters spelled out (`æ` → `ae`, `ø` → `oe`, `å` → `aa`, `ä` → `a`,
/// `ö` → `o`) and other accents dropped. Never empty: "article" when nothing is left.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let piece: &str = match c {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ñ' => "n",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(c);
                continue;
            }
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(piece);
    }
    out.truncate(80);
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "article".to_owned()
    } else {
        out
    }
}

/// The words of a search box, lower-cased, in order, without repeats: runs of letters and
/// digits; everything else (operators, quotes, brackets, `*`) only separates words.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| seen.insert(w.clone()))
        .take(MAX_TERMS)
        .collect()
}

/// The words of a longer text (a case's subject and message) that say what it is about:
/// words of at least three letters that are not common function words in English, Danish,
/// Swedish or Tagalog, the most frequent first (ties: first seen first), at most `max`.
pub fn meaningful_terms(text: &str, max: usize) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
    {
        if STOP_WORDS.contains(&word.as_str()) || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        match counts.iter_mut().find(|(w, _)| *w == word) {
            Some((_, n)) => *n += 1,
            None => counts.push((word, 1)),
        }
    }
    // A stable sort keeps first-seen order among equally frequent words.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().take(max).map(|(w, _)| w).collect()
}

/// Function words of the four languages that say nothing about a case's subject.
const STOP_WORDS: &[&str] = &[
    // English
    "the",
    "and",
    "for",
    "are",
    "but",
    "not",
    "you",
    "your",
    "all",
    "any",
    "can",
    "had",
    "her",
    "was",
    "one",
    "our",
    "out",
    "has",
    "have",
    "him",
    "his",
    "how",
    "its",
    "may",
    "new",
    "now",
    "see",
    "who",
    "did",
    "get",
    "got",
    "let",
    "say",
    "she",
    "too",
    "use",
    "that",
    "this",
    "with",
    "from",
    "they",
    "will",
    "would",
    "there",
    "their",
    "what",
    "about",
    "which",
    "when",
    "were",
    "been",
    "into",
    "than",
    "then",
    "them",
    "these",
    "some",
    "could",
    "just",
    "also",
    "very",
    "please",
    "thanks",
    "thank",
    "hello",
    "dear",
    "regards",
    "yes",
    "ago",
    "does",
    "doesn",
    "don",
    "didn",
    "isn",
    "wasn",
    "can't",
    "won",
    "still",
    "again",
    "after",
    "before",
    "because",
    "why",
    "where",
    "here",
    "only",
    "over",
    "more",
    "most",
    "much",
    "should",
    "need",
    "want",
    "like",
    "know",
    "today",
    "yesterday",
    "week",
    // Danish
    "og",
    "det",
    "der",
    "den",
    "til",
    "som",
    "med",
    "har",
    "jeg",
    "for",
    "ikke",
    "men",
    "var",
    "sig",
    "kan",
    "mig",
    "min",
    "mit",
    "mine",
    "han",
    "hun",
    "vil",
    "ved",
    "hvad",
    "skal",
    "fra",
    "efter",
    "eller",
    "nogle",
    "når",
    "hvor",
    "hvis",
    "dig",
    "din",
    "dit",
    "jer",
    "deres",
    "vores",
    "vi",
    "være",
    "været",
    "blev",
    "bliver",
    "have",
    "havde",
    "også",
    "kun",
    "meget",
    "mere",
    "end",
    "over",
    "under",
    "hvordan",
    "hvorfor",
    "godt",
    "hej",
    "tak",
    "venlig",
    "hilsen",
    "mvh",
    "igen",
    "lige",
    "bare",
    "denne",
    "dette",
    "disse",
    "sin",
    "sit",
    "sine",
    "hans",
    "hendes",
    "jeres",
    "selv",
    "alle",
    "andre",
    "noget",
    "ingen",
    "intet",
    "da",
    "så",
    "nu",
    "om",
    "af",
    "på",
    "en",
    "et",
    "er",
    "at",
    "de",
    "dag",
    "uge",
    // Swedish
    "och",
    "att",
    "som",
    "för",
    "med",
    "inte",
    "jag",
    "har",
    "det",
    "den",
    "till",
    "från",
    "var",
    "men",
    "kan",
    "mig",
    "min",
    "mitt",
    "mina",
    "han",
    "hon",
    "vill",
    "vad",
    "ska",
    "eller",
    "när",
    "hur",
    "varför",
    "om",
    "dig",
    "din",
    "ditt",
    "vår",
    "våra",
    "deras",
    "vara",
    "varit",
    "blev",
    "blir",
    "hade",
    "också",
    "bara",
    "mycket",
    "mer",
    "igen",
    "hej",
    "tack",
    "vänliga",
    "hälsningar",
    "denna",
    "detta",
    "dessa",
    "sig",
    "sin",
    "sitt",
    "alla",
    "andra",
    "något",
    "ingen",
    "inget",
    "efter",
    "innan",
    "eftersom",
    "här",
    "där",
    // Tagalog
    "ang",
    "ng",
    "mga",
    "sa",
    "at",
    "na",
    "ay",
    "ako",
    "ko",
    "mo",
    "siya",
    "kami",
    "tayo",
    "sila",
    "ito",
    "iyan",
    "iyon",
    "para",
    "kung",
    "pero",
    "hindi",
    "may",
    "mayroon",
    "wala",
    "lang",
    "din",
    "rin",
    "po",
    "opo",
    "naman",
    "nang",
    "kay",
    "kina",
    "niya",
    "nila",
    "namin",
    "natin",
    "ninyo",
    "inyo",
    "akin",
    "amin",
    "atin",
    "kanila",
    "salamat",
    "kasi",
    "dahil",
    "pa",
    "ba",
    "yung",
    "yun",
    "dito",
    "doon",
    "nito",
    "noon",
    "ngayon",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_never_empty() {
        assert_eq!(
            slugify("Sådan booker du en reparation"),
            "saadan-booker-du-en-reparation"
        );
        assert_eq!(
            slugify("Dæktryk: hvor meget luft?"),
            "daektryk-hvor-meget-luft"
        );
        assert_eq!(
            slugify("  Öppettider & helgdagar  "),
            "oppettider-helgdagar"
        );
        assert_eq!(slugify("<script>"), "script");
        assert_eq!(slugify("!!!"), "article");
        assert!(slugify(&"a ".repeat(200)).len() <= 80);
        assert!(!slugify(&"a ".repeat(200)).ends_with('-'));
    }

    #[test]
    fn search_terms_keep_only_words_whatever_syntax_is_typed() {
        assert_eq!(search_terms(r#""foo AND ("#), ["foo", "and"]);
        assert_eq!(search_terms("*"), Vec::<String>::new());
        assert_eq!(
            search_terms("dæk* OR tryk:'x' NEAR(a b)"),
            ["dæk", "or", "tryk", "x", "near", "a", "b"]
        );
        assert_eq!(search_terms("Dæk dæk DÆK"), ["dæk"]);
        assert_eq!(
            search_terms(
                &"ord "
                    .repeat(5)
                    .replace("ord", "a b c d e f g h i j k l m n")
            )
            .len(),
            MAX_TERMS
        );
    }

    #[test]
    fn meaningful_terms_drop_function_words_and_rank_by_frequency() {
        let case = "Hej! Jeg har købt en cykel, og nu er der hul i dækket. Dækket er fladt igen, \
                    og jeg vil gerne have en reparation af dækket.";
        let terms = meaningful_terms(case, 4);
        assert_eq!(terms[0], "dækket");
        assert!(terms.contains(&"købt".to_owned()) && terms.contains(&"cykel".to_owned()));
        assert!(
            !terms
                .iter()
                .any(|t| ["jeg", "har", "og", "hej", "igen"].contains(&t.as_str()))
        );
        assert_eq!(
            meaningful_terms("the and of 2024 ok", 5),
            Vec::<String>::new()
        );
    }

    #[test]
    fn drafts_are_validated_field_by_field() {
        let ok = ArticleDraft::parse(" Returns ", "You may return\r\nwithin 30 days.", "en", true)
            .unwrap();
        assert_eq!(ok.title.as_str(), "Returns");
        assert_eq!(ok.body_markdown, "You may return\nwithin 30 days.");
        let errors = ArticleDraft::parse("", "  ", "de", false).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "body", "language"]);
        let long = "x".repeat(MAX_BODY_CHARS + 1);
        let errors = ArticleDraft::parse("T", &long, "da", false).unwrap_err();
        assert!(matches!(errors[0].1, ValidationError::TooLong { .. }));
    }
}
