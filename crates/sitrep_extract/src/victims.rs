//! Victims of a lethal act counted from the noun phrase itself when no casualty count was
//! annotated: headlines rarely say "one person was killed" ("Italian volunteer killed in
//! Donbass", "Gunmen kill doctor, his associate", "Husband, wife and baby killed by ...",
//! "assassinate two SDF soldiers"). The victim phrase is the subject of a passive or
//! intransitive lethal word ("X killed in", "X were killed", "X die") or the object of an
//! active one ("kill X in"); each singular conjunct counts one, a number in it counts as
//! written, and any plural without a number leaves the count unknown.

use sitrep_model::{CountRef, Document, Span};

use crate::sentence::Sent;

/// Lethal word forms, and whether the form takes its victims after it (active).
fn lethal(w: &str) -> Option<Active> {
    match w {
        "kill" | "kills" | "execute" | "executes" | "assassinate" | "assassinates" | "murder" | "murders" | "behead" | "beheads" | "lynch" | "lynches" | "slay" | "slays" => Some(Active::Yes),
        "killed" | "executed" | "assassinated" | "murdered" | "beheaded" | "lynched" | "killing" | "executing" | "assassinating" | "murdering" => Some(Active::Maybe),
        "die" | "dies" | "died" | "dead" | "slain" => Some(Active::No),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Active {
    Yes,
    No,
    /// A participle or past tense: active when a noun phrase follows ("killed a doctor"),
    /// passive when a preposition, punctuation or the end does ("killed in Donbass").
    Maybe,
}

/// Words that close a victim phrase on the right.
fn stops_right(w: &str) -> bool {
    matches!(
        w,
        "in" | "on" | "at" | "near" | "during" | "after" | "before" | "while" | "as" | "with" | "for" | "from" | "by" | "since" | "over" | "across" | "amid" | "inside" | "outside" | "when" | "who" | "which" | "that" | "and" | "but" | "to" | "into" | "-" | "–" | "—" | ":" | ";" | "." | "|" | "(" | "\"" | "“" | "”"
    )
}

/// Auxiliaries and adverbs between a passive subject and its participle.
fn aux(w: &str) -> bool {
    matches!(w, "was" | "were" | "is" | "are" | "been" | "be" | "being" | "has" | "have" | "had" | "reportedly" | "allegedly" | "reported" | "found" | "shot" | "all" | "also" | "later" | "got" | "get")
}

fn number_word(w: &str) -> Option<f64> {
    const W: &[&str] = &["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
    if let Some(i) = W.iter().position(|x| *x == w) {
        return Some(i as f64);
    }
    match w {
        "thirty" => Some(30.0),
        "forty" => Some(40.0),
        "fifty" => Some(50.0),
        "dozen" => Some(12.0),
        "couple" | "pair" | "both" => Some(2.0),
        _ => w.replace(',', "").parse::<f64>().ok().filter(|n| n.fract() == 0.0 && *n < 100_000.0),
    }
}

/// Plural heads without a plural "-s" ("people", "police", "youth" alone).
const PLURAL_WORDS: &[&str] = &["people", "children", "men", "women", "police", "personnel", "others", "them", "family", "families", "civilians", "militia", "staff", "youth", "troops", "forces"];
/// Words that make any phrase a vague plural, wherever they stand ("dozens of ...", "several members").
const VAGUE_WORDS: &[&str] = &["dozens", "scores", "hundreds", "thousands", "several", "many", "some", "numerous", "multiple", "few", "more", "other", "others"];

/// The count one conjunct stands for: Some(n) when known, None when plural without number.
fn conjunct_count(words: &[&str], person: &dyn Fn(&str) -> bool) -> Option<f64> {
    // the head precedes any "of" ("members of the regular forces")
    let head_part: Vec<&str> = words.iter().copied().take_while(|w| !matches!(*w, "of" | "from" | "in" | "at")).collect();
    let head = *head_part.last()?;
    if let Some(n) = head_part.iter().find_map(|w| number_word(w)) {
        return Some(n);
    }
    // the head decides ("Somali youth leader" is one; "youth" alone is many)
    if PLURAL_WORDS.contains(&head) || head_part.iter().any(|w| VAGUE_WORDS.contains(w)) {
        return None;
    }
    if matches!(head, "him" | "her" | "himself" | "herself") {
        return Some(1.0);
    }
    let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us") && !head.ends_with("is");
    if plural || !head.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') || matches!(head, "they" | "we" | "it" | "themselves") {
        return None;
    }
    // one only for a person ("youth leader killed"; not "killed the game")
    person(head).then_some(1.0)
}

/// The count of the victim phrase `a..b` of the word at `t` ("fatalities" or "injuries"), with
/// its rule line; none when an annotated casualty quantity sits in the phrase (that is the
/// casualty layer's business).
fn implicit(doc: &Document, s: &Sent, a: usize, b: usize, t: usize, person: &dyn Fn(&str) -> bool, what: &str) -> Option<(CountRef, String)> {
    let span = s.tspan(a, b - 1);
    let n = phrase_count(doc, s, a, b, person)?;
    if doc.quantities.iter().any(|q| span.contains(q.span) && q.casualty.is_some()) {
        return None;
    }
    let text = doc.get(span).unwrap_or("").to_string();
    let why = format!("{what}: {n} from the victims '{text}' of '{}' (implicit count)", s.word(t));
    Some((CountRef { low: n, high: n, span: Some(span), text: Some(text) }, why))
}

/// Sum of the conjuncts of a victim phrase (tokens `a..b`), or None when any is unknown.
/// A conjunct that is a person's name ("Benito Portillo Torres") counts one.
fn phrase_count(doc: &Document, s: &Sent, a: usize, b: usize, person: &dyn Fn(&str) -> bool) -> Option<f64> {
    let mut total = 0.0;
    let mut cur: Vec<usize> = Vec::new();
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for i in a..b {
        let w = s.word(i);
        if w == "," || w == "and" || w == "&" {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
        } else if s.toks[i].is_word {
            cur.push(i);
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    if parts.is_empty() || parts.len() > 5 {
        return None;
    }
    // a capitalised singular head mid-sentence is a person or a people's name ("killed
    // Belfast Catholic"), outside Title Case headlines where every word is capitalised
    let title = crate::cue_rules::title_case(s);
    for p in &parts {
        let words: Vec<&str> = p.iter().map(|&i| s.word(i)).collect();
        // "5 Palestinians, including 2 children": the rest names some of those counted
        if matches!(words.first().copied(), Some("including" | "includes" | "include" | "among" | "mostly" | "mainly" | "incl")) || words.windows(2).any(|w| matches!(w, ["of", "whom" | "them"])) {
            break;
        }
        let capped: Vec<&str> = p.iter().filter(|&&i| i > 0 && s.toks[i].cap && !title).map(|&i| s.word(i)).collect();
        let person = |w: &str| person(w) || capped.contains(&w);
        // a conjunct naming a reporting source is not a victim (", police said")
        if words.iter().any(|w| matches!(*w, "said" | "says" | "say" | "told" | "reported" | "claimed" | "claims")) {
            return None;
        }
        total += match conjunct_count(&words, &person) {
            Some(n) => n,
            None if person_name(doc, s, p) => 1.0,
            None => return None,
        };
    }
    (total > 0.0).then_some(total)
}

/// The conjunct's capitalised words lie inside a mention of a person.
fn person_name(doc: &Document, s: &Sent, p: &[usize]) -> bool {
    let (Some(&a), Some(&b)) = (p.first(), p.last()) else { return false };
    let span = s.tspan(a, b);
    p.iter().all(|&i| s.toks[i].cap)
        && doc.mentions.iter().any(|m| m.span.contains(span) && crate::sentence::entity_kind(doc, &m.entity) == Some(sitrep_model::EntityKind::Person))
}

/// "killed and wounded", "killed or injured", "kill and wound": a count of both, not deaths.
pub(crate) fn combined_with_wounded(s: &Sent, t: usize) -> bool {
    let hurt = |w: &str| matches!(w, "wounded" | "injured" | "hurt" | "wounding" | "injuring" | "wound" | "injure" | "wounds" | "injures");
    let lethal_w = |w: &str| lethal(w).is_some() || w == "dead";
    let conj = |w: &str| matches!(w, "and" | "or" | "," | "/" | "&");
    (conj(s.word(t + 1)) && hurt(s.word(t + 2))) || (t >= 2 && conj(s.word(t - 1)) && lethal_w(s.word(t - 2)) && hurt(s.word(t)))
}

/// The victim phrase of the lethal word at `t`: token range `[a, b)`.
fn phrase(s: &Sent, t: usize, from: usize, to: usize, active: Active) -> Option<(usize, usize)> {
    let next = s.word(t + 1);
    let right = match active {
        Active::Yes => true,
        Active::No => false,
        Active::Maybe => t + 1 < to && s.toks[t + 1].is_word && !stops_right(next) && !matches!(next, "by" | "and" | "or"),
    };
    if right {
        let a = t + 1;
        let mut b = a;
        // another casualty verb closes the phrase ("kills one, injures five")
        while b < to && b < a + 10 && !stops_right(s.word(b)) && hurting(s.word(b)).is_none() && lethal(s.word(b)).is_none() {
            b += 1;
        }
        while b > a && matches!(s.word(b - 1), "," | "#") {
            b -= 1;
        }
        return (b > a).then_some((a, b));
    }
    // left: skip auxiliaries, then walk back over words, commas, "and", hashtags
    let mut b = t;
    if s.word(t) == "down" && b > from {
        b -= 1; // "gunned down"
    }
    while b > from && aux(s.word(b - 1)) {
        b -= 1;
    }
    // "a man chased and shot": over a coordinated participle to the subject
    if b >= from + 2 && s.word(b - 1) == "and" && s.word(b - 2).ends_with("ed") {
        b -= 2;
        while b > from && aux(s.word(b - 1)) {
            b -= 1;
        }
    }
    let mut a = b;
    while a > from && b - a < 10 {
        let w = s.word(a - 1);
        let ok = s.toks[a - 1].is_word || matches!(w, "," | "#" | "@" | "'");
        // another casualty word closes the phrase ("officer injured, guard killed")
        let casualty = matches!(w, "injured" | "wounded" | "hurt" | "arrested" | "missing" | "abducted" | "kidnapped") || lethal(w).is_some();
        if !ok || casualty || matches!(w, "in" | "on" | "at" | "after" | "as" | "while" | "when" | "said" | "says" | "say" | "that") {
            break;
        }
        a -= 1;
    }
    while a < b && matches!(s.word(a), "," | "#") {
        a += 1;
    }
    (b > a).then_some((a, b))
}

/// The implicit death count of a lethal word in `within` nearest to token `near`.
pub(crate) fn implicit_deaths(doc: &Document, s: &Sent, within: Span, near: usize, person: &dyn Fn(&str) -> bool) -> Option<(CountRef, String)> {
    let from = s.tok_at(within.start);
    let to = s.toks.iter().rposition(|t| t.span.end <= within.end).map_or(from, |x| x + 1);
    let mut cands: Vec<(usize, Active)> = (from..to).filter_map(|i| lethal(s.word(i)).map(|a| (i, a))).collect();
    // "gun down X", "X gunned down": the phrase hangs on "down"
    for i in from..to.saturating_sub(1) {
        if s.word(i + 1) == "down" {
            match s.word(i) {
                "gun" | "guns" => cands.push((i + 1, Active::Yes)),
                "gunned" => cands.push((i + 1, Active::Maybe)),
                _ => {}
            }
        }
    }
    cands.sort_by_key(|c| c.0.abs_diff(near));
    for (t, active) in cands {
        // "shot dead" / "gunned down": the phrase sits before "shot" / "gunned"
        let Some((a, b)) = phrase(s, t, from, to, active) else { continue };
        if combined_with_wounded(s, t) {
            continue;
        }
        if let Some(found) = implicit(doc, s, a, b, t, person, "fatalities") {
            return Some(found);
        }
    }
    None
}

/// "Policeman, two militants killed", "a soldier and 3 civilians killed": a victim phrase
/// that holds the annotated death count `q` among other conjuncts counts them all. None
/// when no such phrase, a conjunct is an unknown plural, or the sum adds nothing.
pub(crate) fn deaths_around_count(doc: &Document, s: &Sent, within: Span, near: usize, q: &CountRef, person: &dyn Fn(&str) -> bool) -> Option<(CountRef, String)> {
    let qspan = q.span?;
    let from = s.tok_at(within.start);
    let to = s.toks.iter().rposition(|t| t.span.end <= within.end).map_or(from, |x| x + 1);
    let mut cands: Vec<(usize, Active)> = (from..to).filter_map(|i| lethal(s.word(i)).map(|a| (i, a))).collect();
    cands.sort_by_key(|c| c.0.abs_diff(near));
    for (t, active) in cands {
        let Some((a, b)) = phrase(s, t, from, to, active) else { continue };
        let span = s.tspan(a, b - 1);
        if !span.contains(qspan) || combined_with_wounded(s, t) || !(a..b).any(|i| matches!(s.word(i), "," | "and" | "&")) {
            continue;
        }
        // only a plain number sums ("at least two" has no upper end to add to)
        let n = phrase_count(doc, s, a, b, person)?;
        if q.low != q.high || n <= q.high {
            return None;
        }
        let text = doc.get(span).unwrap_or("").to_string();
        let why = format!("fatalities: {n} from the victims '{text}' of '{}' (the count and the other victims named with it)", s.word(t));
        return Some((CountRef { low: n, high: n, span: Some(span), text: Some(text) }, why));
    }
    None
}

/// Hurt word forms (an injury, not a death), and whether they take their victims after them.
fn hurting(w: &str) -> Option<Active> {
    match w {
        "shoot" | "shoots" | "stab" | "stabs" | "wound" | "wounds" | "injure" | "injures" => Some(Active::Yes),
        "shot" | "stabbed" | "wounded" | "injured" | "hurt" | "beaten" => Some(Active::Maybe),
        _ => None,
    }
}

/// The implicit injury count of a hurt word in `within` ("Man chased and shot", "teacher
/// stabbed"): as for deaths, only when the sentence names no death ("shot dead").
pub(crate) fn implicit_injuries(doc: &Document, s: &Sent, within: Span, near: usize, person: &dyn Fn(&str) -> bool) -> Option<(CountRef, String)> {
    let from = s.tok_at(within.start);
    let to = s.toks.iter().rposition(|t| t.span.end <= within.end).map_or(from, |x| x + 1);
    if (from..to).any(|i| lethal(s.word(i)).is_some() || matches!(s.word(i), "death" | "deaths" | "fatally")) {
        return None;
    }
    let mut cands: Vec<(usize, Active)> = (from..to).filter_map(|i| hurting(s.word(i)).map(|a| (i, a))).collect();
    cands.sort_by_key(|c| c.0.abs_diff(near));
    for (t, active) in cands {
        let Some((a, b)) = phrase(s, t, from, to, active) else { continue };
        if let Some(found) = implicit(doc, s, a, b, t, person, "injuries") {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn count(text: &str) -> Option<f64> {
        let span = Span::new(0, text.len());
        let s = Sent { span, toks: tokenize(text, span), para: 0 };
        let doc = Document::new("t", "t", text.to_string());
        let k = crate::ExtractKnowledge::load(None).unwrap();
        implicit_deaths(&doc, &s, span, 0, &|w| k.gate.is_person(w)).map(|c| c.0.low)
    }

    #[test]
    fn singular_and_coordinated_victims() {
        assert_eq!(count("Italian volunteer killed in Donbass - newspaper"), Some(1.0));
        assert_eq!(count("Gunmen kill doctor, his associate in east Afghanistan - official"), Some(2.0));
        assert_eq!(count("Bui Division: Husband, wife and baby killed by government forces in a raid"), Some(3.0));
        assert_eq!(count("IS executes a rebel in al-Miadin city"), Some(1.0));
        assert_eq!(count("Unknown gunmen assassinate two SDF soldiers, while others attack"), Some(2.0));
        assert_eq!(count("2 Soldiers die in northwest Colombia rebel attack"), Some(2.0));
        assert_eq!(count("DAB officer injured, guard killed in Kabul blast"), Some(1.0));
        assert_eq!(count("At least 11 people, including a police officer, were killed in clashes"), Some(11.0));
        assert_eq!(count("Twelve members of the regular forces were killed during clashes"), Some(12.0));
        // the injured of a second verb are no victims of the first
        assert_eq!(count("Shelling kills one, injures five in Donetsk"), Some(1.0));
        assert_eq!(count("Gunmen kill teacher, wound two pupils in school attack"), Some(1.0));
    }

    #[test]
    fn plurals_without_numbers_stay_unknown() {
        assert_eq!(count("Children and women from the same family killed in shelling"), None);
        assert_eq!(count("Uganda LRA rebels kill scores in northern DR Congo"), None);
        assert_eq!(count("Gunmen killed civilians in the town, police said"), None);
        assert_eq!(count("The rebels attacked the town"), None);
    }

    #[test]
    fn only_persons_count_one() {
        assert_eq!(count("Prominent Somali youth leader killed in Mogadishu"), Some(1.0));
        assert_eq!(count("Loyalists say they killed Belfast Catholic."), Some(1.0));
        assert_eq!(count("Unknown attackers gun down tribal elder in the south"), Some(1.0));
        assert_eq!(count("The striker killed the game with a late goal"), None);
        assert_eq!(count("The bill was killed in committee"), None);
        // a count of the killed and wounded together is no death count
        assert_eq!(count("Officer killed and wounded in the attack"), None);
    }

    fn around(text: &str, q: &str) -> Option<f64> {
        let span = Span::new(0, text.len());
        let s = Sent { span, toks: tokenize(text, span), para: 0 };
        let doc = Document::new("t", "t", text.to_string());
        let k = crate::ExtractKnowledge::load(None).unwrap();
        let at = text.find(q).unwrap();
        let c = CountRef { low: 2.0, high: 2.0, span: Some(Span::new(at, at + q.len())), text: Some(q.into()) };
        deaths_around_count(&doc, &s, span, 0, &c, &|w| k.gate.is_person(w)).map(|c| c.0.low)
    }

    #[test]
    fn a_count_among_other_victims_sums() {
        assert_eq!(around("Policeman, two militants killed in encounter", "two"), Some(3.0));
        assert_eq!(around("A soldier and two civilians were killed in the shelling", "two"), Some(3.0));
        // those "including" are among the count, not besides it
        assert_eq!(around("Israeli strike kills 2 Palestinians, including a child, in Gaza", "2"), None);
        // the count alone, or beside an unknown plural, stays as it is
        assert_eq!(around("Two militants killed in encounter", "Two"), None);
        assert_eq!(around("Civilians and two soldiers killed in the shelling", "two"), None);
    }
}
