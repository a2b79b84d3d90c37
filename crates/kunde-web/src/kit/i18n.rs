//! Translations. Every text a page shows goes through Project Fluent. Each language has a
//! folder (`locales/en/`, `locales/da/`, …) with one `.ftl` file per feature (`core.ftl` for
//! what came first), embedded in the binary; a language's catalogue is its files in name
//! order. A test fails when a file or a message exists in one language and not in the others.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use kunde_domain::Language;
use std::sync::OnceLock;

#[derive(rust_embed::RustEmbed)]
#[folder = "locales/"]
struct Locales;

/// Each language's catalogue: every `.ftl` file of its folder, in name order, English first.
fn sources() -> &'static [(Language, String)] {
    static SOURCES: OnceLock<Vec<(Language, String)>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        Language::ALL
            .iter()
            .map(|lang| {
                let prefix = format!("{}/", lang.code());
                let mut files: Vec<String> = Locales::iter()
                    .filter(|f| f.starts_with(&prefix) && f.ends_with(".ftl"))
                    .map(|f| f.into_owned())
                    .collect();
                files.sort();
                let text = files
                    .iter()
                    .filter_map(|f| Locales::get(f))
                    .map(|file| String::from_utf8_lossy(&file.data).into_owned())
                    .collect::<Vec<_>>()
                    .join("\n");
                (*lang, text)
            })
            .collect()
    })
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [(Language, Bundle)] {
    static BUNDLES: OnceLock<Vec<(Language, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        sources()
            .iter()
            .map(|(lang, source)| {
                let resource =
                    FluentResource::try_new(source.clone()).unwrap_or_else(|(_, errors)| {
                        panic!("{} locale does not parse: {errors:?}", lang.code())
                    });
                let id: unic_langid::LanguageIdentifier =
                    lang.code().parse().expect("language code");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks around arguments confuse plain-text contexts such as <title>.
                bundle.set_use_isolating(false);
                bundle
                    .add_resource(resource)
                    .expect("no duplicate messages");
                (*lang, bundle)
            })
            .collect()
    })
}

/// The translator of one request: a language and its messages.
#[derive(Clone, Copy)]
pub struct Tr {
    lang: Language,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.lang.code())
    }
}

impl Tr {
    pub fn new(lang: Language) -> Self {
        Self { lang }
    }

    pub fn lang(&self) -> Language {
        self.lang
    }

    fn bundle(&self) -> &'static Bundle {
        let all = bundles();
        &all.iter()
            .find(|(l, _)| *l == self.lang)
            .unwrap_or(&all[0])
            .1
    }

    /// The message `key`; the key itself when it is missing (the completeness test keeps that
    /// from reaching a user).
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    /// The message `key` with one numeric argument `n` (for plurals).
    pub fn t_count(&self, key: &str, n: i64) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set("n", FluentValue::from(n));
        self.format(key, Some(&fluent_args))
    }

    /// The message `key` with a numeric `n` (for plurals) and `value`, the same number
    /// written in the reader's locale.
    pub fn t_amount(&self, key: &str, n: f64, value: &str) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set("n", FluentValue::from(n));
        fluent_args.set("value", FluentValue::from(value));
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = self.lang.code(), "missing translation");
            return key.to_owned();
        };
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// Picks the best of Kunde's languages from an `Accept-Language` header.
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut choices: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split(['-', '_']).next()?;
            let lang = match primary.to_ascii_lowercase().as_str() {
                "nb" | "nn" | "no" => return None,
                other => Language::parse(other).ok()?,
            };
            Some((q, lang))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0));
    choices.first().map(|c| c.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| !l.starts_with(['#', ' ', '\t']) && l.contains('='))
            .map(|l| l.split('=').next().unwrap().trim().to_owned())
            .collect()
    }

    #[test]
    fn every_message_exists_in_all_four_languages() {
        let english = keys(&sources()[0].1);
        assert!(english.len() > 50, "the English catalogue looks truncated");
        for (lang, source) in &sources()[1..] {
            let other = keys(source);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{} has messages English lacks: {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn every_language_has_the_same_files() {
        let files = |lang: Language| -> BTreeSet<String> {
            let prefix = format!("{}/", lang.code());
            Locales::iter()
                .filter_map(|f| f.strip_prefix(&prefix).map(str::to_owned))
                .collect()
        };
        let english = files(Language::En);
        assert!(english.contains("core.ftl"));
        for lang in &Language::ALL[1..] {
            assert_eq!(files(*lang), english, "locales/{}/", lang.code());
        }
    }

    #[test]
    fn every_catalogue_parses_and_formats_every_message() {
        for (lang, _) in sources() {
            let tr = Tr::new(*lang);
            for key in keys(&sources()[0].1) {
                let text = tr.t_args(
                    &key,
                    &[
                        ("name", "X"),
                        ("email", "x@y.dk"),
                        ("n", "2"),
                        ("max", "200"),
                        ("min", "8"),
                        ("field", "f"),
                        ("value", "v"),
                    ],
                );
                assert!(
                    !text.is_empty() && text != key,
                    "{}: {key} did not format",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn messages_are_really_translated() {
        assert_eq!(Tr::new(Language::En).t("nav-customers"), "Customers");
        assert_eq!(Tr::new(Language::Da).t("nav-customers"), "Kunder");
        assert_eq!(Tr::new(Language::Sv).t("nav-customers"), "Kunder");
        assert_eq!(Tr::new(Language::Tl).t("nav-customers"), "Mga Customer");
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            from_accept_language("da-DK,da;q=0.9,en;q=0.8"),
            Some(Language::Da)
        );
        assert_eq!(
            from_accept_language("de-DE,sv;q=0.5,en;q=0.7"),
            Some(Language::En)
        );
        assert_eq!(from_accept_language("fil-PH"), Some(Language::Tl));
        assert_eq!(from_accept_language("nb-NO"), None);
        assert_eq!(from_accept_language(""), None);
    }
}
