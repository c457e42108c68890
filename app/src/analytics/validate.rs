//! The checks of an answer sheet, question by question. Problems are reported at `q{id}`.

use super::types::*;
pub use crate::common::{parse_number, show_number};
use crate::ui::editor::{FieldProblem, Problem};

/// An answer as it is stored: one row per chosen option, or one number, or one text.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAnswer {
    pub question: i64,
    pub option: Option<i64>,
    pub number: Option<f64>,
    pub text: Option<String>,
}

pub fn field_of(question: i64) -> String {
    format!("q{question}")
}

/// The answers of `form` to `questions`, checked: every value's type and bounds, and, when
/// `submitting`, that every required question is answered. Answers to unknown questions are
/// refused at the whole form.
pub fn check_answers(
    questions: &[Question],
    form: &AnswerForm,
    submitting: bool,
    uk: bool,
) -> Result<Vec<StoredAnswer>, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut stored = Vec::new();
    for input in &form.answers {
        if !questions.iter().any(|q| q.id == input.question) {
            problems.push(FieldProblem::new(
                "form",
                Problem::Unknown(input.question.to_string()),
            ));
        }
    }
    for question in questions {
        let field = field_of(question.id);
        let input = form.get(question.id);
        let value = input.map_or("", |i| i.value.trim());
        let choices: &[i64] = input.map_or(&[], |i| &i.choices);
        let mut answered = false;
        match question.kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                let mut seen = Vec::new();
                for choice in choices {
                    if !question.options.iter().any(|o| o.id == *choice) {
                        problems.push(FieldProblem::new(
                            &field,
                            Problem::Unknown(choice.to_string()),
                        ));
                    } else if !seen.contains(choice) {
                        seen.push(*choice);
                    }
                }
                if question.kind == QuestionKind::Single && seen.len() > 1 {
                    problems.push(FieldProblem::new(&field, Problem::Above("1".into())));
                }
                answered = !seen.is_empty();
                stored.extend(seen.into_iter().map(|option| StoredAnswer {
                    question: question.id,
                    option: Some(option),
                    number: None,
                    text: None,
                }));
            }
            QuestionKind::Scale | QuestionKind::Number if !value.is_empty() => {
                let (min, max) = match question.kind {
                    QuestionKind::Scale => (Some(1.0), Some(5.0)),
                    _ => (question.min, question.max),
                };
                match parse_number(value) {
                    None => problems.push(FieldProblem::new(&field, Problem::NotANumber)),
                    Some(n) if question.kind == QuestionKind::Scale && n.fract() != 0.0 => {
                        problems.push(FieldProblem::new(&field, Problem::NotANumber))
                    }
                    Some(n) if min.is_some_and(|min| n < min) => problems.push(FieldProblem::new(
                        &field,
                        Problem::Below(show_number(min.unwrap_or_default(), uk)),
                    )),
                    Some(n) if max.is_some_and(|max| n > max) => problems.push(FieldProblem::new(
                        &field,
                        Problem::Above(show_number(max.unwrap_or_default(), uk)),
                    )),
                    Some(n) => {
                        answered = true;
                        stored.push(StoredAnswer {
                            question: question.id,
                            option: None,
                            number: Some(n),
                            text: None,
                        });
                    }
                }
            }
            QuestionKind::ShortText | QuestionKind::LongText if !value.is_empty() => {
                let max = if question.kind == QuestionKind::ShortText {
                    SHORT_TEXT_MAX
                } else {
                    LONG_TEXT_MAX
                };
                if value.chars().count() > max {
                    problems.push(FieldProblem::new(&field, Problem::TooLong(max)));
                } else {
                    answered = true;
                    stored.push(StoredAnswer {
                        question: question.id,
                        option: None,
                        number: None,
                        text: Some(value.to_string()),
                    });
                }
            }
            _ => {}
        }
        let has_problem = problems.iter().any(|p| p.field == field);
        if submitting && question.required && !answered && !has_problem {
            problems.push(FieldProblem::new(&field, Problem::Required));
        }
    }
    if problems.is_empty() {
        Ok(stored)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: i64, kind: QuestionKind, required: bool) -> Question {
        Question {
            id,
            position: id,
            kind,
            required,
            text: format!("Q{id}"),
            help: String::new(),
            unit: String::new(),
            min: None,
            max: None,
            options: if kind.has_options() {
                vec![
                    QuestionOption {
                        id: id * 10 + 1,
                        label: "A".into(),
                    },
                    QuestionOption {
                        id: id * 10 + 2,
                        label: "B".into(),
                    },
                ]
            } else {
                Vec::new()
            },
        }
    }

    fn form(answers: &[(i64, &[i64], &str)]) -> AnswerForm {
        AnswerForm {
            answers: answers
                .iter()
                .map(|(q, choices, value)| AnswerInput {
                    question: *q,
                    choices: choices.to_vec(),
                    value: value.to_string(),
                })
                .collect(),
        }
    }

    fn problems(
        questions: &[Question],
        f: &AnswerForm,
        submitting: bool,
    ) -> Vec<(String, Problem)> {
        match check_answers(questions, f, submitting, true) {
            Ok(_) => Vec::new(),
            Err(p) => p.into_iter().map(|p| (p.field, p.problem)).collect(),
        }
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("3,5"), Some(3.5));
        assert_eq!(parse_number(" 1 200 "), Some(1200.0));
        assert_eq!(parse_number("-4.25"), Some(-4.25));
        for bad in ["", "abc", "1,2,3", "NaN", "inf"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(show_number(2.5, true), "2,5");
        assert_eq!(show_number(100.0, false), "100");
    }

    #[test]
    fn every_kind_is_checked() {
        let mut number = question(4, QuestionKind::Number, false);
        number.min = Some(0.0);
        number.max = Some(100.0);
        let qs = vec![
            question(1, QuestionKind::Single, false),
            question(2, QuestionKind::Multiple, false),
            question(3, QuestionKind::Scale, false),
            number,
            question(5, QuestionKind::ShortText, false),
            question(6, QuestionKind::LongText, false),
        ];
        let long = "я".repeat(SHORT_TEXT_MAX + 1);
        let bad = form(&[
            (1, &[11, 12], ""),
            (2, &[29], ""),
            (3, &[], "6"),
            (4, &[], "101"),
            (5, &[], &long),
            (6, &[], "fine"),
        ]);
        assert_eq!(
            problems(&qs, &bad, false),
            vec![
                ("q1".into(), Problem::Above("1".into())),
                ("q2".into(), Problem::Unknown("29".into())),
                ("q3".into(), Problem::Above("5".into())),
                ("q4".into(), Problem::Above("100".into())),
                ("q5".into(), Problem::TooLong(SHORT_TEXT_MAX)),
            ]
        );
        assert_eq!(
            problems(
                &qs,
                &form(&[(3, &[], "2.5"), (4, &[], "-1"), (4, &[], "x")]),
                false
            )[..2],
            [
                ("q3".into(), Problem::NotANumber),
                ("q4".into(), Problem::Below("0".into())),
            ]
        );
        let good = form(&[
            (1, &[12], ""),
            (2, &[21, 22, 21], ""),
            (3, &[], "4"),
            (4, &[], "99,5"),
            (5, &[], "  short  "),
        ]);
        let stored = check_answers(&qs, &good, true, true).unwrap();
        assert_eq!(stored.len(), 6, "{stored:?}");
        assert_eq!(stored[3].number, Some(4.0));
        assert_eq!(stored[4].number, Some(99.5));
        assert_eq!(stored[5].text.as_deref(), Some("short"));
    }

    #[test]
    fn required_questions_are_checked_on_submission_only() {
        let qs = vec![
            question(1, QuestionKind::Single, true),
            question(2, QuestionKind::Number, true),
            question(3, QuestionKind::LongText, false),
        ];
        let partial = form(&[(2, &[], "7")]);
        assert!(problems(&qs, &partial, false).is_empty());
        assert_eq!(
            problems(&qs, &partial, true),
            vec![("q1".into(), Problem::Required)]
        );
        // A wrong value is reported as wrong, not also as missing.
        assert_eq!(
            problems(&qs, &form(&[(1, &[11], ""), (2, &[], "seven")]), true),
            vec![("q2".into(), Problem::NotANumber)]
        );
        assert_eq!(
            problems(&qs, &form(&[(9, &[], "x")]), false),
            vec![("form".into(), Problem::Unknown("9".into()))]
        );
    }
}
