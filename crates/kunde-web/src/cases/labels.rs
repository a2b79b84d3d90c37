//! What the case pages share: a category's name in the reader's language.

use crate::kit::i18n::Tr;
use kunde_domain::{CaseCategory, CaseCategoryId};

/// A category's name in the language of `tr`: translated for the built-in ones.
pub fn category_name(tr: crate::kit::i18n::Tr, c: &CaseCategory) -> String {
    match &c.builtin {
        Some(code) => tr.t(&format!("case-cat-{code}")),
        None => c.name.clone(),
    }
}

pub fn category_name_of(tr: Tr, categories: &[CaseCategory], id: CaseCategoryId) -> String {
    categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| category_name(tr, c))
        .unwrap_or_default()
}
