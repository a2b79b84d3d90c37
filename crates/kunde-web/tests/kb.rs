//! The knowledge base through the web layer, in-process on both databases: staff write,
//! search, edit and translate articles; only owners delete, after a confirmation; Markdown's
//! raw HTML is escaped; the public help centre shows only public articles, needs no sign-in
//! and speaks the visitor's language; nothing of another workspace is reachable.

mod support;

use axum::http::StatusCode;
use kunde_domain::*;
use kunde_store::testing::TestDb;
use support::*;

on_both_databases!(
    staff_write_search_edit_and_translate_articles,
    a_bad_article_form_says_what_is_wrong_and_saves_nothing,
    only_owners_delete_and_only_after_confirming,
    raw_html_in_markdown_is_shown_as_text,
    the_help_centre_shows_only_public_articles_without_sign_in,
    another_workspaces_articles_answer_404,
    the_demo_shop_has_its_opening_hours_and_a_searchable_help_centre,
);

/// Creates an article through the form and returns its id.
async fn create(c: &mut Client, title: &str, body: &str, lang: &str, public: bool) -> i64 {
    let mut fields = vec![("title", title), ("body", body), ("language", lang)];
    if public {
        fields.push(("public", "on"));
    }
    let reply = c.post("/kb/new", &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.location.unwrap();
    location
        .strip_prefix("/kb/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected redirect {location}"))
}

async fn staff_write_search_edit_and_translate_articles(db: &TestDb) {
    seed_workspace(db, "kbstaff").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@kbstaff.test").await;
    assert!(c.get("/kb").await.body.contains("No articles yet"));

    let id = create(
        &mut c,
        "Dæktryk",
        "# Sådan\n\nPump dækket til **4 bar**.",
        "da",
        true,
    )
    .await;
    let page = c.get(&format!("/kb/{id}?done=kb-created")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Article created."));
    assert!(
        page.body.contains("<strong>4 bar</strong>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("lang=\"da\""));
    assert!(page.body.contains("/help/business-kbstaff/daektryk"));
    create(
        &mut c,
        "Opening hours",
        "Open Monday to Friday.",
        "en",
        false,
    )
    .await;

    let found = c.get("/kb?q=dækket").await;
    assert!(found.body.contains("One article found"), "{}", found.body);
    assert!(found.body.contains("Dæktryk") && !found.body.contains("Opening hours"));
    let odd = c.get("/kb?q=%22foo%20AND%20(").await;
    assert_eq!(odd.status, StatusCode::OK);
    assert!(odd.body.contains("Nothing matches"), "{}", odd.body);

    let reply = c
        .post(
            &format!("/kb/{id}/edit"),
            &[
                ("title", "Dæktryk og ventiler"),
                ("body", "Pump til 5 bar."),
                ("language", "da"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = c.get(&format!("/kb/{id}")).await;
    assert!(page.body.contains("Dæktryk og ventiler") && page.body.contains("5 bar"));
    // The public box was left unticked: the article is internal now.
    assert!(page.body.contains("Internal: only signed-in staff"));

    // A translation joins the group; a second one in the same language is refused.
    let form = c
        .get(&format!("/kb/new?translation_of={id}&language=en"))
        .await;
    assert!(form.body.contains("Translation of “Dæktryk og ventiler”"));
    let fields = [
        ("title", "Tyre pressure"),
        ("body", "Pump to 5 bar."),
        ("language", "en"),
        ("translation_of", &id.to_string()),
    ];
    let reply = c.post("/kb/new", &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = c.get(&format!("/kb/{id}")).await;
    assert!(page.body.contains("Tyre pressure"), "{}", page.body);
    let reply = c.post("/kb/new", &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .body
            .contains("already has a translation in that language")
    );
}

async fn a_bad_article_form_says_what_is_wrong_and_saves_nothing(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "kbbad").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@kbbad.test").await;
    let reply = c
        .post(
            "/kb/new",
            &[("title", "  "), ("body", "Kept text"), ("language", "de")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("Title"), "{}", reply.body);
    assert!(reply.body.contains("Kept text"));
    assert_eq!(
        reply.body.matches("class=\"field-error\"").count(),
        2,
        "{}",
        reply.body
    );
    let long = "x".repeat(201);
    let reply = c
        .post(
            "/kb/new",
            &[("title", &long), ("body", ""), ("language", "en")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.body.matches("class=\"field-error\"").count(),
        2,
        "{}",
        reply.body
    );
    assert!(
        db.store
            .list_articles(ws.id, Visibility::All)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn only_owners_delete_and_only_after_confirming(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "kbdel").await;
    let mut staff = Client::new(state(db));
    staff.sign_in("staff@kbdel.test").await;
    let id = create(&mut staff, "Returns", "Within 30 days.", "en", true).await;
    assert!(
        !staff
            .get(&format!("/kb/{id}"))
            .await
            .body
            .contains("Delete article")
    );
    assert_eq!(
        staff.get(&format!("/kb/{id}/delete")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.post(&format!("/kb/{id}/delete"), &[]).await.status,
        StatusCode::FORBIDDEN
    );

    let mut owner = Client::new(state(db));
    owner.sign_in("owner@kbdel.test").await;
    assert!(
        owner
            .get(&format!("/kb/{id}"))
            .await
            .body
            .contains("Delete article")
    );
    let confirm = owner.get(&format!("/kb/{id}/delete")).await;
    assert!(
        confirm.body.contains("Delete “Returns” for good?"),
        "{}",
        confirm.body
    );
    assert_eq!(
        db.store
            .list_articles(ws.id, Visibility::All)
            .await
            .unwrap()
            .len(),
        1
    );
    let reply = owner.post(&format!("/kb/{id}/delete"), &[]).await;
    assert_eq!(reply.location.as_deref(), Some("/kb?done=kb-deleted"));
    assert!(
        owner
            .get("/kb?done=kb-deleted")
            .await
            .body
            .contains("Article deleted.")
    );
    assert_eq!(
        owner.get(&format!("/kb/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        db.store
            .list_articles(ws.id, Visibility::All)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn raw_html_in_markdown_is_shown_as_text(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "kbxss").await;
    let mut c = Client::new(state(db));
    c.sign_in("staff@kbxss.test").await;
    let id = create(
        &mut c,
        "<b>Title</b>",
        "Hi <script>alert(1)</script>\n\n<iframe src=\"https://evil.test\"></iframe>\n\n[click](javascript:alert(2))",
        "en",
        true,
    )
    .await;
    for page in [
        c.get(&format!("/kb/{id}")).await.body,
        c.get("/help/business-kbxss/b-title-b").await.body,
    ] {
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<iframe"), "{page}");
        assert!(!page.contains("javascript:"), "{page}");
        assert!(!page.contains("<b>Title</b>"), "{page}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(page.contains("&lt;iframe"), "{page}");
    }
    assert_eq!(
        db.store.get_article(ws.id, id).await.unwrap().slug,
        "b-title-b"
    );
}

async fn the_help_centre_shows_only_public_articles_without_sign_in(db: &TestDb) {
    let (ws, _, _) = seed_workspace(db, "kbhelp").await;
    let store = &db.store;
    let public = ArticleDraft::parse(
        "Returnering",
        "Aflever cyklen inden 30 dage med kvittering.",
        "da",
        true,
    )
    .unwrap();
    let public = store
        .create_article(ws.id, &public, None, NOW)
        .await
        .unwrap();
    let en = ArticleDraft::parse(
        "Returns",
        "Bring the bike back within 30 days with the receipt.",
        "en",
        true,
    )
    .unwrap();
    store
        .create_article(ws.id, &en, Some(public.id), NOW)
        .await
        .unwrap();
    let internal = ArticleDraft::parse(
        "Refunds without receipt",
        "Staff may refund up to 500 DKK without a receipt.",
        "en",
        false,
    )
    .unwrap();
    let internal = store
        .create_article(ws.id, &internal, None, NOW)
        .await
        .unwrap();
    let site = store.help_site_slug(ws.id).await.unwrap();
    assert_eq!(site, "business-kbhelp");

    // No sign-in, the visitor's language for the page chrome.
    let mut visitor = Client::new(state(db));
    visitor.accept_language = Some("da-DK,da;q=0.9".into());
    let index = visitor.get(&format!("/help/{site}")).await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(
        index.body.contains("Hjælp fra Business kbhelp"),
        "{}",
        index.body
    );
    assert!(index.body.contains("Returnering") && index.body.contains("Returns"));
    assert!(!index.body.contains("Refunds without receipt"));
    // The visitor's language comes first.
    assert!(index.body.find("Returnering").unwrap() < index.body.find("Returns").unwrap());

    let found = visitor.get(&format!("/help/{site}?q=receipt")).await;
    assert!(
        found.body.contains("Returns") && !found.body.contains("Refunds"),
        "{}",
        found.body
    );
    let found = visitor.get(&format!("/help/{site}?q=refund")).await;
    assert!(found.body.contains("Intet matcher"), "{}", found.body);
    assert_eq!(
        visitor.get(&format!("/help/{site}?q=*")).await.status,
        StatusCode::OK
    );

    let page = visitor.get(&format!("/help/{site}/returnering")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<article lang=\"da\""));
    assert!(page.body.contains("Også på:") && page.body.contains(&format!("/help/{site}/returns")));
    assert_eq!(
        visitor
            .get(&format!("/help/{site}/{}", internal.slug))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor.get("/help/no-such-business").await.status,
        StatusCode::NOT_FOUND
    );

    // The same pages in Tagalog chrome.
    visitor.accept_language = Some("tl".into());
    assert!(
        visitor
            .get(&format!("/help/{site}"))
            .await
            .body
            .contains("Tulong mula sa")
    );
}

async fn another_workspaces_articles_answer_404(db: &TestDb) {
    let (a, _, _) = seed_workspace(db, "kba").await;
    let (b, _, _) = seed_workspace(db, "kbb").await;
    let secret = ArticleDraft::parse("B internal", "only for B", "en", false).unwrap();
    let theirs = db
        .store
        .create_article(b.id, &secret, None, NOW)
        .await
        .unwrap();
    let open = ArticleDraft::parse("B public", "public text of B", "en", true).unwrap();
    let open = db
        .store
        .create_article(b.id, &open, None, NOW)
        .await
        .unwrap();
    let site_a = db.store.help_site_slug(a.id).await.unwrap();

    let mut c = Client::new(state(db));
    c.sign_in("owner@kba.test").await;
    for path in [
        format!("/kb/{}", theirs.id),
        format!("/kb/{}/edit", theirs.id),
        format!("/kb/{}/delete", theirs.id),
    ] {
        assert_eq!(c.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let reply = c
        .post(
            &format!("/kb/{}/edit", theirs.id),
            &[("title", "x"), ("body", "y"), ("language", "en")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        c.post(&format!("/kb/{}/delete", theirs.id), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let reply = c
        .post(
            "/kb/new",
            &[
                ("title", "x"),
                ("body", "y"),
                ("language", "da"),
                ("translation_of", &theirs.id.to_string()),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(!c.get("/kb?q=only").await.body.contains("B internal"));
    // B's public article is not on A's help centre either.
    assert_eq!(
        c.get(&format!("/help/{site_a}/{}", open.slug)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !c.get(&format!("/help/{site_a}?q=public"))
            .await
            .body
            .contains("B public")
    );
    assert_eq!(db.store.get_article(b.id, theirs.id).await.unwrap(), theirs);
}

async fn the_demo_shop_has_its_opening_hours_and_a_searchable_help_centre(db: &TestDb) {
    let hash = kunde_web::auth::hash_password(&Password::parse(PASSWORD).unwrap());
    let opts = kunde_demo::DemoOptions {
        customers: 50,
        ..kunde_demo::DemoOptions::default()
    };
    let ws = db
        .store
        .import_workspace(&kunde_demo::generate(&opts, hash.clone(), hash), NOW)
        .await
        .unwrap();
    let (cal, saved) = db.store.business_calendar_saved(ws).await.unwrap();
    assert!(saved);
    assert_eq!(cal.time_zone_name(), "Europe/Copenhagen");
    // Friday 2025-12-19 17:00 in Copenhagen (16:00 UTC) plus two business hours: one hour on
    // Friday, then one on Saturday from 10:00: due Saturday 11:00 (10:00 UTC).
    let friday = 1_766_160_000;
    assert_eq!(cal.deadline(friday, 2 * 3600), 1_766_224_800);
    // Christmas Eve (a Wednesday) is a holiday: closed at 10:00.
    assert!(!cal.is_open_at(1_766_566_800));

    let found = db
        .store
        .suggest_articles(
            ws,
            "Mit dæk er fladt igen, hvilket dæktryk skal jeg bruge?",
            3,
        )
        .await
        .unwrap();
    // A flat tyre: the tyre-pressure and the puncture articles are the two best matches.
    let best: Vec<_> = found.iter().take(2).map(|a| a.title.as_str()).collect();
    assert!(
        best.contains(&"Det rigtige dæktryk") && best.contains(&"Punktering: hvad gør jeg?"),
        "{best:?}"
    );

    let mut c = Client::new(state(db));
    c.accept_language = Some("da".into());
    let site = db.store.help_site_slug(ws).await.unwrap();
    assert_eq!(site, "cykelvaerkstedet-noerrebro");
    let page = c.get(&format!("/help/{site}?q=returnering")).await;
    assert!(page.body.contains("Returnering og bytte"), "{}", page.body);
    let index = c.get(&format!("/help/{site}")).await;
    assert!(index.body.contains("Sådan booker du en reparation"));
    assert!(
        !index.body.contains("Internt:"),
        "internal demo articles stay internal"
    );
    c.sign_in(kunde_demo::DEMO_STAFF_EMAIL).await;
    assert!(
        c.get("/kb?q=kulance")
            .await
            .body
            .contains("Internt: Refusion og kulance")
    );
}
