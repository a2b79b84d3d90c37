//! The isolation matrix (issue 18), generated from the route table: every route the sources
//! declare (read as text, as `reachable.rs` does) is tried signed out, as staff of business A,
//! as the owner of another business B with the ids of A's objects, and (for the client portal)
//! as a customer of B in B's portal with A's ids. What each route must answer comes from
//! [`EXPECTED`]; a route missing from it fails the test with entries ready to paste, so a new
//! route cannot be added without being covered here.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::ApiKeyKind;
use kunde_store::testing::TestDb;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use support::*;

on_both_databases!(every_route_answers_each_role_as_expected_and_never_across_businesses,);

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not (sign-in pages, public forms behind a token, assets).
    Public,
    /// Signed-in staff and owners of the business; the signed-out go to sign in.
    Staff,
    /// The business's owner only; staff get 403.
    Owner,
    /// The JSON API: an API key, never a session cookie.
    Api,
    /// The client portal: a customer signed in to the business's portal.
    Portal,
}
use Access::*;

/// Every route: `"METHOD /path"`, who may use it, and a form body (`k=v&k2=v2`, with
/// placeholders like `{customer}` filled from business A's objects) that passes the form's
/// parsing, so a refusal is about the id and not the form. A body starting `multipart ` is
/// sent as `multipart/form-data` (a field named `file` as a file); `json ` as JSON.
const EXPECTED: &[(&str, Access, &str)] = &[
    // Account and settings.
    ("GET /healthz", Public, ""),
    ("GET /signin", Public, ""),
    (
        "POST /signin",
        Public,
        "email=x@y.test&password=wrong-password&next=/",
    ),
    ("GET /setup", Public, ""),
    ("POST /setup", Public, ""),
    ("GET /invite/{token}", Public, ""),
    ("POST /invite/{token}", Public, ""),
    ("POST /language", Public, "lang=da"),
    ("GET /forgot", Public, ""),
    ("POST /forgot", Public, "email=x@y.test"),
    ("POST /signout", Staff, ""),
    ("GET /account/password", Staff, ""),
    ("POST /account/password", Staff, ""),
    ("GET /settings", Owner, ""),
    ("POST /settings", Owner, ""),
    (
        "POST /settings/invite",
        Owner,
        "name=Ivy&email=ivy@iso.test&role=staff",
    ),
    ("POST /settings/invitations/{id}/withdraw", Owner, ""),
    ("POST /settings/api-keys", Owner, "name=k&kind=secret"),
    ("POST /settings/api-keys/{id}/revoke", Owner, ""),
    ("POST /settings/users/{id}/reset", Owner, ""),
    ("POST /settings/users/{id}/remove", Owner, "confirm=yes"),
    ("POST /settings/users/{id}/role", Owner, "role=staff"),
    ("GET /settings/email", Owner, ""),
    ("POST /settings/email", Owner, ""),
    ("POST /settings/email/test", Owner, ""),
    ("GET /settings/hours", Owner, ""),
    ("POST /settings/hours", Owner, ""),
    ("GET /settings/audit", Owner, ""),
    ("GET /settings/audit.csv", Owner, ""),
    ("GET /settings/privacy", Owner, ""),
    ("POST /settings/privacy", Owner, ""),
    ("GET /settings/portal", Owner, ""),
    ("POST /settings/portal", Owner, "reminders=on"),
    ("GET /", Staff, ""),
    // Customers and privacy requests.
    ("GET /customers", Staff, ""),
    ("GET /customers/new", Staff, ""),
    ("POST /customers/new", Staff, ""),
    ("GET /customers/{id}", Staff, ""),
    (
        "POST /customers/{id}/log",
        Staff,
        "touchpoint={touchpoint}&occurred=2025-12-30T10:00&note=x",
    ),
    (
        "POST /customers/{id}/orders",
        Staff,
        "date=2025-12-30&amount=10&discount_code=ISO",
    ),
    ("GET /customers/{id}/edit", Staff, ""),
    (
        "POST /customers/{id}/edit",
        Staff,
        "name=Isolda Markerson&email=&phone=&language=en&acquisition_channel=&acquisition_cost=",
    ),
    ("POST /customers/{id}/export", Owner, ""),
    ("GET /customers/{id}/erase", Owner, ""),
    ("POST /customers/{id}/erase", Owner, ""),
    ("GET /customers/{id}/portal", Staff, ""),
    (
        "POST /customers/{id}/portal/invoices",
        Staff,
        "number=X-1&issued=2025-12-01&due=2025-12-15&amount=10",
    ),
    ("POST /customers/{id}/portal/invoices/{iid}", Staff, ""),
    (
        "POST /customers/{id}/portal/invoices/from-order",
        Staff,
        "order={order}&number=ISO-1&due=2026-12-31",
    ),
    ("POST /customers/{id}/portal/invoices/{iid}/paid", Staff, ""),
    (
        "POST /customers/{id}/portal/documents",
        Staff,
        "multipart file=x",
    ),
    ("GET /customers/{id}/portal/documents/{did}", Staff, ""),
    ("POST /customers/{id}/portal/sessions/end", Staff, ""),
    // Journeys.
    ("GET /journeys", Staff, ""),
    ("POST /journeys/new", Owner, "name=J"),
    ("GET /journeys/{id}", Staff, ""),
    ("GET /journeys/{id}/map.svg", Staff, ""),
    ("GET /journeys/{id}/map.png", Staff, ""),
    ("GET /journeys/{id}/compare", Staff, ""),
    (
        "POST /journeys/{id}/touchpoints",
        Owner,
        "stage_id={stage}&name=T&channel=phone",
    ),
    ("GET /journeys/{id}/edit", Owner, ""),
    ("POST /journeys/{id}/edit", Owner, "name=J"),
    ("GET /journeys/{id}/delete", Owner, ""),
    ("POST /journeys/{id}/delete", Owner, ""),
    ("POST /journeys/{id}/stages", Owner, "name=S"),
    ("POST /journeys/{id}/stages/{sid}/rename", Owner, "name=S"),
    ("POST /journeys/{id}/stages/{sid}/move", Owner, "dir=up"),
    ("GET /journeys/{id}/stages/{sid}/delete", Owner, ""),
    ("POST /journeys/{id}/stages/{sid}/delete", Owner, ""),
    ("GET /journeys/{id}/touchpoints/{tid}/edit", Owner, ""),
    (
        "POST /journeys/{id}/touchpoints/{tid}/edit",
        Owner,
        "stage_id={stage}&name=T&channel=phone",
    ),
    (
        "POST /journeys/{id}/touchpoints/{tid}/move",
        Owner,
        "dir=up",
    ),
    ("GET /journeys/{id}/touchpoints/{tid}/delete", Owner, ""),
    ("POST /journeys/{id}/touchpoints/{tid}/delete", Owner, ""),
    ("POST /journeys/{id}/to-be", Owner, ""),
    ("POST /journeys/{id}/sub", Owner, "name=Sub"),
    // Analytics and segments.
    ("GET /analytics/funnel", Staff, ""),
    (
        "GET /analytics/funnel.csv",
        Staff,
        "step={touchpoint}&step={touchpoint2}",
    ),
    ("GET /analytics/paths", Staff, ""),
    ("GET /analytics/paths.csv", Staff, ""),
    (
        "POST /analytics/funnel/segment",
        Staff,
        "name=S&step={touchpoint}",
    ),
    ("GET /segments", Staff, ""),
    ("GET /segments/{id}", Staff, ""),
    ("GET /segments/{id}/customers.csv", Staff, ""),
    ("POST /segments/{id}/delete", Owner, ""),
    ("GET /segments/new", Owner, ""),
    ("POST /segments/new", Owner, "consent=yes"),
    ("GET /segments/preview", Owner, "consent=yes"),
    ("GET /segments/{id}/edit", Owner, ""),
    (
        "POST /segments/{id}/edit",
        Owner,
        "name=S&consent=yes&save=1",
    ),
    // Campaigns (owner).
    ("GET /campaigns", Owner, ""),
    ("GET /campaigns/new", Owner, ""),
    ("POST /campaigns/new", Owner, ""),
    ("GET /campaigns/{id}", Owner, ""),
    ("GET /campaigns/{id}/edit", Owner, ""),
    ("POST /campaigns/{id}/edit", Owner, ""),
    ("POST /campaigns/{id}/test", Owner, "language=da"),
    ("POST /campaigns/{id}/send", Owner, "when=now"),
    ("POST /campaigns/{id}/unschedule", Owner, ""),
    ("POST /campaigns/{id}/pause", Owner, ""),
    ("POST /campaigns/{id}/resume", Owner, ""),
    ("GET /u/{token}", Public, ""),
    ("GET /u/{token}/l/{n}", Public, ""),
    ("POST /u/{token}", Public, "List-Unsubscribe=One-Click"),
    // Value.
    ("GET /value", Staff, ""),
    ("GET /value/retention", Staff, ""),
    ("GET /value/retention.csv", Staff, ""),
    ("GET /value/churn", Staff, ""),
    ("GET /value/churn.csv", Staff, ""),
    ("GET /value/revenue", Staff, ""),
    ("GET /value/revenue.csv", Staff, ""),
    ("GET /value/rfm", Staff, ""),
    ("GET /value/rfm.csv", Staff, ""),
    ("GET /value/clv", Staff, ""),
    ("GET /value/clv.csv", Staff, ""),
    ("GET /value/channels", Staff, ""),
    ("GET /value/channels.csv", Staff, ""),
    ("GET /value/customers", Staff, "who=rfm&segment=hibernating"),
    (
        "GET /value/customers.csv",
        Staff,
        "who=rfm&segment=hibernating",
    ),
    ("POST /value/customers/segment", Staff, "name=S"),
    (
        "POST /value/channels/spend",
        Owner,
        "channel=web&month=2025-11&amount=10",
    ),
    (
        "POST /value/channels/spend/delete",
        Owner,
        "channel=web&month=2025-11",
    ),
    ("GET /moments", Staff, ""),
    (
        "POST /moments/weight",
        Owner,
        "touchpoint={touchpoint}&weight=2",
    ),
    // Knowledge base and help centre.
    ("GET /kb", Staff, ""),
    ("GET /kb/new", Staff, ""),
    ("POST /kb/new", Staff, ""),
    ("GET /kb/{id}", Staff, ""),
    ("GET /kb/{id}/edit", Staff, ""),
    ("POST /kb/{id}/edit", Staff, "title=T&body=B&language=en"),
    ("GET /kb/{id}/delete", Owner, ""),
    ("POST /kb/{id}/delete", Owner, ""),
    ("POST /kb/address", Owner, "slug=isolation-b"),
    ("GET /help/{site}", Public, ""),
    ("GET /help/{site}/{slug}", Public, ""),
    // Cases.
    ("GET /complaint/{public_id}", Public, ""),
    ("POST /complaint/{public_id}", Public, ""),
    ("GET /c/{token}", Public, ""),
    ("POST /c/{token}", Public, ""),
    ("POST /api/v1/cases", Api, ""),
    ("GET /cases", Staff, ""),
    ("GET /cases/new", Staff, ""),
    ("POST /cases/new", Staff, ""),
    ("GET /cases/reports", Staff, ""),
    ("GET /cases/{id}", Staff, ""),
    ("POST /cases/{id}/entries", Staff, "body=x&kind=note"),
    (
        "POST /cases/{id}/update",
        Staff,
        "status=open&priority=normal",
    ),
    ("POST /cases/{id}/close", Staff, "resolution=x"),
    (
        "POST /cases/{id}/grants",
        Staff,
        "kind=discount&amount=1&note=",
    ),
    ("POST /cases/{id}/attachments", Staff, "multipart file=x"),
    ("GET /cases/{id}/attachments/{aid}", Staff, ""),
    ("GET /settings/cases", Owner, ""),
    ("POST /settings/cases/targets", Owner, ""),
    ("POST /settings/cases/categories", Owner, ""),
    ("POST /settings/cases/root-causes", Owner, ""),
    ("POST /settings/cases/authority", Owner, ""),
    ("POST /cases/grants/{id}/decide", Owner, "decision=approve"),
    // Reviews, moments, import.
    ("GET /reviews", Staff, ""),
    (
        "POST /reviews/import",
        Owner,
        "multipart preset=generic&file=x",
    ),
    ("POST /reviews/{id}/reply", Owner, "reply=x"),
    ("POST /reviews/{id}/match", Owner, "decision=reject"),
    // Competitors' standards.
    ("GET /competitors", Staff, ""),
    ("POST /competitors", Owner, "name=Rival"),
    ("POST /competitors/{id}/delete", Owner, ""),
    // Printable documents.
    ("GET /reports", Staff, ""),
    ("GET /reports/monthly/{file}", Staff, ""),
    ("POST /reports/settings", Owner, "monthly_email=on"),
    ("GET /customers/{id}/portal/invoices/{iid}/pdf", Staff, ""),
    (
        "POST /competitors/standards",
        Owner,
        "touchpoint_id={touchpoint}&kind=text&own=x&target=y",
    ),
    ("POST /competitors/standards/{id}/delete", Owner, ""),
    ("GET /import", Owner, ""),
    (
        "POST /import",
        Owner,
        "multipart kind=customers&preset=generic&file=x",
    ),
    ("POST /import/spend", Owner, "multipart file=x"),
    ("POST /import/invoices", Owner, "multipart file=x"),
    ("GET /import/{id}", Owner, ""),
    ("POST /import/{id}/check", Owner, ""),
    ("POST /import/{id}/run", Owner, ""),
    ("POST /import/{id}/cancel", Owner, ""),
    ("GET /import/{id}/status", Owner, ""),
    // Surveys and their results.
    ("GET /surveys", Staff, ""),
    ("POST /surveys/new", Owner, "title=S&kind=customer"),
    ("GET /surveys/{id}", Staff, ""),
    ("GET /surveys/{id}/answers", Staff, ""),
    ("GET /surveys/{id}/qr.svg", Staff, ""),
    ("GET /surveys/{id}/qr.png", Staff, ""),
    ("GET /surveys/{id}/paper", Staff, ""),
    ("GET /surveys/{id}/enter", Staff, ""),
    ("POST /surveys/{id}/enter", Staff, ""),
    ("POST /surveys/{id}/settings", Owner, "title=S"),
    ("POST /surveys/{id}/status", Owner, "status=closed"),
    ("POST /surveys/{id}/questions", Owner, "kind=nps&text=Q"),
    ("POST /surveys/{id}/questions/{qid}", Owner, "text=Q"),
    (
        "POST /surveys/{id}/questions/{qid}/move",
        Owner,
        "direction=up",
    ),
    ("POST /surveys/{id}/questions/{qid}/delete", Owner, ""),
    ("GET /surveys/{id}/questions/{qid}", Owner, ""),
    ("GET /surveys/{id}/invite", Owner, ""),
    ("POST /surveys/{id}/invite", Owner, "segment={segment}"),
    ("GET /surveys/{id}/results", Staff, ""),
    ("GET /surveys/{id}/results.csv", Staff, ""),
    ("GET /touchpoints/{id}/results", Staff, ""),
    ("GET /touchpoints/{id}/results.csv", Staff, ""),
    ("GET /results", Staff, ""),
    ("GET /followups", Staff, ""),
    ("POST /followups/{id}/close", Staff, "action=x"),
    ("GET /s/unsubscribe/{token}", Public, ""),
    ("POST /s/unsubscribe/{token}", Public, ""),
    ("GET /s/{token}", Public, ""),
    ("POST /s/{token}", Public, ""),
    ("GET /s/{token}/embed", Public, ""),
    ("GET /s/{token}/thanks", Public, ""),
    ("GET /s/{token}/contact", Public, ""),
    ("POST /s/{token}/contact", Public, ""),
    ("GET /s/i/{token}", Public, ""),
    ("POST /s/i/{token}", Public, ""),
    ("GET /s/i/{token}/thanks", Public, ""),
    ("GET /w.js", Public, ""),
    // Demand lists and thank-you notes (issue 15).
    ("GET /demand", Staff, ""),
    ("POST /demand", Owner, "name=Iso+item"),
    ("GET /demand/{id}", Staff, ""),
    (
        "POST /demand/{id}/waiting",
        Staff,
        "email=isolda@iso-a.test",
    ),
    ("POST /demand/{id}/rename", Owner, "name=Renamed"),
    ("POST /demand/{id}/available", Owner, ""),
    ("POST /demand/{id}/merge", Owner, "into={demand_item2}"),
    ("GET /thanks", Staff, ""),
    ("GET /thanks/print", Staff, ""),
    ("POST /thanks/{id}/written", Staff, "reason=champion"),
    (
        "POST /customers/{id}/address",
        Staff,
        "postal_address=Street+1",
    ),
    // The JSON API.
    ("POST /api/v1/events", Api, ""),
    ("POST /api/v1/identify", Api, ""),
    ("POST /api/v1/snippet/events", Api, ""),
    ("OPTIONS /api/v1/snippet/events", Public, ""),
    ("GET /api/v1/openapi.json", Public, ""),
    ("GET /t.js", Public, ""),
    // Assets.
    ("GET /assets/{*file}", Public, ""),
    ("GET /favicon.ico", Public, ""),
    // The client portal.
    ("GET /portal/{site}", Public, ""),
    ("POST /portal/{site}", Public, "email=x@y.test"),
    ("GET /portal/{site}/link/{token}", Public, ""),
    ("POST /portal/{site}/link/{token}", Public, ""),
    ("GET /portal/{site}/join", Public, ""),
    (
        "POST /portal/{site}/join",
        Public,
        "name=Iso&email=iso@y.test&consent=yes",
    ),
    ("GET /portal/{site}/notify/{key}", Public, ""),
    (
        "POST /portal/{site}/notify/{key}",
        Public,
        "email=iso@y.test&consent=yes",
    ),
    ("GET /portal/{site}/join/{token}", Public, ""),
    ("POST /portal/{site}/join/{token}", Public, ""),
    ("POST /portal/{site}/signout", Portal, ""),
    ("GET /portal/{site}/home", Portal, ""),
    ("GET /portal/{site}/profile", Portal, ""),
    ("POST /portal/{site}/profile", Portal, ""),
    ("POST /portal/{site}/surveys/{id}", Portal, ""),
    ("GET /portal/{site}/invoices/{id}", Portal, ""),
    ("GET /portal/{site}/invoices/{id}/pdf", Portal, ""),
    ("POST /portal/{site}/documents", Portal, "multipart file=x"),
    ("GET /portal/{site}/documents/{id}", Portal, ""),
    ("GET /portal/{site}/cases/new", Portal, ""),
    ("POST /portal/{site}/cases/new", Portal, ""),
    ("POST /portal/{site}/cases/{id}", Portal, "body=x"),
    ("GET /portal/{site}/cases/{id}", Portal, ""),
];

/// A route as the sources declare it, with the function that declares it.
#[derive(Debug)]
struct Route {
    method: String,
    path: String,
    group: String,
}

const METHODS: [&str; 6] = ["get", "post", "put", "patch", "delete", "options"];

/// Reads every `.route("/path", get(..).post(..))` in the web crate's sources.
fn routes_from_sources() -> Vec<Route> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut from = 0;
            while let Some(i) = text[from..].find(".route(") {
                let at = from + i;
                from = at + 7;
                let group = text[..at]
                    .rfind("fn ")
                    .map(|f| {
                        text[f + 3..]
                            .split(|c: char| !c.is_alphanumeric() && c != '_')
                            .next()
                            .unwrap()
                            .to_owned()
                    })
                    .unwrap_or_default();
                let rest = &text[from..];
                let Some(q) = rest.find('"') else { break };
                let after = &rest[q + 1..];
                let end = after.find('"').unwrap();
                let route = after[..end].to_owned();
                // The handler: method calls at the outermost level until `.route(` closes.
                let mut depth = 0;
                let mut word = String::new();
                for c in after[end + 1..].chars() {
                    match c {
                        '(' => {
                            if depth == 0 && METHODS.contains(&word.as_str()) {
                                out.push(Route {
                                    method: word.to_uppercase(),
                                    path: route.clone(),
                                    group: group.clone(),
                                });
                            }
                            depth += 1;
                            word.clear();
                        }
                        ')' if depth == 0 => break,
                        ')' => depth -= 1,
                        c if c.is_alphanumeric() || c == '_' => word.push(c),
                        _ => word.clear(),
                    }
                }
            }
        }
    }
    out
}

/// What the declaring function suggests for a route missing from [`EXPECTED`].
fn guess(r: &Route) -> Access {
    match r.group.as_str() {
        "owner_routes" => Owner,
        "staff_routes" => Staff,
        _ if r.path.starts_with("/api/") && r.method != "GET" && r.method != "OPTIONS" => Api,
        _ if r.path.starts_with("/portal/{site}/") && !r.path.contains("/link/") => Portal,
        _ => Public,
    }
}

#[test]
fn every_route_in_the_sources_has_an_expectation_and_no_expectation_is_stale() {
    let routes = routes_from_sources();
    assert!(
        routes.len() > 150,
        "the route reader found {}",
        routes.len()
    );
    let expected: BTreeMap<&str, Access> = EXPECTED.iter().map(|(k, a, _)| (*k, *a)).collect();
    assert_eq!(expected.len(), EXPECTED.len(), "a route is listed twice");
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    let mut declared = BTreeSet::new();
    for r in &routes {
        let key = format!("{} {}", r.method, r.path);
        match expected.get(key.as_str()) {
            None => missing.push(format!("    (\"{key}\", {:?}, \"\"),", guess(r))),
            // The layer a route sits behind decides; the table must agree with it.
            Some(a) if matches!(guess(r), Owner | Staff) && *a != guess(r) => {
                wrong.push(format!("{key}: declared in {}, listed as {a:?}", r.group))
            }
            Some(_) => {}
        }
        declared.insert(key);
    }
    assert!(
        missing.is_empty(),
        "routes without an entry in EXPECTED (tests/isolation.rs); check and paste:\n{}",
        missing.join("\n")
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
    let stale: Vec<_> = expected
        .keys()
        .filter(|k| !declared.contains(**k))
        .collect();
    assert!(
        stale.is_empty(),
        "entries for routes that no longer exist: {stale:?}"
    );
}

/// Business A's objects, by placeholder name.
struct World {
    ids: BTreeMap<&'static str, String>,
}

impl World {
    /// The id a path placeholder stands for, judged by the path it sits in.
    fn id_for(&self, path: &str, placeholder: &str) -> String {
        let kind = match (placeholder, path) {
            ("site", _) => "site",
            ("token" | "public_id", _) => "token",
            ("*file", _) => "asset",
            ("file", _) => "report_month",
            ("slug", _) => "article_slug",
            ("aid", _) => "attachment",
            ("sid", _) => "stage",
            ("tid", _) => "touchpoint",
            ("iid", _) => "invoice",
            ("did", _) => "document",
            ("qid", _) => "question",
            ("key", _) => "demand_key",
            ("n", _) => "link_index",
            (_, p) if p.starts_with("/demand/") => "demand_item",
            (_, p) if p.starts_with("/thanks/") => "customer",
            (_, p) if p.starts_with("/cases/grants/") => "grant",
            (_, p) if p.starts_with("/competitors/standards/") => "standard",
            (_, p) if p.starts_with("/competitors/") => "competitor",
            (_, p) if p.starts_with("/portal/{site}/invoices/") => "invoice",
            (_, p) if p.starts_with("/portal/{site}/documents/") => "document",
            (_, p) if p.starts_with("/portal/{site}/surveys/") => "invitation",
            (_, p) if p.starts_with("/portal/{site}/cases/") => "case",
            (_, p) if p.starts_with("/cases/") => "case",
            (_, p) if p.starts_with("/customers/") => "customer",
            (_, p) if p.starts_with("/journeys/") => "journey",
            (_, p) if p.starts_with("/touchpoints/") => "touchpoint",
            (_, p) if p.starts_with("/kb/") => "article",
            (_, p) if p.starts_with("/reviews/") => "review",
            (_, p) if p.starts_with("/settings/api-keys/") => "api_key",
            (_, p) if p.starts_with("/settings/users/") => "user",
            (_, p) if p.starts_with("/settings/invitations/") => "staff_invitation",
            (_, p) if p.starts_with("/import/") => "import",
            (_, p) if p.starts_with("/surveys/") => "survey",
            (_, p) if p.starts_with("/followups/") => "followup",
            (_, p) if p.starts_with("/segments/{id}/edit") => "rule_segment",
            (_, p) if p.starts_with("/segments/") => "segment",
            (_, p) if p.starts_with("/campaigns/") => "campaign",
            _ => panic!("no object for {{{placeholder}}} in {path}: teach World::id_for"),
        };
        self.ids[kind].clone()
    }

    /// `path` with its placeholders filled (the site by `site`).
    fn fill(&self, path: &str, site: &str) -> String {
        let mut out = String::new();
        let mut rest = path;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let end = rest.find('}').unwrap();
            let name = &rest[i + 1..end];
            if name == "site" {
                out.push_str(site);
            } else {
                out.push_str(&self.id_for(path, name));
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    fn body(&self, body: &str) -> String {
        let mut out = body.to_owned();
        for (k, v) in &self.ids {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }
}

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

/// What A's pages must never show to B.
const MARKER: &str = "Isolda Markerson";

async fn seed_a(db: &TestDb) -> (World, Workspace, User, User) {
    let (ws, owner, staff) = seed_workspace(db, "iso-a").await;
    let store = &db.store;
    let w = ws.id;
    let mut new = NewCustomer::named(name(MARKER), NOW);
    new.email = Some(Email::parse("isolda@iso-a.test").unwrap());
    let customer = store.create_customer(w, &new).await.unwrap();
    let journey = store
        .create_journey(
            w,
            &NewJourney {
                name: name("Repairs of A"),
                description: String::new(),
                variant: JourneyVariant::AsIs,
                counterpart_of: None,
                parent_id: None,
            },
            &["Service", "After"],
            NOW,
        )
        .await
        .unwrap();
    let stage = store.list_stages(w, journey.id).await.unwrap().remove(0);
    let touchpoint = store
        .create_touchpoint(
            w,
            &NewTouchpoint {
                stage_id: stage.id,
                name: name("Counter of A"),
                channel: Channel::InPerson,
                digital: false,
                owned: true,
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let touchpoint2 = store
        .create_touchpoint(
            w,
            &NewTouchpoint {
                stage_id: stage.id,
                name: name("Phone of A"),
                channel: Channel::Phone,
                digital: false,
                owned: true,
                owner_id: None,
                customer_goal: String::new(),
                pain_points: String::new(),
                ideas: String::new(),
            },
        )
        .await
        .unwrap();
    let settings = SurveySettings {
        title: Texts::same("Survey of A"),
        kind: SurveyKind::Customer,
        touchpoint_id: Some(touchpoint.id),
        presentation: Presentation::AllAtOnce,
        fatigue_days: 0,
        reminder_days: 3,
        min_group_size: 5,
        default_language: Language::En,
    };
    let questions = [NewQuestion::new(
        QuestionKind::Nps,
        Texts::same("Recommend?"),
    )];
    let survey = store
        .create_survey(w, &settings, &questions, NOW - 86_400)
        .await
        .unwrap();
    store
        .set_survey_status(w, survey.id, SurveyStatus::Live)
        .await
        .unwrap();
    let question = store
        .survey_questions(w, survey.id)
        .await
        .unwrap()
        .remove(0);
    let response = store
        .store_response(
            w,
            survey.id,
            &NewResponse {
                customer_id: Some(customer.id),
                channel: ResponseChannel::Link,
                language: Language::En,
                submitted_at: NOW - 3600,
                team: None,
                location: None,
                submission_key: "iso-a-1".into(),
                answers: vec![(question.id, AnswerValue::Score(2))],
            },
            None,
        )
        .await
        .unwrap();
    store
        .open_followup_for_response(w, response.id)
        .await
        .unwrap();
    let followup = store.list_followups(w, false).await.unwrap().remove(0);
    let (invitation, _) = store
        .create_invitation(w, survey.id, customer.id, NOW)
        .await
        .unwrap();
    let article = store
        .create_article(
            w,
            &ArticleDraft::parse("Opening hours of A", "We open at nine.", "en", true).unwrap(),
            None,
            NOW,
        )
        .await
        .unwrap();
    let categories = store.case_categories(w).await.unwrap();
    let cal = store.business_calendar(w).await.unwrap();
    let case = store
        .create_case(
            w,
            &NewCase {
                customer_id: Some(customer.id),
                touchpoint_id: None,
                category_id: categories[0].id,
                subject: "Case of A".into(),
                description: "Broken".into(),
                priority: CasePriority::Normal,
                assignee_id: None,
                source: CaseSource::Staff,
                created_by: None,
                created_at: NOW,
                due: CaseDue::for_category(&cal, &categories[0], NOW),
            },
        )
        .await
        .unwrap();
    let attachment = store
        .add_case_attachment(w, case.id, "a.txt", "text/plain", b"of A", None, NOW)
        .await
        .unwrap();
    let grant = store
        .request_grant(
            w,
            case.id,
            GrantKind::Refund,
            Money(1_000_000),
            "big",
            &staff,
            NOW,
        )
        .await
        .unwrap();
    let invoice = store
        .create_invoice(
            w,
            customer.id,
            &kunde_store::NewInvoice {
                number: "INV-A".into(),
                issued: "2025-11-01".into(),
                due: "2025-11-15".into(),
                amount: Money(1000),
            },
            NOW,
        )
        .await
        .unwrap();
    let document = store
        .add_portal_document(
            w,
            customer.id,
            "a.pdf",
            "application/pdf",
            b"%PDF of A",
            None,
            false,
            NOW,
        )
        .await
        .unwrap();
    let segment = store
        .create_segment(
            w,
            &NewSegment {
                name: name("Segment of A"),
                description: String::new(),
                customers: vec![customer.id],
            },
            None,
            NOW,
        )
        .await
        .unwrap();
    let rule_segment = store
        .create_rule_segment(
            w,
            &name("Rule segment of A"),
            r#"{"v":1,"all":[{"consent":true}]}"#,
            None,
            NOW,
        )
        .await
        .unwrap();
    let (api_key, _) = store
        .create_api_key(w, &name("key of A"), ApiKeyKind::Secret, None, NOW)
        .await
        .unwrap();
    store
        .import_reviews(
            w,
            touchpoint.id,
            &[kunde_store::ReviewInput {
                source: "trustpilot".into(),
                external_id: Some("r1".into()),
                author: "Reviewer".into(),
                email: None,
                rating: 2,
                text: "Slow".into(),
                reviewed_at: NOW - 86_400,
                url: None,
            }],
            NOW,
        )
        .await
        .unwrap();
    let review = store.list_reviews(w).await.unwrap().remove(0);
    let competitor = store.add_competitor(w, "Rival", NOW).await.unwrap();
    // An order of the customer, for an invoice made from it.
    store
        .insert_events(
            w,
            &[NewEvent {
                customer_id: Some(customer.id),
                visitor_id: None,
                touchpoint_id: touchpoint2.id,
                occurred_at: NOW - 86_400,
                channel: Channel::InPerson,
                amount: Some(Money(49_900)),
                properties: "{}".into(),
            }],
        )
        .await
        .unwrap();
    let order = store.customer_orders(w, customer.id).await.unwrap()[0].event_id;
    let standard = store
        .save_standard(
            w,
            &kunde_store::NewStandard {
                // Not `touchpoint`: deleting it (an earlier route) would take this along.
                touchpoint_id: touchpoint2.id,
                kind: "text".to_owned(),
                unit: String::new(),
                own: kunde_store::StandardValue {
                    value: None,
                    text: "same day".to_owned(),
                },
                target: kunde_store::StandardValue::default(),
                competitors: vec![],
            },
            NOW,
        )
        .await
        .unwrap();
    // An import job, uploaded the way the owner does.
    let mut c = Client::new(state(db));
    c.sign_in(owner.email.as_str()).await;
    let upload = c
        .post_multipart(
            "/import",
            &[
                ("kind", b"customers", None),
                ("preset", b"generic", None),
                (
                    "file",
                    b"name,email\nIb Import,ib@iso-a.test\n",
                    Some("customers.csv"),
                ),
            ],
        )
        .await;
    // A to-be counterpart, so the journey compares.
    let to_be = c
        .post(&format!("/journeys/{}/to-be", journey.id.0), &[])
        .await;
    assert_eq!(to_be.status, StatusCode::SEE_OTHER, "{}", to_be.body);
    let job = upload
        .location
        .unwrap_or_else(|| panic!("upload: {} {}", upload.status, upload.body));
    let import = job.trim_start_matches("/import/").to_owned();
    let site = store.help_site_slug(w).await.unwrap();
    // A colleague invited, not yet joined.
    let staff_invitation = store
        .send_staff_invitation(
            w,
            &NewUser {
                name: name("Ines Invited"),
                email: Email::parse("ines@iso-a.test").unwrap(),
                role: Role::Staff,
                language: Language::En,
                password: None,
            },
            ("iso-a-invitation-hash", NOW + 3600),
            Some(owner.id),
            &kunde_domain::mail::Mail {
                to: "ines@iso-a.test".into(),
                subject: "Invitation".into(),
                text: "x".into(),
                ..Default::default()
            },
            NOW,
        )
        .await
        .unwrap();
    // Demand items: one to act on, one to merge it into.
    let demand_item = store
        .create_demand_item(w, &name("Iso demand"), &[], NOW)
        .await
        .unwrap();
    let demand_item2 = store
        .create_demand_item(w, &name("Iso demand 2"), &[], NOW)
        .await
        .unwrap();
    let demand_key = store.demand_item(w, demand_item).await.unwrap().public_key;
    let campaign = store
        .create_campaign(
            w,
            &kunde_store::NewCampaign {
                name: name("Campaign of A"),
                segment: segment.id,
                touchpoint: None,
                holdout_percent: 10,
                rate_per_minute: 60,
                versions: vec![kunde_store::CampaignVersion {
                    language: Language::En,
                    subject: "News of A".into(),
                    body: "Hello".into(),
                }],
                repeat: None,
                offer: None,
                track_clicks: false,
            },
            NOW,
        )
        .await
        .unwrap();
    let ids = BTreeMap::from([
        ("campaign", campaign.to_string()),
        ("demand_item", demand_item.to_string()),
        ("demand_item2", demand_item2.to_string()),
        ("demand_key", demand_key),
        ("staff_invitation", staff_invitation.id.to_string()),
        ("site", site),
        ("token", "no-such-token-0000".to_owned()),
        ("link_index", "0".to_owned()),
        ("asset", "app.css".to_owned()),
        ("report_month", "2026-01.pdf".to_owned()),
        ("customer", customer.id.0.to_string()),
        ("journey", journey.id.0.to_string()),
        ("stage", stage.id.0.to_string()),
        ("touchpoint", touchpoint.id.0.to_string()),
        ("touchpoint2", touchpoint2.id.0.to_string()),
        ("survey", survey.id.0.to_string()),
        ("question", question.id.0.to_string()),
        ("followup", followup.id.to_string()),
        ("invitation", invitation.id.0.to_string()),
        ("article", article.id.to_string()),
        ("article_slug", article.slug.clone()),
        ("case", case.id.0.to_string()),
        ("attachment", attachment.id.to_string()),
        ("grant", grant.id.to_string()),
        ("invoice", invoice.id.to_string()),
        ("document", document.id.to_string()),
        ("segment", segment.id.0.to_string()),
        ("rule_segment", rule_segment.id.0.to_string()),
        ("api_key", api_key.id.to_string()),
        ("user", staff.id.0.to_string()),
        ("review", review.id.to_string()),
        ("competitor", competitor.to_string()),
        ("order", order.to_string()),
        ("standard", standard.to_string()),
        ("import", import),
    ]);
    (World { ids }, ws, owner, staff)
}

fn signin_redirect(r: &Reply) -> bool {
    r.status == StatusCode::SEE_OTHER
        && r.location
            .as_deref()
            .is_some_and(|l| l.starts_with("/signin"))
}

/// Sends `method path` with the entry's body as `c`.
async fn send(c: &mut Client, method: &str, path: &str, body: &str, bearer: Option<&str>) -> Reply {
    match method {
        "GET" => c.get(path).await,
        "OPTIONS" => c.send_json("OPTIONS", path, &[], "").await,
        _ if body.starts_with("json ") || bearer.is_some() => {
            let auth = bearer.map(|k| format!("Bearer {k}"));
            let headers: Vec<(&str, &str)> = auth
                .as_deref()
                .map(|a| vec![("authorization", a)])
                .unwrap_or_default();
            c.send_json(method, path, &headers, body.trim_start_matches("json "))
                .await
        }
        _ if body.starts_with("multipart ") => {
            let fields: Vec<(String, String)> =
                serde_urlencoded::from_str(&body["multipart ".len()..]).unwrap();
            let parts: Vec<(&str, &[u8], Option<&str>)> = fields
                .iter()
                .map(|(k, v)| {
                    let file = (k == "file").then_some("file.csv");
                    (k.as_str(), v.as_bytes(), file)
                })
                .collect();
            c.post_multipart(path, &parts).await
        }
        _ => {
            let fields: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap();
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            c.post(path, &pairs).await
        }
    }
}

async fn portal_client(db: &TestDb, ws: WorkspaceId, site: &str, c: CustomerId) -> Client {
    let token = db
        .store
        .create_portal_link(ws, c, NOW, NOW + 900)
        .await
        .unwrap();
    let mut client = Client::new(state(db));
    let used = client
        .post(&format!("/portal/{site}/link/{token}"), &[])
        .await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    client
}

/// A mutating request goes last when it removes something other routes use.
fn removes(route: &str) -> u8 {
    let removal = ["/delete", "/remove", "/revoke", "/merge"]
        .iter()
        .any(|e| route.ends_with(e));
    match () {
        _ if route.contains("/erase") => 4,
        // A standard hangs off a touchpoint of a journey: removed before either is.
        _ if removal && route.contains("/competitors/standards/") => 0,
        _ if removal && route.contains("{tid}") => 1,
        _ if removal && route.contains("{sid}") => 2,
        _ if removal => 3,
        _ => 0,
    }
}

async fn every_route_answers_each_role_as_expected_and_never_across_businesses(db: &TestDb) {
    let (world, ws_a, owner_a, staff_a) = seed_a(db).await;
    let (ws_b, owner_b, _) = seed_workspace(db, "iso-b").await;
    let site_a = world.ids["site"].clone();
    let site_b = db.store.help_site_slug(ws_b.id).await.unwrap();
    let mut b_customer = NewCustomer::named(name("Bea of B"), NOW);
    b_customer.email = Some(Email::parse("bea@iso-b.test").unwrap());
    let b_customer = db
        .store
        .create_customer(ws_b.id, &b_customer)
        .await
        .unwrap();
    let (_, b_key) = db
        .store
        .create_api_key(ws_b.id, &name("key of B"), ApiKeyKind::Secret, None, NOW)
        .await
        .unwrap();

    let mut signed_out = Client::new(state(db));
    let mut staff = Client::new(state(db));
    staff.sign_in(staff_a.email.as_str()).await;
    let mut other_owner = Client::new(state(db));
    other_owner.sign_in(owner_b.email.as_str()).await;
    let mut other_customer = portal_client(db, ws_b.id, &site_b, b_customer.id).await;
    let customer_a = CustomerId(world.ids["customer"].parse().unwrap());
    let mut own_customer = portal_client(db, ws_a.id, &site_a, customer_a).await;

    let mut owner = Client::new(state(db));
    owner.sign_in(owner_a.email.as_str()).await;
    let mut failures = Vec::new();
    let mut later = Vec::new();
    for (key, access, body) in EXPECTED {
        let (method, route) = key.split_once(' ').unwrap();
        let path = world.fill(route, &site_a);
        let body = world.body(body);
        // A GET's "body" is its query.
        let path = if method == "GET" && !body.is_empty() {
            format!("{path}?{body}")
        } else {
            path
        };
        // A report's month (`{file}`, `2026-01.pdf`) names no object of A: B gets its own.
        let has_ids = route.contains('{') && !route.contains("{file}");
        let mut fail = |who: &str, r: &Reply, want: &str| {
            failures.push(format!(
                "{method} {path} {who}: {} (wanted {want}) {}",
                r.status,
                r.location.as_deref().unwrap_or("")
            ))
        };

        // Signed out.
        let r = send(&mut signed_out, method, &path, &body, None).await;
        match access {
            Staff | Owner if !signin_redirect(&r) => fail("signed out", &r, "sign-in"),
            Public
                if r.status.is_server_error()
                    || r.status == StatusCode::FORBIDDEN
                    || r.location
                        .as_deref()
                        .is_some_and(|l| l.starts_with("/signin?next=")) =>
            {
                fail("signed out", &r, "a public answer")
            }
            Api | Portal if r.status.is_success() || r.status.is_server_error() => {
                fail("signed out", &r, "refused")
            }
            _ => {}
        }

        // Staff of business A.
        match access {
            Owner => {
                let r = send(&mut staff, method, &path, &body, None).await;
                if r.status != StatusCode::FORBIDDEN {
                    fail("staff of A", &r, "403");
                }
            }
            Staff if method == "GET" => {
                let r = staff.get(&path).await;
                if !(r.status.is_success() || r.status.is_redirection()) || signin_redirect(&r) {
                    fail("staff of A", &r, "the page");
                }
            }
            Api | Portal => {
                let r = send(&mut staff, method, &path, &body, None).await;
                if r.status.is_success() || r.status.is_server_error() {
                    fail("staff of A (session only)", &r, "refused");
                }
            }
            _ => {}
        }

        // The owner of business B, with A's ids.
        match access {
            Staff | Owner if has_ids => {
                let r = send(&mut other_owner, method, &path, &body, None).await;
                if r.status != StatusCode::NOT_FOUND {
                    fail("owner of B with A's ids", &r, "404");
                }
            }
            Staff | Owner if method == "GET" => {
                let r = other_owner.get(&path).await;
                if r.status.is_server_error() || r.body.contains(MARKER) {
                    fail("owner of B", &r, "B's own page without A's data");
                }
            }
            Api => {
                let json = format!(
                    "{{\"customer_id\":{},\"category\":\"broken\",\"subject\":\"x\"}}",
                    world.ids["customer"]
                );
                let r = send(&mut other_owner, method, &path, &json, Some(&b_key)).await;
                if r.status.is_success() || r.status.is_server_error() {
                    fail("B's API key with A's customer", &r, "refused");
                }
            }
            Portal => {
                let r = send(&mut other_owner, method, &path, &body, None).await;
                if r.status.is_success() || r.status.is_server_error() {
                    fail("owner of B in A's portal", &r, "refused");
                }
                // A customer of B, in B's portal, with A's ids.
                let theirs = world.fill(route, &site_b);
                if theirs.matches('{').count() == 0 && route.matches('{').count() > 1 {
                    let r = send(&mut other_customer, method, &theirs, &body, None).await;
                    if r.status != StatusCode::NOT_FOUND {
                        fail("customer of B with A's ids", &r, "404");
                    }
                }
                // And in A's portal B's customer session is nobody.
                let r = send(&mut other_customer, method, &path, &body, None).await;
                if r.status.is_success() || r.status.is_server_error() {
                    fail("customer of B in A's portal", &r, "refused");
                }
            }
            _ => {}
        }

        // The ids are A's: A's owner (or customer) reaches what B could not.
        match access {
            Staff | Owner if has_ids && method == "GET" => {
                let r = owner.get(&path).await;
                if !r.status.is_success() {
                    fail("owner of A", &r, "the page");
                }
            }
            Staff | Owner if has_ids => later.push((method, route, path.clone(), body.clone())),
            Portal if method == "GET" => {
                let r = own_customer.get(&path).await;
                if !r.status.is_success() {
                    fail("customer of A", &r, "the page");
                }
            }
            _ => {}
        }
    }
    // A's owner posts to every route with ids, removals last: none of them is "not found".
    later.sort_by_key(|(_, route, _, _)| removes(route));
    for (method, _, path, body) in later {
        let r = send(&mut owner, method, &path, &body, None).await;
        if r.status == StatusCode::NOT_FOUND || r.status.is_server_error() || signin_redirect(&r) {
            failures.push(format!(
                "{method} {path} owner of A: {} (wanted an answer about A's object)",
                r.status
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} routes answered wrongly:\n{}",
        failures.len(),
        EXPECTED.len(),
        failures.join("\n")
    );
}
