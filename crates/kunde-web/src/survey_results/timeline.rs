//! A customer's survey answers as items of their timeline, beside events and orders.

use crate::state::AppState;
use kunde_domain::{CustomerId, Language, Texts, WorkspaceId};
use kunde_store::TimelineItem;

/// The customer's newest `limit` responses, each one timeline item: the survey's title and
/// a summary of the scores and texts given ("NPS 9 · CSAT 4 · “quick and friendly”").
pub async fn items(
    state: &AppState,
    ws: WorkspaceId,
    customer: CustomerId,
    lang: Language,
    limit: i64,
) -> kunde_store::Result<Vec<TimelineItem>> {
    let rows = state.store.customer_answers(ws, customer, limit).await?;
    let mut items: Vec<(i64, TimelineItem)> = Vec::new();
    for r in rows {
        let part = match (r.question_kind.as_str(), r.score, &r.text) {
            ("nps", Some(s), _) => format!("NPS {s}"),
            ("csat", Some(s), _) => format!("CSAT {s}"),
            ("ces", Some(s), _) => format!("CES {s}"),
            (_, _, Some(t)) => format!("“{t}”"),
            _ => continue,
        };
        match items.last_mut() {
            Some((id, item)) if *id == r.response_id => {
                item.detail.push_str(" · ");
                item.detail.push_str(&part);
            }
            _ => items.push((
                r.response_id,
                TimelineItem {
                    at: r.submitted_at,
                    kind: "survey",
                    title: Texts::new(&r.survey_en, &r.survey_da, &r.survey_sv, &r.survey_tl)
                        .get(lang, Language::En)
                        .to_owned(),
                    detail: part,
                    amount: None,
                },
            )),
        }
    }
    Ok(items.into_iter().map(|(_, i)| i).collect())
}
