//! Every page works on a phone (issue 17): the demo business's owner, in a real headless
//! Chromium 390 px wide, follows every link from the start page — one page of each kind, ids
//! included, and the public pages the owner is shown the address of — and no page may scroll
//! sideways. Wide tables scroll inside their own box.

mod support;

use kunde_store::testing::TestDb;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use support::browser::{Browser, Server};

/// The shape of an address: digits and tokens replaced, the query dropped, so one page of
/// each kind is visited.
fn shape(href: &str) -> String {
    let path = href.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .map(|seg| {
            if seg.chars().any(|c| c.is_ascii_digit()) || seg.len() > 20 {
                "{x}"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn is_page(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    href.starts_with('/')
        && !href.starts_with("//")
        && !path.starts_with("/assets/")
        && !path.starts_with("/api/")
        && ![".csv", ".svg", ".png", ".pdf", ".zip", ".js"]
            .iter()
            .any(|ext| path.ends_with(ext))
        && !path.contains("/attachments/")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_of_the_demo_scrolls_sideways_at_390_px() {
    let db = TestDb::sqlite().await.unwrap();
    let hash =
        kunde_web::auth::hash_password(&kunde_domain::Password::parse(support::PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 120,
        ..kunde_demo::DemoOptions::default()
    };
    let import = kunde_demo::generate(&opts, hash.clone(), hash);
    let ws = db
        .store
        .import_workspace(&import, support::NOW)
        .await
        .unwrap();
    // A demand item from the demo's wish answers, so its page and public form are visited.
    let wishes = db.store.wish_answers(ws, 5).await.unwrap();
    let ids: Vec<i64> = wishes.iter().map(|a| a.id).collect();
    let item = db
        .store
        .create_demand_item(
            ws,
            &kunde_domain::NonEmpty::parse("name", "Bike bags").unwrap(),
            &ids,
            support::NOW,
        )
        .await
        .unwrap();
    let item_page = format!("/demand/{item}");
    let server = Server::start(support::state(&db)).await;
    let browser = Browser::start_sized(390, 844).await;
    browser.sign_in(&server, kunde_demo::DEMO_OWNER_EMAIL).await;

    let mut shapes = BTreeSet::new();
    let mut wide: BTreeMap<String, i64> = BTreeMap::new();
    // Pages that must be visited whatever the crawl's limit reaches first.
    let must = [
        "/reports",
        "/followups",
        "/settings/cases",
        "/settings/portal",
        "/segments/new",
        "/demand",
        "/thanks",
        "/thanks/print",
        "/campaigns",
        "/campaigns/new",
    ];
    let mut queue: VecDeque<String> = std::iter::once("/")
        .chain(must)
        .chain(std::iter::once(item_page.as_str()))
        .map(str::to_owned)
        .collect();
    let mut visited = 0;
    while let Some(href) = queue.pop_front() {
        let public = href.starts_with("/portal/");
        if (visited >= 90 && !public) || !shapes.insert(shape(&href)) {
            continue;
        }
        visited += 1;
        browser.goto(&server, &href).await;
        let overflow = browser
            .client
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth;",
                vec![],
            )
            .await
            .unwrap()
            .as_i64()
            .unwrap_or(0);
        if overflow > 0 {
            wide.insert(href.clone(), overflow);
        }
        let hrefs = browser
            .client
            .execute(
                "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'));",
                vec![],
            )
            .await
            .unwrap();
        // Public pages (the portal, the sign-up form, the help centre, survey and complaint
        // links) are shown to the owner as full addresses on this server: follow those too.
        let origin = server.url("");
        for h in hrefs.as_array().into_iter().flatten() {
            let Some(h) = h.as_str() else { continue };
            let h = h.strip_prefix(origin.as_str()).unwrap_or(h);
            if is_page(h) {
                queue.push_back(h.replace("&amp;", "&"));
            }
        }
    }
    browser.close().await;
    assert!(visited > 25, "the crawl reached only {visited} pages");
    for page in must {
        assert!(shapes.contains(page), "{page} was not visited");
    }
    // The customers' side: the portal's sign-in page, the newsletter sign-up form and a
    // "Notify me" form.
    for public in ["/portal/", "/join", "/notify/"] {
        assert!(
            shapes.iter().any(|s| s.contains(public)),
            "no public page {public} was visited: {shapes:?}"
        );
    }
    assert!(
        wide.is_empty(),
        "pages that scroll sideways at 390 px (address → px): {wide:?}"
    );
}
