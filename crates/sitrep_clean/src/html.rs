//! HTML main content: metadata first ([`crate::meta`]), then a pre-clean that drops cookie
//! banners, comment sections, share bars and navigation by tag and class, then dom_smoothie
//! (a Readability port) picks the content, and a precision pass over its blocks removes what
//! it keeps that is not story text (furniture lines, link lists, the repeated headline, the
//! byline). When the result is too thin, a block-level fallback over the whole body is used.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;
use sitrep_model::Removed;

use crate::rules;
use crate::text::normalize_ws;
use crate::Cleaned;

/// Deeper nesting than this is flattened to its text before parsing: tree walkers (ours and
/// the extractor's) must not recurse 100,000 levels.
const MAX_DEPTH: usize = 400;

static COOKIE_ATTR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)cookie|consent|gdpr|onetrust|didomi|usercentrics|cmp-?banner|privacy-?banner"));
static COMMENT_ATTR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[\s_-])(?:comments?|commentlist|comment-list|comments-area|comment-respond|respond|disqus_thread|kommentare)(?:$|[\s_-])"));
static FURNITURE_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|[\s_-])(?:share|sharing|social|sharedaddy|shariff|social-links|breadcrumbs?|newsletter|subscribe|sidebar|widget|advert|advertisement|ad-slot|ads|related|related-posts|recommended|outbrain|taboola|tags|tag-list|post-tags|author-bio|navigation|nav|menu|footer|pagination|jp-relatedposts)(?:$|[\s_-])")
});

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad html pattern {p}: {e}"))
}

/// Extract the article from a decoded page.
pub fn extract(page: &str, url: Option<&str>, supplied_title: Option<&str>) -> Cleaned {
    let flattened;
    let page = if nesting_depth(page) > MAX_DEPTH {
        flattened = flatten(page);
        flattened.as_str()
    } else {
        page
    };
    let doc = Document::from(page);
    let meta = crate::meta::metadata(&doc, url);
    let mut out = Cleaned {
        title: supplied_title.map(str::to_string).or(meta.title.clone()),
        authors: meta.authors.clone(),
        site: meta.site.clone(),
        date: meta.date.clone(),
        ..Default::default()
    };
    let mut removed = Vec::new();
    related_links(&doc, &mut out.related);
    preclean(&doc, &mut removed);
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let content = dom_smoothie::Readability::with_document(doc, url, None)
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| {
            if out.title.is_none() && !a.title.trim().is_empty() {
                out.title = Some(normalize_ws(&a.title));
            }
            if out.authors.is_empty() {
                if let Some(b) = a.byline.as_deref() {
                    out.authors = crate::meta::split_authors(b);
                }
            }
            a.content.to_string()
        });
    let mut blocks = content.map(|c| blocks(&Document::fragment(c).root())).unwrap_or_default();
    out.extractor = "dom_smoothie";
    // Readability sometimes settles on the wrong container (a link list, a login box). Compare
    // its prose with a block-level walk of the whole pre-cleaned body and take the walk when
    // Readability holds much less story-like text.
    let doc = Document::from(page);
    preclean(&doc, &mut Vec::new());
    let body = doc.body().unwrap_or_else(|| doc.root());
    let all: Vec<Block> = blocks_of(&body).into_iter().filter(|b| b.link_ratio() < 0.5 && b.text.len() >= 40).collect();
    let (ours, theirs) = (prose(&blocks), prose(&all));
    if (ours as f32) < fallback_ratio() * theirs as f32 || blocks.iter().map(|b| b.text.len()).sum::<usize>() < 250 && theirs > ours {
        blocks = all;
        out.extractor = "fallback";
    }
    out.removed = removed;
    precision_pass(&mut out, blocks, &meta);
    out
}

fn fallback_ratio() -> f32 {
    std::env::var("SITREP_FB_RATIO").ok().and_then(|v| v.parse().ok()).unwrap_or(0.6)
}

/// Characters of story-like text: long-ish blocks, few links, sentence punctuation.
fn prose(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| b.text.len() >= 80 && b.link_ratio() < 0.3 && b.text.contains(['.', '!', '?', '。']))
        .map(|b| b.text.len())
        .sum()
}

/// One block of text with how much of it is link text.
#[derive(Debug, Clone)]
struct Block {
    text: String,
    link_chars: usize,
    tag: String,
}

impl Block {
    fn link_ratio(&self) -> f32 {
        if self.text.is_empty() { 0.0 } else { self.link_chars as f32 / self.text.len() as f32 }
    }
}

fn blocks(root: &NodeRef) -> Vec<Block> {
    blocks_of(root)
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav" | "blockquote" | "pre"
            | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "dl" | "dt" | "dd" | "table" | "tr"
            | "tbody" | "thead" | "tfoot" | "caption" | "br" | "hr" | "figure" | "address" | "details" | "summary"
            | "form" | "fieldset" | "center" | "body" | "html"
    )
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "button" | "select" | "input" | "textarea" | "iframe"
            | "object" | "embed" | "figcaption" | "head" | "title" | "video" | "audio" | "canvas" | "math"
    )
}

/// Text blocks in document order, walking iteratively (no recursion on deep trees).
fn blocks_of(root: &NodeRef) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = Block { text: String::new(), link_chars: 0, tag: String::new() };
    let mut in_link = 0usize;
    // (node, entering)
    let mut stack: Vec<(NodeRef, bool)> = vec![(*root, true)];
    let flush = |cur: &mut Block, out: &mut Vec<Block>| {
        let t = normalize_ws(&cur.text);
        if !t.is_empty() {
            let ratio = cur.link_chars as f32 / cur.text.len().max(1) as f32;
            out.push(Block { link_chars: (ratio * t.len() as f32) as usize, text: t, tag: std::mem::take(&mut cur.tag) });
        }
        cur.text.clear();
        cur.link_chars = 0;
        cur.tag.clear();
    };
    while let Some((node, entering)) = stack.pop() {
        if node.is_text() {
            let t = node.text();
            cur.text.push_str(&t);
            if in_link > 0 {
                cur.link_chars += t.len();
            }
            continue;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            continue;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if entering {
            if is_skipped(&name) || node.has_attr("hidden") || node.attr("aria-hidden").is_some_and(|v| &*v == "true") {
                continue;
            }
            if is_block(&name) {
                flush(&mut cur, &mut out);
            } else if matches!(name.as_str(), "td" | "th") {
                cur.text.push(' ');
            }
            if cur.tag.is_empty() && is_block(&name) {
                cur.tag = name.clone();
            }
            if name == "a" {
                in_link += 1;
            }
            stack.push((node, false));
            let mut children: Vec<NodeRef> = node.children_it(false).collect();
            children.reverse();
            stack.extend(children.into_iter().map(|c| (c, true)));
        } else {
            if name == "a" {
                in_link = in_link.saturating_sub(1);
            }
            if is_block(&name) {
                flush(&mut cur, &mut out);
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Drop elements that are never the story: cookie/consent banners, comment sections, share
/// bars, navigation and sidebars (by tag, id and class), recording each.
fn preclean(doc: &Document, removed: &mut Vec<Removed>) {
    for n in doc.select("nav, aside, footer, [role='navigation'], [role='complementary'], [role='contentinfo']").nodes() {
        if attached(n) {
            record(removed, "nav", "navigation, sidebar or footer element", n);
            n.remove_from_parent();
        }
    }
    for n in doc.select("[id], [class]").nodes() {
        let name = n.node_name().map(|s| s.to_ascii_lowercase()).unwrap_or_default();
        if matches!(name.as_str(), "html" | "body" | "main" | "article" | "h1") {
            continue;
        }
        let attrs = format!("{} {}", n.attr("id").unwrap_or_default(), n.attr("class").unwrap_or_default());
        let (kind, reason, max_len) = if COOKIE_ATTR.is_match(&attrs) {
            ("cookie_banner", "cookie or consent banner element", 4000)
        } else if COMMENT_ATTR.is_match(&attrs) {
            ("comments", "comment section", usize::MAX)
        } else if FURNITURE_ATTR.is_match(&attrs) {
            ("boilerplate", "share, related, navigation or sidebar element", 1500)
        } else {
            continue;
        };
        if !attached(n) {
            continue;
        }
        let len = n.text().len();
        if len > max_len || contains_h1(n) {
            continue;
        }
        record(removed, kind, reason, n);
        n.remove_from_parent();
    }
}

/// Headlines linked from related-story boxes (`class="related..."`), kept before the boxes go.
fn related_links(doc: &Document, related: &mut Vec<String>) {
    for n in doc.select("[class*='related'] a, [id*='related'] a, [class*='Related'] a").nodes().iter().take(40) {
        let t = normalize_ws(&n.text());
        let words = t.split_whitespace().count();
        if (4..=25).contains(&words) && !related.contains(&t) {
            related.push(t);
        }
    }
}

fn contains_h1(n: &NodeRef) -> bool {
    n.descendants_it().any(|d| d.node_name().is_some_and(|x| x.eq_ignore_ascii_case("h1") || x.eq_ignore_ascii_case("article")))
}

/// Still part of the document (not inside an already removed subtree).
fn attached(n: &NodeRef) -> bool {
    n.ancestors_it(None).last().is_some_and(|a| a.is_document())
}

fn record(removed: &mut Vec<Removed>, kind: &str, reason: &str, n: &NodeRef) {
    let t = normalize_ws(&n.text());
    if t.is_empty() {
        return;
    }
    let text: String = if t.chars().count() > 300 { t.chars().take(300).chain("…".chars()).collect() } else { t };
    removed.push(Removed { kind: kind.into(), reason: reason.into(), text });
}

/// Remove what Readability kept that is not story text; fill authors, contributors, related.
fn precision_pass(out: &mut Cleaned, blocks: Vec<Block>, meta: &crate::meta::Meta) {
    let title_l = out.title.as_deref().map(str::to_lowercase);
    let h1_l = meta.h1.as_deref().map(str::to_lowercase);
    let n = blocks.len();
    let mut tail = false;
    for (i, b) in blocks.into_iter().enumerate() {
        let t = b.text;
        if tail && t.len() < 300 {
            out.removed.push(Removed { kind: "tail".into(), reason: "after the end-of-article furniture".into(), text: t });
            continue;
        }
        let lower = t.to_lowercase();
        if i < 3 && (title_l.as_deref() == Some(lower.as_str()) || h1_l.as_deref() == Some(lower.as_str())) {
            out.removed.push(Removed { kind: "title".into(), reason: "repeats the headline".into(), text: t });
            continue;
        }
        if let Some(v) = rules::classify(&t) {
            if tail_marker(v.kind) && i * 10 >= n * 6 && use_tail() {
                tail = true;
            }
            out.absorb(v, t);
            continue;
        }
        let words = t.split_whitespace().count();
        if words <= 8 && t.len() < 80 && (t.starts_with("By ") || t.starts_with("Von ")) && (i < 4 || i + 2 >= n) {
            for a in crate::meta::split_authors(&t) {
                if !out.authors.contains(&a) {
                    out.authors.push(a);
                }
            }
            out.removed.push(Removed { kind: "byline".into(), reason: "byline".into(), text: t });
            continue;
        }
        let ratio = b.link_chars as f32 / t.len().max(1) as f32;
        if ratio > 0.9 && (4..=25).contains(&words) && b.tag != "li" && !t.ends_with('.') {
            // A paragraph that is only a link to another story.
            if !out.related.contains(&t) {
                out.related.push(t.clone());
            }
            out.removed.push(Removed { kind: "related".into(), reason: "inline link to another story".into(), text: t });
            continue;
        }
        if ratio > 0.8 && words >= 3 && b.tag == "li" {
            out.removed.push(Removed { kind: "links".into(), reason: "list of links".into(), text: t });
            continue;
        }
        out.paragraphs.push(t);
    }
}

/// Furniture that, late in a page, means the article has ended.
fn tail_marker(kind: &str) -> bool {
    matches!(kind, "comment_form" | "related_label" | "promo" | "post_meta" | "share")
}

fn use_tail() -> bool {
    std::env::var("SITREP_NO_TAIL").is_err()
}

/// Approximate element nesting depth from the raw markup (void and self-closed tags ignored).
fn nesting_depth(page: &str) -> usize {
    let b = page.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'/' {
            depth = depth.saturating_sub(1);
        } else if c.is_ascii_alphabetic() {
            let end = b[i..].iter().position(|&c| !c.is_ascii_alphanumeric()).map_or(b.len(), |e| i + e);
            let name = page.get(i..end).unwrap_or("").to_ascii_lowercase();
            let close = b[end..].iter().position(|&c| c == b'>').map_or(b.len(), |e| end + e);
            let self_closed = close > 0 && b.get(close - 1) == Some(&b'/');
            let void = matches!(name.as_str(), "br" | "img" | "meta" | "link" | "input" | "hr" | "source" | "wbr" | "area" | "base" | "col" | "embed" | "param" | "track" | "p" | "li");
            if !void && !self_closed {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// Tags stripped, block tags turned into paragraph breaks: the text of a page too deep to parse.
fn flatten(page: &str) -> String {
    let mut out = String::from("<html><body>");
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let gt = after.find('>').map_or(after.len(), |g| g + 1);
        let tag = after[..gt].to_ascii_lowercase();
        if ["<p", "</p", "<div", "</div", "<br", "<h", "</h", "<li"].iter().any(|p| tag.starts_with(p)) {
            out.push_str("<p>");
        }
        rest = &after[gt..];
    }
    out.push_str(rest);
    out
}
