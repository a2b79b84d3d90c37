use super::*;

fn question(kind: QuestionKind) -> Question {
    Question {
        id: QuestionId(1),
        survey_id: SurveyId(1),
        position: 0,
        kind,
        text: Texts::same("How was it?"),
        required: true,
        rating_max: 4,
        options: vec![
            AnswerOption {
                id: OptionId(10),
                question_id: QuestionId(1),
                position: 0,
                text: Texts::same("Price"),
            },
            AnswerOption {
                id: OptionId(11),
                question_id: QuestionId(1),
                position: 1,
                text: Texts::same("Speed"),
            },
        ],
    }
}

fn one(v: &str) -> RawAnswer<'_> {
    RawAnswer {
        values: vec![v],
        ..Default::default()
    }
}

fn parse(q: &Question, v: &str) -> Result<Option<AnswerValue>, AnswerError> {
    q.parse_answer(&one(v))
}

#[test]
fn scored_questions_accept_exactly_their_scale() {
    for (kind, min, max) in [
        (QuestionKind::Nps, 0, 10),
        (QuestionKind::Csat, 1, 5),
        (QuestionKind::Ces, 1, 7),
        (QuestionKind::Rating, 1, 4),
    ] {
        let q = question(kind);
        for n in min..=max {
            assert_eq!(
                parse(&q, &n.to_string()),
                Ok(Some(AnswerValue::Score(n))),
                "{kind:?} {n}"
            );
        }
        let range = Err(AnswerError::OutOfRange { min, max });
        assert_eq!(parse(&q, &(min - 1).to_string()), range, "{kind:?} below");
        assert_eq!(parse(&q, &(max + 1).to_string()), range, "{kind:?} above");
        assert_eq!(parse(&q, "seven"), range, "{kind:?} not a number");
        assert_eq!(parse(&q, "3.5"), range, "{kind:?} fraction");
        assert_eq!(parse(&q, " "), Err(AnswerError::Required), "{kind:?} blank");
        let two = RawAnswer {
            values: vec!["1", "2"],
            ..Default::default()
        };
        assert_eq!(q.parse_answer(&two), range, "{kind:?} two values");
    }
}

#[test]
fn an_optional_question_left_blank_has_no_answer() {
    for kind in QuestionKind::ALL {
        let mut q = question(*kind);
        q.required = false;
        assert_eq!(q.parse_answer(&RawAnswer::default()), Ok(None), "{kind:?}");
        q.required = true;
        assert_eq!(
            q.parse_answer(&RawAnswer::default()),
            Err(AnswerError::Required),
            "{kind:?}"
        );
    }
}

#[test]
fn expectation_needs_both_halves_from_the_four_levels() {
    let q = question(QuestionKind::Expectation);
    let raw = |e: Option<&'static str>, x: Option<&'static str>| RawAnswer {
        values: vec![],
        expected: e,
        experienced: x,
    };
    assert_eq!(
        q.parse_answer(&raw(Some("excellent"), Some("neutral"))),
        Ok(Some(AnswerValue::Expectation {
            expected: Level::Excellent,
            experienced: Level::Neutral
        }))
    );
    assert_eq!(
        q.parse_answer(&raw(Some("good"), None)),
        Err(AnswerError::ExpectationIncomplete)
    );
    assert_eq!(
        q.parse_answer(&raw(None, Some("bad"))),
        Err(AnswerError::ExpectationIncomplete)
    );
    assert_eq!(
        q.parse_answer(&raw(Some("great"), Some("bad"))),
        Err(AnswerError::UnknownOption)
    );
    assert_eq!(q.parse_answer(&raw(None, None)), Err(AnswerError::Required));
    for level in Level::ALL {
        assert_eq!(Level::from_value(level.value()), Some(*level));
    }
    assert_eq!(Level::from_value(4), None);
    assert_eq!(Level::from_value(-1), None);
}

#[test]
fn choices_must_be_options_of_the_question() {
    let single = question(QuestionKind::SingleChoice);
    assert_eq!(
        parse(&single, "11"),
        Ok(Some(AnswerValue::Choices(vec![OptionId(11)])))
    );
    assert_eq!(parse(&single, "12"), Err(AnswerError::UnknownOption));
    assert_eq!(parse(&single, "x"), Err(AnswerError::UnknownOption));
    let both = RawAnswer {
        values: vec!["10", "11"],
        ..Default::default()
    };
    assert_eq!(single.parse_answer(&both), Err(AnswerError::OneOptionOnly));

    let multiple = question(QuestionKind::MultipleChoice);
    assert_eq!(
        multiple.parse_answer(&both),
        Ok(Some(AnswerValue::Choices(vec![OptionId(10), OptionId(11)])))
    );
    let repeated = RawAnswer {
        values: vec!["10", "10"],
        ..Default::default()
    };
    assert_eq!(
        multiple.parse_answer(&repeated),
        Ok(Some(AnswerValue::Choices(vec![OptionId(10)])))
    );
    let foreign = RawAnswer {
        values: vec!["10", "99"],
        ..Default::default()
    };
    assert_eq!(
        multiple.parse_answer(&foreign),
        Err(AnswerError::UnknownOption)
    );
}

#[test]
fn free_text_and_wishes_are_kept_as_given_but_bounded() {
    for kind in [QuestionKind::FreeText, QuestionKind::Wish] {
        let q = question(kind);
        let text = "  <b>Længere åbningstid</b> & \"kaffe\"  ";
        assert_eq!(
            parse(&q, text),
            Ok(Some(AnswerValue::Text(text.trim().to_owned())))
        );
        let long = "x".repeat(MAX_ANSWER_TEXT + 1);
        assert_eq!(
            parse(&q, &long),
            Err(AnswerError::TooLong {
                max: MAX_ANSWER_TEXT
            })
        );
        assert!(parse(&q, &"ø".repeat(MAX_ANSWER_TEXT)).is_ok());
    }
}

#[test]
fn every_error_has_its_own_message_key() {
    let errors = [
        AnswerError::Required,
        AnswerError::OutOfRange { min: 0, max: 10 },
        AnswerError::ExpectationIncomplete,
        AnswerError::UnknownOption,
        AnswerError::OneOptionOnly,
        AnswerError::TooLong { max: 1 },
    ];
    let mut keys: Vec<&str> = errors.iter().map(AnswerError::message_key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), errors.len());
    assert!(keys.iter().all(|k| k.starts_with("survey-")));
}

#[test]
fn new_questions_need_a_text_a_scale_and_options() {
    let mut q = NewQuestion::new(QuestionKind::Rating, Texts::default());
    assert_eq!(q.validate(), Err(SurveyError::QuestionText));
    q.text.set(Language::Da, "Hvordan var det?");
    assert_eq!(q.validate(), Ok(()));
    q.rating_max = 11;
    assert_eq!(q.validate(), Err(SurveyError::RatingScale));
    let choice = NewQuestion::new(QuestionKind::SingleChoice, Texts::same("Why?"))
        .with_options(vec![Texts::same("Price"), Texts::default()]);
    assert_eq!(choice.validate(), Err(SurveyError::TooFewOptions));
    let choice = choice.with_options(vec![Texts::same("Price"), Texts::same("Speed")]);
    assert_eq!(choice.validate(), Ok(()));
}

#[test]
fn texts_fall_back_to_the_default_language_then_any() {
    let mut t = Texts::default();
    t.set(Language::Sv, "Hur var det?");
    assert_eq!(t.get(Language::Da, Language::En), "Hur var det?");
    t.set(Language::En, "How was it?");
    assert_eq!(t.get(Language::Da, Language::En), "How was it?");
    t.set(Language::Da, " Hvordan var det? ");
    assert_eq!(t.get(Language::Da, Language::En), "Hvordan var det?");
    assert_eq!(Texts::default().get(Language::Tl, Language::En), "");
}

#[test]
fn codes_round_trip() {
    for k in QuestionKind::ALL {
        assert_eq!(QuestionKind::parse(k.code()), Some(*k));
    }
    for c in ResponseChannel::ALL {
        assert_eq!(ResponseChannel::parse(c.code()), Some(*c));
    }
    for s in SurveyStatus::ALL {
        assert_eq!(SurveyStatus::parse(s.code()), Some(*s));
    }
    assert_eq!(QuestionKind::parse("essay"), None);
}

#[test]
fn the_event_summary_takes_the_first_score_of_each_kind() {
    let mut nps = question(QuestionKind::Nps);
    nps.id = QuestionId(1);
    let mut csat = question(QuestionKind::Csat);
    csat.id = QuestionId(2);
    let mut rating = question(QuestionKind::Rating);
    rating.id = QuestionId(3);
    let answers = vec![
        (QuestionId(3), AnswerValue::Score(2)),
        (QuestionId(1), AnswerValue::Score(9)),
        (QuestionId(2), AnswerValue::Score(4)),
    ];
    assert_eq!(
        response_scores(&[nps, csat, rating], &answers),
        (Some(9), Some(4), None)
    );
}
