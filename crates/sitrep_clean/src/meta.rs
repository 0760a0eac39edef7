//! Page metadata from the parsed HTML, before content extraction mutates it: title, publication
//! date (meta tags, JSON-LD, `<time>`, then text; the source is recorded), authors, site name.

use dom_query::{Document, NodeRef};
use serde_json::Value;

use crate::date;
use crate::text::normalize_ws;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    /// (YYYY-MM-DD, source)
    pub date: Option<(String, String)>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub h1: Option<String>,
}

/// Meta names that carry the publication date, most trusted first.
const DATE_METAS: &[&str] = &[
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "published_time",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "sailthru.date", "parsely-pub-date", "citation_publication_date", "article.published",
    "cxenseparse:recs:publishtime", "originalpublicationdate",
];

#[allow(clippy::field_reassign_with_default)]
pub fn metadata(doc: &Document, url: Option<&str>) -> Meta {
    let metas = collect_metas(doc);
    let get = |name: &str| metas.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let ld = json_ld(doc);
    let mut m = Meta::default();

    m.date = DATE_METAS
        .iter()
        .find_map(|k| get(k).and_then(date::normalize).map(|d| (d, format!("meta:{k}"))))
        .or_else(|| ld_str(&ld, &["datePublished", "dateCreated"]).and_then(|s| date::normalize(&s)).map(|d| (d, "json-ld".into())))
        .or_else(|| time_tag(doc).map(|d| (d, "time-tag".into())))
        .or_else(|| url.and_then(date::from_url).map(|d| (d, "url".into())))
        .or_else(|| date_in_text(doc).map(|d| (d, "text".into())))
        .or_else(|| {
            ["article:modified_time", "og:updated_time", "datemodified", "last-modified"]
                .iter()
                .find_map(|k| get(k).and_then(date::normalize).map(|d| (d, format!("meta:{k}"))))
        })
        .or_else(|| ld_str(&ld, &["dateModified"]).and_then(|s| date::normalize(&s)).map(|d| (d, "json-ld:modified".into())));

    m.site = get("og:site_name").map(str::to_string).or_else(|| ld_publisher(&ld)).or_else(|| get("application-name").map(str::to_string));
    m.h1 = doc.select("h1").nodes().iter().map(|n| normalize_ws(&n.text())).find(|t| t.len() > 3);
    let og = get("og:title").or_else(|| get("twitter:title")).map(normalize_ws);
    let ld_title = ld_str(&ld, &["headline"]).map(|s| normalize_ws(&s));
    let tag = doc.select("head title").nodes().first().map(|n| normalize_ws(&n.text()));
    m.title = choose_title(m.h1.as_deref(), og.or(ld_title).as_deref(), tag.as_deref(), m.site.as_deref());

    let mut authors: Vec<String> = Vec::new();
    if let Some(a) = get("author").or_else(|| get("article:author")).or_else(|| get("dc.creator")).or_else(|| get("parsely-author")) {
        if !a.contains("://") {
            authors.extend(split_authors(a));
        }
    }
    if authors.is_empty() {
        authors.extend(ld_authors(&ld));
    }
    if authors.is_empty() {
        for n in doc.select("[rel='author'], [itemprop='author'], .byline, .author-name").nodes().iter().take(3) {
            let t = normalize_ws(&n.text());
            if !t.is_empty() && t.len() < 80 {
                authors.extend(split_authors(&t));
            }
        }
    }
    authors.dedup();
    m.authors = authors;
    m
}

/// Prefer the `<h1>` when the `<title>`/og:title confirms it; else og:title or the longest
/// segment of `<title>` without the site name.
fn choose_title(h1: Option<&str>, og: Option<&str>, tag: Option<&str>, site: Option<&str>) -> Option<String> {
    let lower = |s: &str| s.to_lowercase();
    if let Some(h) = h1 {
        let hl = lower(h);
        if og.is_some_and(|o| lower(o).contains(&hl)) || tag.is_some_and(|t| lower(t).contains(&hl)) {
            return Some(h.to_string());
        }
    }
    let strip = |t: &str| -> String {
        let parts: Vec<&str> = t
            .split(" | ")
            .flat_map(|p| p.split(" – "))
            .flat_map(|p| p.split(" — "))
            .flat_map(|p| p.split(" - "))
            .flat_map(|p| p.split(" :: "))
            .flat_map(|p| p.split(" » "))
            .map(str::trim)
            .filter(|p| !p.is_empty() && site.is_none_or(|s| !p.eq_ignore_ascii_case(s)))
            .collect();
        if parts.len() <= 1 {
            return t.to_string();
        }
        parts.iter().max_by_key(|p| p.chars().count()).map_or(t.to_string(), |p| p.to_string())
    };
    og.map(strip).or_else(|| tag.map(strip)).or_else(|| h1.map(str::to_string)).filter(|t| !t.is_empty())
}

fn collect_metas(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in doc.select("meta[content]").nodes() {
        let Some(content) = n.attr("content") else { continue };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = n.attr(key) {
                out.push((k.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    out
}

fn json_ld(doc: &Document) -> Vec<Value> {
    doc.select("script[type='application/ld+json']")
        .nodes()
        .iter()
        .filter_map(|n| serde_json::from_str::<Value>(n.text().trim()).ok())
        .collect()
}

/// Every object in the JSON-LD blocks (arrays and `@graph` flattened), bounded in depth.
fn ld_objects(ld: &[Value]) -> Vec<&serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, usize)> = ld.iter().map(|v| (v, 0)).collect();
    while let Some((v, depth)) = stack.pop() {
        if depth > 6 || out.len() > 200 {
            continue;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|x| (x, depth + 1))),
            Value::Object(o) => {
                out.push(o);
                if let Some(g) = o.get("@graph") {
                    stack.push((g, depth + 1));
                }
            }
            _ => {}
        }
    }
    out.reverse();
    out
}

fn ld_str(ld: &[Value], keys: &[&str]) -> Option<String> {
    let objs = ld_objects(ld);
    keys.iter().find_map(|k| objs.iter().find_map(|o| o.get(*k).and_then(Value::as_str).map(str::to_string)))
}

fn ld_publisher(ld: &[Value]) -> Option<String> {
    ld_objects(ld).iter().find_map(|o| o.get("publisher")?.get("name")?.as_str().map(str::to_string))
}

fn ld_authors(ld: &[Value]) -> Vec<String> {
    for o in ld_objects(ld) {
        let Some(a) = o.get("author") else { continue };
        let list: Vec<&Value> = match a {
            Value::Array(v) => v.iter().collect(),
            v => vec![v],
        };
        let names: Vec<String> = list
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .flat_map(|s| split_authors(&s))
            .collect();
        if !names.is_empty() {
            return names;
        }
    }
    vec![]
}

/// "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"].
pub fn split_authors(s: &str) -> Vec<String> {
    let s = normalize_ws(s);
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let s = ["By ", "by ", "BY ", "Von ", "von ", "Author: ", "Autor: "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    s.split([',', ';', '|', '&'])
        .flat_map(|p| p.split(" and ").flat_map(|q| q.split(" und ")))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty() && p.len() < 60 && p.split_whitespace().count() <= 5 && !p.contains('@'))
        // A date or a count is not a name (Readability's byline guess is sometimes a dateline).
        .filter(|p| !p.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

fn time_tag(doc: &Document) -> Option<String> {
    let nodes = doc.select("time[datetime], [itemprop='datePublished']").nodes().to_vec();
    let pick = |n: &NodeRef| n.attr("datetime").or_else(|| n.attr("content")).map(|s| s.to_string()).or_else(|| Some(n.text().to_string()));
    // A <time> marked as the publication date wins over the first one on the page.
    let marked = nodes.iter().find(|n| {
        n.has_attr("pubdate") || n.attr("itemprop").is_some_and(|v| v.contains("datePublished"))
            || n.attr("class").is_some_and(|c| c.contains("publish") || c.contains("entry-date"))
    });
    marked.into_iter().chain(nodes.iter()).find_map(|n| pick(n).and_then(|s| date::normalize(&s)))
}

/// A date in an element whose class names say it is one (`date`, `posted-on`, `meta`...),
/// else the first date written near the top of the body text.
fn date_in_text(doc: &Document) -> Option<String> {
    let sel = "[class*='date'], [class*='Date'], [class*='posted'], [class*='time'], [class*='meta'], [id*='date']";
    doc.select(sel)
        .nodes()
        .iter()
        .take(30)
        .find_map(|n| {
            let t = n.text();
            (t.len() < 200).then(|| date::normalize(&t)).flatten()
        })
        .or_else(|| {
            let body = doc.body()?;
            let text = body.text();
            let mut end = text.len().min(6000);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            date::normalize(&text[..end])
        })
}
