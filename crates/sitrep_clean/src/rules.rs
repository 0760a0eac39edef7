//! Line-level furniture rules shared by the text and HTML paths: a short block of text is
//! classified as a counter, promo headline, credit line, aggregator or comment-form furniture,
//! cookie banner, privacy link, share or navigation text, or left alone. Rules are general
//! patterns (shape of the line, furniture vocabulary in English and German), never page strings.

use std::sync::LazyLock;

use regex::Regex;

/// Why a block is not part of the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub kind: &'static str,
    pub reason: &'static str,
    /// A credit line's organisation or reporters, moved to `contributors`.
    pub contributors: Vec<String>,
    /// A promo headline, kept in `related_headlines`.
    pub related: Option<String>,
}

fn v(kind: &'static str, reason: &'static str) -> Option<Verdict> {
    Some(Verdict { kind, reason, contributors: vec![], related: None })
}

fn re(p: &str) -> Regex {
    // Patterns are literals of this file; a bad one is a bug caught by the unit tests.
    Regex::new(p).unwrap_or_else(|e| panic!("bad rule pattern {p}: {e}"))
}

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:[\d.,]+[km]?\s*){1,4}(?:(?:comments?|shares?|views?|likes?|replies|kommentare?|antworten|reactions?)\s*)?$|^(?i:comments?|shares?|kommentare)\s*\(?\d+\)?$")
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\(?(?:(?:Additional|Contributing)\s+)?(?i:reporting)\s+by\s+(.{2,150}?)[.;)]*$|^(.{2,80}?)\s+(?:contributed|also contributed)(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?$")
});
static AGGREGATOR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:read\s+(?:the\s+)?(?:full|original|whole|complete)\s+(?:article|story|post)(?:\s+(?:here|at|on)\b.*)?|continue\s+reading.*|read\s+more\W*|click\s+here\s+to\s+read.*|source\s*:\s*\S.{0,60}|originally\s+published\s+(?:on|at|by)\b.{0,80}|weiterlesen\W*|mehr\s+lesen\W*|zum\s+artikel\W*)$")
});
static COMMENT_FORM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:leave\s+an?\s+(?:reply|comment)|post\s+(?:a\s+)?comment|add\s+(?:a\s+)?comment|cancel\s+reply|comments?\s+are\s+closed\.?|your\s+email\s+address\s+will\s+not\s+be\s+published\.?.*|required\s+fields\s+are\s+marked.*|save\s+my\s+name,?\s+email.*|notify\s+me\s+of\s+(?:follow-up\s+comments|new\s+posts).*|you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?|\d+\s+comments?|no\s+comments(?:\s+yet)?\.?|be\s+the\s+first\s+to\s+comment\.?|join\s+the\s+(?:discussion|conversation)\.?|hinterlasse\s+(?:einen\s+kommentar|eine\s+antwort)|kommentar\s+(?:schreiben|verfassen|hinzufügen)|deine\s+e-mail-adresse\s+wird\s+nicht\s+veröffentlicht\.?.*|ihre\s+e-mail-adresse\s+wird\s+nicht\s+veröffentlicht\.?.*|antworten\s+abbrechen|was\s+denkst\s+du\??|kommentare?\s+(?:geschlossen|schreiben|insgesamt\W*\d*|anzeigen|lesen)|kommentieren|sie\s+müssen\s+sich\s+einloggen.{0,120}|comment\s+by\b.{0,60}|\d+\s+(?:responses|antworten)(?:\s+to\b.{0,80})?|reply|antworten)$")
});
static COOKIE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:uses?|using|use\s+of)\s+cookies\b|\bcookies?\s+(?:policy|settings|preferences|consent)\b|\baccept\s+(?:all\s+)?cookies\b|\bverwendet\s+cookies\b|\bcookies\s+(?:verwenden|zu\s+verwenden)\b|\bdatenschutzeinstellungen\b|\bconsent\s+to\s+(?:the\s+use|our\s+use)|\bwe\s+value\s+your\s+privacy\b")
});
static PRIVACY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:privacy(?:\s*(?:&|and)\s*cookies?)?\s+(?:policy|notice|statement)|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|cookie\s+policy|(?:©|\(c\)|copyright)\s*.{0,120}|all\s+rights\s+reserved\.?|datenschutz(?:erklärung)?|impressum|nutzungsbedingungen|agb|do\s+not\s+sell\s+my\s+(?:personal\s+)?info(?:rmation)?)$")
});
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:share(?:\s+(?:this|on|via|article|story))?\b.{0,40}|tweet|email|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|follow\s+us\b.{0,60}|sign\s+up\s+for\s+(?:our|the)\s+.{0,40}newsletter.{0,60}|subscribe(?:\s+(?:now|to|for)\b.{0,60})?|teilen|diesen\s+artikel\s+teilen|drucken|artikel\s+drucken|per\s+e-mail\s+(?:teilen|versenden))$")
});
static NAV: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:skip\s+to\s+(?:main\s+)?content|home|menu|search|advertisement|anzeige|werbung|back\s+to\s+top|nach\s+oben|zurück(?:\s+zur\s+übersicht)?|previous\s+(?:post|article)|next\s+(?:post|article)|related\s+(?:posts|articles|stories)|you\s+may\s+also\s+like|more\s+from\s+.{1,40}|ähnliche\s+beiträge|das\s+könnte\s+sie\s+auch\s+interessieren.*|tags?\s*:.{0,200}|(?:posted|filed)\s+(?:in|under)\s*:?.{0,120}|lade\s+weitere\s+inhalte|load\s+more|mehr\s+anzeigen|show\s+more|-?\s*anzeige\s*-?|advertisement\s*:?)$")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:you\s+(?:might|may)\s+also\s+(?:like|enjoy)|auch\s+interessant|(?:das|dies)\s+(?:thema\s+)?könnte\s+(?:dich|sie)\s+auch\s+interessieren|weiterführende?r?\s+links?|empfohlene\s+(?:beiträge|artikel)|mehr\s+zum\s+thema|à\s+lire\s+aussi|lire\s+aussi|czytaj\s+(?:też|także|więcej)|dowiedz\s+się\s+więcej|leggi\s+anche|lee\s+también|read\s+(?:also|next)|recommended(?:\s+for\s+you)?|more\s+stories|top\s+stories|most\s+(?:read|popular)|meistgelesen|weitere\s+artikel|vorschau\s+auf\s+den\s+nächsten\s+artikel|highlights\s+aus\s+dem\s+heft)\b.{0,60}$")
});
static IMAGE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:(?:photo|photograph|picture|image|foto|bild|titelbild|beitragsbild|bildquelle|crédits?\s+photos?|credits?|quelle|źródło|fuente|fonte)s?\s*(?:by|via|von|:|©)\s*.{0,80}|(?:getty\s+images|afp|reuters|dpa|ap\s+photo|shutterstock|imago|istock)(?:\s*/\s*\S+){0,3}\.?|(?:publikacja|aktualisiert|updated|stand|veröffentlicht|published|erstellt\s+am)\s*:.{0,60}|staff\s+writer|advertisement:?)$")
});
static POST_META: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:this\s+(?:entry|post)\s+was\s+(?:posted|published)|diese[rs]?\s+(?:eintrag|beitrag|text|artikel)\s+wurde|der\s+beitrag\s+wurde\s+am|erstellt\s+am|veröffentlicht\s+am|posted\s+(?:on|by)|published\s+(?:on|by)|last\s+updated|zuletzt\s+aktualisiert)\b.{0,200}$")
});
static FEEDBACK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^.{0,40}\b(?:artikel|beitrag|article|post|story|seite)\b.{0,30}\b(?:nützlich|hilfreich|bewerten|useful|helpful|rate|teilen|share|diskutieren)\b.{0,40}$|^(?:if\s+you\s+enjoyed|never\s+miss|do\s+you\s+want\s+to\s+be\s+informed|we\s+want\s+to\s+hear|want\s+more\b|get\s+our\b|join\s+our\b|follow\s+(?:us|me)\b|you\s+can\s+keep\s+up\s+with).{0,200}$|^\(?noch\s+keine\s+bewertungen\)?$|^(?:warning|notice|fatal\s+error|deprecated)\s*:.{0,300}\bon\s+line\s+\d+.*$")
});
static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|h))?$"));
static RELATED_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:related|read\s+more|read\s+also|see\s+also|also\s+read|more|watch|lesen\s+sie\s+auch|mehr\s+zum\s+thema)\s*:\s*(.{8,200})$")
});

/// Furniture verdict for one line or paragraph, or None when it reads as story text.
pub fn classify(line: &str) -> Option<Verdict> {
    let t = line.trim();
    if t.is_empty() {
        return v("empty", "blank");
    }
    if t.chars().count() > 400 {
        // Long blocks are text; only a cookie banner is ever that long and still furniture.
        return if is_cookie_banner(t) { v("cookie_banner", "cookie or consent notice") } else { None };
    }
    if COUNTER.is_match(t) {
        return v("counter", "share or comment counters");
    }
    if let Some(c) = CREDIT.captures(t) {
        let who = c.get(1).or_else(|| c.get(2)).map(|m| m.as_str()).unwrap_or("");
        return Some(Verdict { kind: "credit", reason: "credit line", contributors: split_names(who), related: None });
    }
    if AGGREGATOR.is_match(t) {
        return v("aggregator", "aggregator link to the original");
    }
    if COMMENT_FORM.is_match(t) {
        return v("comment_form", "comment form furniture");
    }
    // Before the cookie rule: "Privacy & Cookies Policy" is a link, not a banner.
    if PRIVACY.is_match(t) {
        return v("privacy", "privacy, legal or copyright link");
    }
    if is_cookie_banner(t) {
        return v("cookie_banner", "cookie or consent notice");
    }
    if SHARE.is_match(t) {
        return v("share", "share or subscribe prompt");
    }
    if NAV.is_match(t) {
        return v("nav", "navigation or section label");
    }
    if LABEL.is_match(t) && t.split_whitespace().count() <= 10 {
        return v("related_label", "heading of a related-content box");
    }
    if IMAGE_CREDIT.is_match(t) {
        return v("image_credit", "image credit, ad label or update stamp");
    }
    if POST_META.is_match(t) {
        return v("post_meta", "post metadata line");
    }
    if FEEDBACK.is_match(t) {
        return v("promo", "feedback, newsletter or follow prompt");
    }
    if TIME_ONLY.is_match(t) || is_date_only(t) {
        return v("dateline", "date or time on its own");
    }
    if let Some(c) = RELATED_PREFIX.captures(t) {
        let h = c.get(1).map(|m| m.as_str().trim().to_string());
        return Some(Verdict { kind: "related", reason: "link to another story", contributors: vec![], related: h });
    }
    if is_promo_headline(t) {
        return Some(Verdict {
            kind: "promo_headline",
            reason: "all-caps headline of another story",
            contributors: vec![],
            related: Some(t.to_string()),
        });
    }
    None
}

/// A line that is nothing but a date (and maybe a time or weekday).
fn is_date_only(t: &str) -> bool {
    t.chars().count() <= 40 && t.split_whitespace().count() <= 6 && crate::date::normalize(t).is_some()
        && !t.ends_with('.') || (t.len() <= 12 && t.ends_with('.') && crate::date::normalize(t).is_some())
}

/// A cookie or consent banner: names cookies and asks for (or reports) consent.
pub fn is_cookie_banner(t: &str) -> bool {
    COOKIE.is_match(t) && t.chars().count() < 1200
}

/// An inline link to another story: all capitals, several words, no sentence punctuation.
pub fn is_promo_headline(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 12 || t.split_whitespace().count() < 3 {
        return false;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let ends_sentence = t.ends_with(['.', '!', '?', '"', '”', ':']);
    upper * 100 >= letters.len() * 90 && !ends_sentence
}

/// "Jane Doe and John Roe" / "A, B and C" -> names.
fn split_names(s: &str) -> Vec<String> {
    let s = s.trim().trim_end_matches('.');
    let s = s.split(';').next().unwrap_or(s);
    s.split(',')
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty() && p.len() < 80)
        .map(|p| p.strip_prefix("the ").unwrap_or(p).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<&'static str> {
        classify(s).map(|v| v.kind)
    }

    #[test]
    fn furniture_is_recognised() {
        assert_eq!(kind("0 1"), Some("counter"));
        assert_eq!(kind("12 Comments"), Some("counter"));
        assert_eq!(kind("Read the full article here"), Some("aggregator"));
        assert_eq!(kind("Leave a Reply"), Some("comment_form"));
        assert_eq!(kind("Your email address will not be published. Required fields are marked *"), Some("comment_form"));
        assert_eq!(kind("We use cookies to give you the best experience. Accept"), Some("cookie_banner"));
        assert_eq!(kind("Privacy Policy"), Some("privacy"));
        assert_eq!(kind("BORDER TOWN SHELLED AGAIN AS TALKS STALL IN GENEVA"), Some("promo_headline"));
    }

    #[test]
    fn credit_lines_name_contributors() {
        let v = classify("Reuters contributed to this report.").unwrap();
        assert_eq!(v.contributors, vec!["Reuters"]);
        let v = classify("Additional reporting by Ana Lima and Tom Berg; editing by Kim Ode").unwrap();
        assert_eq!(v.contributors, vec!["Ana Lima", "Tom Berg"]);
    }

    #[test]
    fn story_sentences_are_kept() {
        for s in [
            "The ministry said 12 soldiers were killed in the attack on Tuesday.",
            "NATO said it would respond.",
            "Officials in Kyiv declined to comment on the report.",
            "UN",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }
}
