//! Whole-document tests: the seed page's acceptance criteria and HTML furniture handling.

use super::*;

fn seed() -> Option<RawDoc> {
    let Some(dir) = sitrep_testkit::shared_dir() else {
        eprintln!("shared data not found; skipping");
        return None;
    };
    let dir = dir.join("corpus/seed");
    let text = std::fs::read_to_string(dir.join("north-korean-troops-seoul-says.txt")).ok()?;
    let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("north-korean-troops-seoul-says.meta.json")).ok()?).ok()?;
    let mut raw = RawDoc::text("seed", text);
    raw.title = meta["title"].as_str().map(str::to_string);
    raw.published = meta["published"].as_str().map(str::to_string);
    Some(raw)
}

#[test]
fn seed_page_is_cleaned_to_its_fifteen_paragraphs() {
    let Some(raw) = seed() else { return };
    let doc = clean(&raw, &CleanConfig::default()).expect("seed cleans");
    let paras: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(paras.len(), 15, "{paras:#?}");
    assert!(paras[0].starts_with("North Korea is now sending troops"));
    assert!(paras[14].ends_with("on the road to victory.”"), "{}", paras[14]);
    assert_eq!(doc.published.as_deref(), Some("2024-10-09"));
    assert_eq!(doc.debug.date_source.as_deref(), Some("input"));
    assert_eq!(doc.contributors, vec!["The Associated Press"]);
    assert_eq!(doc.related_headlines.len(), 2, "{:?}", doc.related_headlines);
    assert!(doc.related_headlines.iter().all(|h| h.chars().filter(|c| c.is_lowercase()).count() == 0));
    assert_eq!(doc.title.as_deref(), Some("North Korean troops now fighting for Russia in Ukraine, Seoul says"));
    for furniture in ["0 1", "Read the full article", "Leave A Reply", "email address", "cookies", "Privacy", "contributed"] {
        assert!(!doc.text.contains(furniture), "{furniture} left in text");
    }
    // Every cut is explained.
    let kinds: Vec<&str> = doc.debug.removed.iter().map(|r| r.kind.as_str()).collect();
    for k in ["counter", "promo_headline", "credit", "aggregator", "comment_form", "cookie_banner", "privacy"] {
        assert!(kinds.contains(&k), "no {k} in {kinds:?}");
    }
    assert_eq!(doc.debug.content_hash.as_deref(), Some(content_hash(raw.payload()).as_str()));
}

#[test]
fn text_ids_default_to_content_hash_and_site_to_host() {
    let mut raw = RawDoc::text("x", "Troops withdrew from the town on Monday, the ministry said.");
    raw.url = Some("https://www.example-news.org/world/story".into());
    let doc = clean(&raw, &CleanConfig::default()).unwrap();
    assert_eq!(doc.id.len(), 16);
    assert!(doc.debug.content_hash.as_deref().unwrap().starts_with(&doc.id));
    assert_eq!(doc.site.as_deref(), Some("example-news.org"));
}

const PAGE: &str = r#"<!doctype html><html><head>
<title>Ceasefire talks stall in Geneva | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2025-03-04T09:30:00Z">
<meta name="author" content="Mara Quinn">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<article>
<h1>Ceasefire talks stall in Geneva</h1>
<p class="byline">By Mara Quinn</p>
<p>Negotiators from both sides left Geneva on Tuesday without agreeing on a ceasefire, two diplomats said, after three days of talks hosted by the United Nations.</p>
<p>The government delegation accused the rebels of shelling two villages near the front line on Monday, killing four civilians, a claim the rebels denied.</p>
<p><a href="/x">Border town shelled as aid convoy waits at crossing</a></p>
<p>A UN spokesperson said the envoy would consult both parties again next week and that a new round could open before the end of the month.</p>
<p>Reuters contributed to this report.</p>
</article>
<div class="share-bar">Share on Facebook Share on Twitter</div>
<section id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.</p><p>Great article, thanks for the coverage of the talks!</p></section>
<footer>© 2025 The Daily Ledger. All rights reserved. <a href="/privacy">Privacy Policy</a></footer>
</body></html>"#;

#[test]
fn html_page_keeps_the_story_and_explains_the_cuts() {
    let raw = RawDoc::html("page.html", PAGE.as_bytes().to_vec());
    let doc = clean(&raw, &CleanConfig::default()).unwrap();
    let paras: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(paras.len(), 3, "{paras:#?}");
    assert!(paras[0].starts_with("Negotiators"));
    assert_eq!(doc.title.as_deref(), Some("Ceasefire talks stall in Geneva"));
    assert_eq!(doc.published.as_deref(), Some("2025-03-04"));
    assert_eq!(doc.debug.date_source.as_deref(), Some("meta:article:published_time"));
    assert_eq!(doc.authors, vec!["Mara Quinn"]);
    assert_eq!(doc.site.as_deref(), Some("The Daily Ledger"));
    assert_eq!(doc.contributors, vec!["Reuters"]);
    assert_eq!(doc.related_headlines, vec!["Border town shelled as aid convoy waits at crossing"]);
    for gone in ["cookies", "Leave a Reply", "Great article", "Share on", "All rights", "Home"] {
        assert!(!doc.text.contains(gone), "{gone} left in text");
    }
    assert!(doc.debug.removed.iter().any(|r| r.kind == "cookie_banner"));
}

#[test]
fn a_cookie_wall_never_replaces_the_article() {
    let banner = "<div class='consent-overlay'><p>This website uses cookies. We and our partners use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By clicking Accept you consent to the use of cookies. Accept all cookies | Manage settings</p></div>";
    let page = format!("<html><body>{banner}<div><p>Rescue teams reached the flooded district on Sunday and evacuated more than 300 residents, the regional governor said in a statement.</p><p>Officials said at least nine people had died and dozens were missing after the river burst its banks overnight.</p></div></body></html>");
    let doc = clean(&RawDoc::html("p", page.into_bytes()), &CleanConfig::default()).unwrap();
    assert!(doc.text.contains("Rescue teams"), "{}", doc.text);
    assert!(!doc.text.contains("cookies"), "{}", doc.text);
}

#[test]
fn pathological_html_is_bounded() {
    let deep = format!("<html><body>{}<p>Deep text survives the nesting.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let r = clean(&RawDoc::html("deep", deep.into_bytes()), &CleanConfig::default());
    if let Ok(doc) = r {
        assert!(doc.text.contains("Deep text"));
    }
    let binary: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let _ = clean(&RawDoc::html("bin", binary), &CleanConfig::default());
    let invalid = b"<html><body><p>Caf\xe9 \xff\xfe officials said the \x80 strike killed 3 people near the border crossing on Monday.</p></body></html>".to_vec();
    let doc = clean(&RawDoc::html("bad-utf8", invalid), &CleanConfig::default()).unwrap();
    assert!(doc.text.contains("officials said"));
}
