//! Every page is reachable (issue 17): an owner who starts at `/` and follows links finds
//! every page the route table serves without an id in its address. The routes are read from
//! the sources as text (as `tidy.rs` does), so a new page that nothing links to fails here.

mod support;

use kunde_store::testing::TestDb;
use std::collections::{BTreeSet, VecDeque};
use std::path::Path;
use support::*;

on_both_databases!(every_page_without_an_id_is_linked_from_the_menu_or_a_page_it_links_to,);

/// Addresses that are not pages a signed-in person navigates to: public or machine entry
/// points, downloads, and forms' targets.
const NOT_PAGES: [&str; 10] = [
    // The rule editor's JSON preview, fetched by its script.
    "/segments/preview",
    "/signin",
    "/setup",
    "/forgot",
    "/healthz",
    "/favicon.ico",
    "/w.js",
    "/t.js",
    "/language",
    "/signout",
];

/// Lists behind a figure: they answer only with a choice in the address (which cohort, which
/// segment), and are reached from the figure's own link.
const LISTS_BEHIND_A_FIGURE: [&str; 1] = ["/value/customers"];

fn get_routes() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(i) = rest.find(".route(") {
                rest = &rest[i + 7..];
                let Some(q) = rest.find('"') else { break };
                let after = &rest[q + 1..];
                let Some(end) = after.find('"') else { break };
                let route = &after[..end];
                let handler = &after[end..after.len().min(end + 200)];
                let is_get = handler
                    .trim_start_matches(['"', ',', ' ', '\n'])
                    .starts_with("get(");
                if is_get
                    && route.starts_with('/')
                    && !route.contains('{')
                    && !route.starts_with("/api/")
                    && !route.ends_with(".csv")
                    && !NOT_PAGES.contains(&route)
                    && !LISTS_BEHIND_A_FIGURE.contains(&route)
                {
                    out.insert(route.to_owned());
                }
                rest = after;
            }
        }
    }
    out
}

fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        rest = &rest[i + 6..];
        let end = rest.find('"').unwrap_or(0);
        let href = rest[..end].replace("&amp;", "&");
        if href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/assets/") {
            out.push(href);
        }
        rest = &rest[end..];
    }
    out
}

async fn every_page_without_an_id_is_linked_from_the_menu_or_a_page_it_links_to(db: &TestDb) {
    let (ws, owner, _) = seed_workspace(db, "crawl").await;
    // With a customer, the pages that start from one (a new case) are reachable too.
    seed_customer(db, ws.id, "Astrid Andersen").await;
    let mut c = Client::new(state(db));
    c.sign_in(owner.email.as_str()).await;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue = VecDeque::from([("/".to_owned(), 0)]);
    while let Some((href, depth)) = queue.pop_front() {
        let path = href.split(['?', '#']).next().unwrap().to_owned();
        if !seen.insert(path.clone()) || depth > 3 || path.ends_with(".csv") {
            continue;
        }
        let page = c.get(&href).await;
        // An address that leads on (a section's own address) counts, and so does where it leads.
        if let Some(to) = page.location.as_deref().filter(|l| l.starts_with('/')) {
            queue.push_back((to.to_owned(), depth));
        }
        if page.status.is_success() {
            for l in links(&page.body) {
                queue.push_back((l, depth + 1));
            }
        }
    }
    let unlinked: Vec<_> = get_routes()
        .into_iter()
        .filter(|r| !seen.contains(r))
        .collect();
    assert!(
        unlinked.is_empty(),
        "pages no link leads to (link them from the menu or a page it links to): {unlinked:?}"
    );
}
