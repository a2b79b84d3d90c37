//! Themes in free-text survey answers: the keywords and two-word phrases that recur across
//! answers, with the answers behind each, so an owner can read "waiting time (14)" and open
//! those fourteen answers.
//!
//! How an answer becomes terms:
//! * it is lower-cased and cut into words on anything that is not a letter, a digit or a
//!   combining mark (so "æøåäö", "ñ" and decomposed "å" stay inside a word); an apostrophe or
//!   hyphen between two letters stays too ("don't", Tagalog "kahila-hilakbot");
//! * punctuation ends a clause: a phrase never spans "slow. Price" ;
//! * stop words of English, Danish, Swedish and Tagalog are dropped, and so are bare numbers
//!   and one-letter words. The lists come from the `stop-words` crate: NLTK's for English,
//!   Danish and Swedish (function words only; the stopwords-iso English list also drops
//!   "long", "high" and "great", which are exactly what survey themes are made of) and
//!   stopwords-iso's for Tagalog, which NLTK lacks, plus a few fillers neither list has;
//! * a phrase is two kept words that stood next to each other in the clause, so "the
//!   waiting time was long" gives "waiting time" but never "time long".
//!
//! A term is a theme when at least `min_answers` answers contain it (each answer counts once,
//! however often it repeats the word). A keyword that only ever occurs inside one phrase
//! adds nothing to that phrase and is left out.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

/// Fillers common in short survey answers that the stopwords-iso lists do not hold.
const EXTRA_STOP_WORDS: &[&str] = &[
    // English
    "bit", "lot", "thanks", "thank", "ok", "okay", // Danish
    "rigtig", "virkelig", "altid", "synes", "nok", "ret", "tak", // Swedish
    "riktigt", "ganska", "tycker", "tack", // Tagalog: politeness particles and fillers
    "po", "opo", "lang", "naman", "talaga", "yung", "nang", "ba", "kasi", "rin", "raw", "daw",
    "mas", "kayo", "ninyo", "niyo", "medyo", "yun", "ung", "ngunit", "sobrang", "salamat",
];

/// The languages whose stop words are removed (ISO 639-1 codes).
pub const STOP_WORD_LANGUAGES: [&str; 4] = ["en", "da", "sv", "tl"];

fn stop_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut set: HashSet<&'static str> = STOP_WORD_LANGUAGES
            .iter()
            .flat_map(|code| stop_words::get(code).iter().copied())
            .collect();
        set.extend(EXTRA_STOP_WORDS);
        set
    })
}

/// Whether a lower-case word is a stop word in one of [`STOP_WORD_LANGUAGES`].
pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

/// Combining marks used by the four languages' letters when text arrives decomposed (NFD).
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Composes the decomposed letters of Danish, Swedish and Tagalog, so "a\u{30a}" and "å"
/// are the same word.
fn compose(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let composed = chars.peek().and_then(|&next| match (c, next) {
            ('a', '\u{30a}') => Some('å'),
            ('a', '\u{308}') => Some('ä'),
            ('o', '\u{308}') => Some('ö'),
            ('u', '\u{308}') => Some('ü'),
            ('e', '\u{301}') => Some('é'),
            ('n', '\u{303}') => Some('ñ'),
            _ => None,
        });
        match composed {
            Some(letter) => {
                out.push(letter);
                chars.next();
            }
            None => out.push(c),
        }
    }
    out
}

/// Punctuation that ends a clause. Other symbols (quotes, emoji, a lone apostrophe) only
/// separate words.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '-'
            | '‐'
            | '–'
            | '—'
            | '…'
            | '\n'
            | '/'
            | '¿'
            | '¡'
    )
}

/// The clauses of a text, each as its words, lower-cased, stop words still in.
pub fn clauses(text: &str) -> Vec<Vec<String>> {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let mut clauses = vec![Vec::new()];
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let joiner = matches!(c, '\'' | '’' | '-' | '‐')
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|&n| n.is_alphabetic());
        if is_word(c) || joiner {
            word.push(if c == '’' { '\'' } else { c });
            continue;
        }
        if !word.is_empty() {
            clauses
                .last_mut()
                .expect("never empty")
                .push(compose(&word));
            word.clear();
        }
        if is_clause_break(c) && clauses.last().is_some_and(|c| !c.is_empty()) {
            clauses.push(Vec::new());
        }
    }
    if !word.is_empty() {
        clauses
            .last_mut()
            .expect("never empty")
            .push(compose(&word));
    }
    clauses.retain(|c| !c.is_empty());
    clauses
}

/// Whether a word carries meaning: not a stop word, not a bare number, not one letter.
fn is_content(word: &str) -> bool {
    word.chars().count() > 1 && !word.chars().all(|c| c.is_numeric()) && !is_stop_word(word)
}

/// The distinct terms (keywords and two-word phrases) of one answer.
pub fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for clause in clauses(text) {
        let mut previous: Option<&str> = None;
        for word in &clause {
            if is_content(word) {
                if let Some(p) = previous {
                    out.insert(format!("{p} {word}"));
                }
                out.insert(word.clone());
                previous = Some(word);
            } else {
                previous = None;
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeOptions {
    /// A term must occur in at least this many answers (at least 2: one answer is no theme).
    pub min_answers: usize,
    /// At most this many themes, the most frequent first.
    pub max_themes: usize,
}

impl Default for ThemeOptions {
    fn default() -> Self {
        Self {
            min_answers: 2,
            max_themes: 30,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Theme {
    /// The keyword or phrase, lower-case.
    pub phrase: String,
    /// 1 for a keyword, 2 for a phrase.
    pub words: usize,
    /// Indices into the answers given, ascending, each once.
    pub answers: Vec<usize>,
}

/// Groups free-text answers by recurring keywords and phrases: the most answers first, a
/// phrase before a keyword with as many, then alphabetically.
pub fn themes<S: AsRef<str>>(answers: &[S], options: ThemeOptions) -> Vec<Theme> {
    let min = options.min_answers.max(2);
    let mut by_term: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, answer) in answers.iter().enumerate() {
        for term in terms(answer.as_ref()) {
            by_term.entry(term).or_default().push(i);
        }
    }
    by_term.retain(|_, list| list.len() >= min);
    let phrases: Vec<(&String, &Vec<usize>)> =
        by_term.iter().filter(|(t, _)| t.contains(' ')).collect();
    let mut themes: Vec<Theme> = by_term
        .iter()
        .filter(|(term, list)| {
            // A keyword whose answers are exactly those of a phrase containing it says
            // nothing the phrase does not.
            term.contains(' ')
                || !phrases.iter().any(|(phrase, phrase_list)| {
                    phrase.split(' ').any(|w| w == term.as_str()) && phrase_list == list
                })
        })
        .map(|(phrase, list)| Theme {
            phrase: phrase.clone(),
            words: phrase.split(' ').count(),
            answers: list.clone(),
        })
        .collect();
    themes.sort_by(|a, b| {
        b.answers
            .len()
            .cmp(&a.answers.len())
            .then(b.words.cmp(&a.words))
            .then(a.phrase.cmp(&b.phrase))
    });
    themes.truncate(options.max_themes);
    themes
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn phrases(themes: &[Theme]) -> Vec<(&str, Vec<usize>)> {
        themes
            .iter()
            .map(|t| (t.phrase.as_str(), t.answers.clone()))
            .collect()
    }

    #[test]
    fn stop_words_are_function_words_of_the_four_languages() {
        for word in ["the", "og", "och", "ng", "mga", "po", "ikke", "inte"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["long", "high", "price", "pris", "serbisyo", "ventetid"] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn recurring_phrases_and_keywords_in_english() {
        let answers = [
            "The waiting time was far too long.",
            "Friendly staff, but the waiting time!",
            "Great price. Friendly staff.",
            "Waiting time again...",
            "ok",
        ];
        let got = themes(&answers, ThemeOptions::default());
        assert_eq!(
            phrases(&got),
            vec![
                ("waiting time", vec![0, 1, 3]),
                ("friendly staff", vec![1, 2]),
            ]
        );
    }

    #[test]
    fn a_keyword_is_kept_when_it_recurs_outside_its_phrase() {
        let answers = [
            "slow repair",
            "slow repair of my bike",
            "the bike was clean",
            "bike chain squeaks",
        ];
        let got = themes(&answers, ThemeOptions::default());
        assert_eq!(
            phrases(&got),
            vec![("bike", vec![1, 2, 3]), ("slow repair", vec![0, 1])]
        );
    }

    #[test]
    fn danish_and_swedish_letters_stay_inside_words_and_case_is_folded() {
        let answers = [
            "Værkstedet var hurtigt, men PRISEN på bremser var høj.",
            "Prisen på bremser er for høj",
            "Priset på däck är för högt",
            "priset på däck, annars toppen",
        ];
        let got = themes(&answers, ThemeOptions::default());
        let got = phrases(&got);
        assert!(got.contains(&("prisen", vec![0, 1])), "{got:?}");
        assert!(got.contains(&("bremser", vec![0, 1])), "{got:?}");
        assert!(got.contains(&("høj", vec![0, 1])), "{got:?}");
        assert!(got.contains(&("priset", vec![2, 3])), "{got:?}");
        assert!(got.contains(&("däck", vec![2, 3])), "{got:?}");
        // "på" and "för" are stop words; "prisen på bremser" is no phrase of two kept
        // words standing together.
        assert!(!got.iter().any(|(p, _)| p.contains("på")), "{got:?}");
    }

    #[test]
    fn decomposed_letters_are_the_same_word_as_composed_ones() {
        let answers = ["smådele mangler", "sma\u{30a}dele mangler"];
        let got = themes(&answers, ThemeOptions::default());
        assert_eq!(phrases(&got), vec![("smådele mangler", vec![0, 1])]);
    }

    #[test]
    fn tagalog_particles_are_stop_words_and_hyphenated_words_stay_whole() {
        // Sentences from the Tagalog article in the source material.
        let answers = [
            "Ang katotohanang ito ay malinaw sa sinuman na nagtrabaho sa serbisyo sa customer.",
            "Ngunit ang karamihan sa amin ay nakaranas din ng mga kahila-hilakbot na mga reps sa serbisyo ng customer.",
            "Mabagal po ang serbisyo, kahila-hilakbot talaga.",
        ];
        let got = themes(&answers, ThemeOptions::default());
        let got = phrases(&got);
        assert!(got.contains(&("serbisyo", vec![0, 1, 2])), "{got:?}");
        assert!(got.contains(&("customer", vec![0, 1])), "{got:?}");
        assert!(got.contains(&("kahila-hilakbot", vec![1, 2])), "{got:?}");
        for stop in ["ang", "sa", "ng", "mga", "po", "talaga", "ay"] {
            assert!(!got.iter().any(|(p, _)| p.split(' ').any(|w| w == stop)));
        }
    }

    #[test]
    fn danish_sentences_from_the_source_material() {
        let answers = [
            "Den gennemsnitlige lille virksomhed mister halvdelen af sine kunder på tre år.",
            "Se meget nøje på, hvordan din virksomhed skaffer og fastholder gode kunder.",
            "Rigtig mange virksomheder har et billede af deres kunderejse og kundeoplevelserne.",
        ];
        let got = themes(&answers, ThemeOptions::default());
        assert_eq!(
            phrases(&got),
            vec![("kunder", vec![0, 1]), ("virksomhed", vec![0, 1])]
        );
    }

    #[test]
    fn phrases_do_not_cross_punctuation_and_numbers_are_not_words() {
        assert_eq!(
            terms("Long wait. Price 200 kr, price high"),
            [
                "high",
                "kr",
                "long",
                "long wait",
                "price",
                "price high",
                "wait"
            ]
            .map(String::from)
            .into_iter()
            .collect()
        );
        assert_eq!(
            clauses("don't-stop ’til  - end"),
            vec![
                vec!["don't-stop".to_owned(), "til".to_owned()],
                vec!["end".to_owned()],
            ]
        );
    }

    #[test]
    fn one_answer_is_no_theme_and_the_list_is_capped() {
        let answers = ["brake brake brake", "chain", "chain", "saddle", "saddle"];
        let got = themes(
            &answers,
            ThemeOptions {
                min_answers: 1,
                max_themes: 1,
            },
        );
        assert_eq!(phrases(&got), vec![("chain", vec![1, 2])]);
        assert!(themes::<&str>(&[], ThemeOptions::default()).is_empty());
    }

    proptest::proptest! {
        /// Every theme's answers really contain its words, are listed once in order, meet
        /// the minimum, and the themes come most frequent first.
        #[test]
        fn themes_point_at_answers_that_contain_them(
            answers in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "wait", "time", "price", "the", "og", "på", "serbisyo", "ng", "høj",
                        "Pris", "pris.", "staff,", "kahila-hilakbot", "ÄR", "däck", "12",
                    ]),
                    0..8,
                ).prop_map(|w| w.join(" ")),
                0..30,
            ),
            min_answers in 0usize..5,
        ) {
            let got = themes(&answers, ThemeOptions { min_answers, max_themes: 100 });
            for pair in got.windows(2) {
                proptest::prop_assert!(pair[0].answers.len() >= pair[1].answers.len());
            }
            for theme in &got {
                proptest::prop_assert!(theme.answers.len() >= min_answers.max(2));
                proptest::prop_assert!(theme.answers.windows(2).all(|w| w[0] < w[1]));
                proptest::prop_assert_eq!(theme.words, theme.phrase.split(' ').count());
                for &i in &theme.answers {
                    proptest::prop_assert!(terms(&answers[i]).contains(&theme.phrase));
                    let text = answers[i].to_lowercase();
                    for word in theme.phrase.split(' ') {
                        proptest::prop_assert!(text.contains(word));
                        proptest::prop_assert!(!is_stop_word(word));
                    }
                }
                let holders = answers.iter().filter(|a| terms(a).contains(&theme.phrase)).count();
                proptest::prop_assert_eq!(holders, theme.answers.len());
            }
        }
    }
}
