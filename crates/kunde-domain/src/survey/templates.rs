//! Ready-made surveys for the common moments (PRODUCT.md §4): after a visit, after a case is
//! closed, after a purchase, and employee engagement. Each comes translated into all four
//! languages, so a new owner can go live without writing a question.

use super::{NewQuestion, QuestionKind, SurveyKind, Texts};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SurveyTemplate {
    AfterVisit,
    AfterCase,
    AfterPurchase,
    EmployeeEngagement,
}

/// A template's title, kind and questions.
pub struct TemplateSurvey {
    pub title: Texts,
    pub kind: SurveyKind,
    pub questions: Vec<NewQuestion>,
}

fn t(en: &str, da: &str, sv: &str, tl: &str) -> Texts {
    Texts::new(en, da, sv, tl)
}

fn q(kind: QuestionKind, text: Texts) -> NewQuestion {
    NewQuestion::new(kind, text)
}

/// The NPS question in four languages.
pub fn nps_text() -> Texts {
    t(
        "How likely are you to recommend us to a friend or colleague?",
        "Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?",
        "Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?",
        "Gaano kalamang na irekomenda mo kami sa isang kaibigan o kasamahan?",
    )
}

/// "What would you buy from us, if only we offered it?" in four languages.
pub fn wish_text() -> Texts {
    t(
        "What would you buy from us, if only we offered it?",
        "Hvad ville du købe hos os, hvis bare vi tilbød det?",
        "Vad skulle du köpa av oss, om vi bara erbjöd det?",
        "Ano ang bibilhin mo sa amin, kung iaalok lang namin ito?",
    )
}

fn better_text() -> Texts {
    t(
        "What could we do better?",
        "Hvad kunne vi gøre bedre?",
        "Vad kunde vi göra bättre?",
        "Ano ang maaari naming pagbutihin?",
    )
}

impl SurveyTemplate {
    pub const ALL: [SurveyTemplate; 4] = [
        Self::AfterVisit,
        Self::AfterCase,
        Self::AfterPurchase,
        Self::EmployeeEngagement,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::AfterVisit => "after_visit",
            Self::AfterCase => "after_case",
            Self::AfterPurchase => "after_purchase",
            Self::EmployeeEngagement => "employee",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }

    pub fn build(self) -> TemplateSurvey {
        match self {
            Self::AfterVisit => TemplateSurvey {
                title: t(
                    "After your visit",
                    "Efter dit besøg",
                    "Efter ditt besök",
                    "Pagkatapos ng iyong pagbisita",
                ),
                kind: SurveyKind::Customer,
                questions: vec![
                    q(QuestionKind::Nps, nps_text()),
                    q(
                        QuestionKind::Csat,
                        t(
                            "How satisfied were you with your visit?",
                            "Hvor tilfreds var du med dit besøg?",
                            "Hur nöjd var du med ditt besök?",
                            "Gaano ka nasiyahan sa iyong pagbisita?",
                        ),
                    ),
                    q(
                        QuestionKind::Expectation,
                        t(
                            "Your visit as a whole",
                            "Dit besøg som helhed",
                            "Ditt besök som helhet",
                            "Ang iyong pagbisita sa kabuuan",
                        ),
                    ),
                    q(QuestionKind::FreeText, better_text()),
                    q(QuestionKind::Wish, wish_text()),
                ],
            },
            Self::AfterCase => TemplateSurvey {
                title: t(
                    "After your case",
                    "Efter din sag",
                    "Efter ditt ärende",
                    "Pagkatapos ng iyong kaso",
                ),
                kind: SurveyKind::Customer,
                questions: vec![
                    q(
                        QuestionKind::Ces,
                        t(
                            "How easy was it to get your issue solved? (1 = very easy, 7 = very hard)",
                            "Hvor nemt var det at få løst din sag? (1 = meget nemt, 7 = meget svært)",
                            "Hur enkelt var det att få ditt ärende löst? (1 = mycket enkelt, 7 = mycket svårt)",
                            "Gaano kadali na malutas ang iyong problema? (1 = napakadali, 7 = napakahirap)",
                        ),
                    ),
                    q(
                        QuestionKind::Csat,
                        t(
                            "How satisfied are you with how we handled your case?",
                            "Hvor tilfreds er du med, hvordan vi håndterede din sag?",
                            "Hur nöjd är du med hur vi hanterade ditt ärende?",
                            "Gaano ka nasiyahan sa paghawak namin sa iyong kaso?",
                        ),
                    ),
                    q(QuestionKind::FreeText, better_text()),
                ],
            },
            Self::AfterPurchase => TemplateSurvey {
                title: t(
                    "After your purchase",
                    "Efter dit køb",
                    "Efter ditt köp",
                    "Pagkatapos ng iyong pagbili",
                ),
                kind: SurveyKind::Customer,
                questions: vec![
                    q(
                        QuestionKind::Csat,
                        t(
                            "How satisfied are you with your purchase?",
                            "Hvor tilfreds er du med dit køb?",
                            "Hur nöjd är du med ditt köp?",
                            "Gaano ka nasiyahan sa iyong binili?",
                        ),
                    ),
                    q(
                        QuestionKind::SingleChoice,
                        t(
                            "What mattered most when you chose us?",
                            "Hvad betød mest, da du valgte os?",
                            "Vad betydde mest när du valde oss?",
                            "Ano ang pinakamahalaga nang piliin mo kami?",
                        ),
                    )
                    .with_options(vec![
                        t("Price", "Pris", "Pris", "Presyo"),
                        t("Quality", "Kvalitet", "Kvalitet", "Kalidad"),
                        t("Advice", "Rådgivning", "Rådgivning", "Payo"),
                        t("Location", "Beliggenhed", "Läge", "Lokasyon"),
                    ]),
                    q(QuestionKind::Nps, nps_text()),
                    q(QuestionKind::Wish, wish_text()),
                ],
            },
            Self::EmployeeEngagement => TemplateSurvey {
                title: t(
                    "How is work?",
                    "Hvordan går det på arbejdet?",
                    "Hur går det på jobbet?",
                    "Kumusta ang trabaho?",
                ),
                kind: SurveyKind::Employee,
                questions: vec![
                    q(
                        QuestionKind::Nps,
                        t(
                            "How likely are you to recommend us as a place to work?",
                            "Hvor sandsynligt er det, at du vil anbefale os som arbejdsplads?",
                            "Hur troligt är det att du skulle rekommendera oss som arbetsplats?",
                            "Gaano kalamang na irekomenda mo kami bilang lugar ng trabaho?",
                        ),
                    ),
                    q(
                        QuestionKind::Rating,
                        t(
                            "I have what I need to help our customers well",
                            "Jeg har det, jeg skal bruge for at hjælpe vores kunder godt",
                            "Jag har det jag behöver för att hjälpa våra kunder väl",
                            "Mayroon ako ng kailangan ko para matulungan nang mabuti ang aming mga customer",
                        ),
                    ),
                    q(
                        QuestionKind::Rating,
                        t(
                            "I know what is expected of me at work",
                            "Jeg ved, hvad der forventes af mig på arbejdet",
                            "Jag vet vad som förväntas av mig på jobbet",
                            "Alam ko kung ano ang inaasahan sa akin sa trabaho",
                        ),
                    ),
                    q(
                        QuestionKind::FreeText,
                        t(
                            "What one thing would make your work better?",
                            "Hvilken ene ting ville gøre dit arbejde bedre?",
                            "Vilken enda sak skulle göra ditt arbete bättre?",
                            "Anong isang bagay ang magpapabuti sa iyong trabaho?",
                        ),
                    ),
                ],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    #[test]
    fn every_template_is_valid_and_translated() {
        for template in SurveyTemplate::ALL {
            assert_eq!(SurveyTemplate::parse(template.code()), Some(template));
            let built = template.build();
            assert!(!built.questions.is_empty());
            for text in std::iter::once(&built.title)
                .chain(built.questions.iter().map(|q| &q.text))
                .chain(built.questions.iter().flat_map(|q| &q.options))
            {
                for lang in Language::ALL {
                    assert!(!text.raw(lang).is_empty(), "{template:?} {lang:?}");
                }
            }
            for question in &built.questions {
                assert_eq!(question.validate(), Ok(()), "{template:?}");
            }
        }
    }
}
