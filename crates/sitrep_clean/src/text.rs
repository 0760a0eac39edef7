//! Flattened text pages (a story copied off an aggregator, furniture and all): split into
//! blocks at blank lines, classify each line with [`crate::rules`], keep the story lines as
//! paragraphs, and take a headline-shaped first line as the title.

use sitrep_model::Removed;

use crate::rules::{self, Verdict};
use crate::Cleaned;

/// Clean flattened text; `title` is the title supplied with the page, if any.
pub fn clean_text(text: &str, title: Option<&str>) -> Cleaned {
    let mut out = Cleaned { title: title.map(str::to_string), ..Default::default() };
    let mut first = true;
    for block in blocks(text) {
        let mut kept: Vec<String> = Vec::new();
        for line in block.lines() {
            let line = normalize_ws(line);
            if line.is_empty() {
                continue;
            }
            if first {
                first = false;
                if let Some(t) = headline(&line, title) {
                    out.title = Some(t);
                    out.removed.push(Removed { kind: "title".into(), reason: "first line is the headline".into(), text: line });
                    continue;
                }
            }
            match rules::classify(&line) {
                Some(v) => {
                    if v.kind == "dateline" && out.date.is_none() {
                        out.date = crate::date::normalize(&line).map(|d| (d, "text".to_string()));
                    }
                    out.absorb(v, line)
                }
                None => kept.push(line),
            }
        }
        if !kept.is_empty() {
            out.paragraphs.push(kept.join(" "));
        }
    }
    out.extractor = "text-lines";
    out
}

/// Paragraph blocks: runs of lines separated by blank lines.
fn blocks(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut cur = String::new();
    let mut lines = text.lines();
    std::iter::from_fn(move || {
        for l in lines.by_ref() {
            if l.trim().is_empty() {
                if !cur.trim().is_empty() {
                    return Some(std::mem::take(&mut cur));
                }
                cur.clear();
            } else {
                cur.push_str(l);
                cur.push('\n');
            }
        }
        (!cur.trim().is_empty()).then(|| std::mem::take(&mut cur))
    })
}

/// Whitespace (including no-break spaces) collapsed to single spaces, ends trimmed.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The first line as the title: it equals the supplied title, or (with none supplied) it is
/// shaped like a headline: short, no full stop at the end.
fn headline(line: &str, title: Option<&str>) -> Option<String> {
    let same = |a: &str, b: &str| normalize_ws(a).to_lowercase() == normalize_ws(b).to_lowercase();
    match title {
        Some(t) => same(line, t).then(|| t.trim().to_string()),
        None => {
            let words = line.split_whitespace().count();
            let shaped = (3..=25).contains(&words) && line.len() < 200 && !line.ends_with(['.', ':', ',', ';']);
            (shaped && rules::classify(line).is_none()).then(|| line.to_string())
        }
    }
}

impl Cleaned {
    /// Record a removed line and move what it carries (contributors, related headline).
    pub(crate) fn absorb(&mut self, v: Verdict, text: String) {
        for c in v.contributors {
            if !self.contributors.contains(&c) {
                self.contributors.push(c);
            }
        }
        if let Some(h) = v.related {
            if !self.related.contains(&h) {
                self.related.push(h);
            }
        }
        if v.kind != "empty" {
            self.removed.push(Removed { kind: v.kind.into(), reason: v.reason.into(), text });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_leave_the_story() {
        let page = "Talks resume in Geneva\n\n2 5\n\nDelegates met on Monday, officials said.\n\n\
                    CEASEFIRE HOLDS IN NORTHERN PROVINCE FOR THIRD DAY\n\nThe talks will go on.\n\n\
                    Reuters contributed to this report.\n\nLeave a comment\n\n\
                    This site uses cookies to improve your experience. Accept";
        let c = clean_text(page, None);
        assert_eq!(c.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(c.paragraphs, vec!["Delegates met on Monday, officials said.", "The talks will go on."]);
        assert_eq!(c.contributors, vec!["Reuters"]);
        assert_eq!(c.related, vec!["CEASEFIRE HOLDS IN NORTHERN PROVINCE FOR THIRD DAY"]);
        let kinds: Vec<&str> = c.removed.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, vec!["title", "counter", "promo_headline", "credit", "comment_form", "cookie_banner"]);
    }

    #[test]
    fn wrapped_lines_join_into_one_paragraph() {
        let c = clean_text("The army said\nit had withdrawn.\n\nA second paragraph.", Some("Other title"));
        assert_eq!(c.paragraphs, vec!["The army said it had withdrawn.", "A second paragraph."]);
        assert_eq!(c.title.as_deref(), Some("Other title"));
    }
}
