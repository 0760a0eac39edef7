//! Cues made of punctuation, as quotation pages print them: a dash crediting the quotation
//! before it (`“...” ― Carlos Raúl`) and a colon opening a quotation (`he said only this:
//! “...”`). PolNeAR marks the mark itself as the cue.

use sitrep_model::Document;

use crate::attribution::Found;
use crate::sentence::Sent;
use crate::spans::{is_close_quote, is_open_quote};

fn is_dash(w: &str) -> bool {
    matches!(w, "―" | "—" | "–" | "-" | "--")
}

fn found(doc: &Document, si: usize, s: &Sent, cue: usize, source: Option<(usize, usize)>, content: sitrep_model::Span, rule: &str) -> Found {
    let source_span = source.map(|(a, b)| s.tspan(a, b));
    Found {
        sent: si,
        source_span,
        source_name: source_span.and_then(|x| doc.get(x)).map(String::from),
        source_entity: None,
        cue_text: doc.get(s.toks[cue].span).unwrap_or("").to_string(),
        cue_span: s.toks[cue].span,
        cue_band: None,
        cue_kind: "say".into(),
        content,
        quote: true,
        rules: vec![rule.into()],
    }
}

/// `“...” ― Name`: a dash right after a closing quotation mark (in this sentence or ending
/// the one before) and before a capitalised name credits the quotation to the name.
pub(crate) fn dash_credit(doc: &Document, sents: &[Sent], si: usize) -> Vec<Found> {
    let s = &sents[si];
    let mut out = vec![];
    for i in 0..s.toks.len() {
        if !is_dash(&s.toks[i].lower) {
            continue;
        }
        let after_quote = match i.checked_sub(1) {
            Some(p) => is_close_quote(&s.toks[p].lower) || p > 0 && s.toks[p].lower == "." && is_close_quote(&s.toks[p - 1].lower),
            None => si > 0 && sents[si - 1].toks.last().is_some_and(|t| is_close_quote(&t.lower)),
        };
        let name = (i + 1..s.toks.len().min(i + 6)).take_while(|&j| s.toks[j].is_word && s.toks[j].cap).last();
        let (true, Some(end)) = (after_quote, name) else { continue };
        let content = if i > 1 { s.tspan(0, i - 1) } else if si > 0 { sents[si - 1].span } else { continue };
        out.push(found(doc, si, s, i, Some((i + 1, end)), content, "cue: a dash crediting the quotation before it"));
    }
    out
}

/// `...: “quote”`: a colon opening a quotation, in a sentence where nothing before the
/// colon is a cue (`He tells the crowd: “...”` keeps "tells").
pub(crate) fn colon_quote(doc: &Document, s: &Sent, si: usize, cues_before: impl Fn(usize) -> bool) -> Option<Found> {
    let i = (1..s.toks.len().saturating_sub(2)).find(|&i| s.toks[i].lower == ":" && is_open_quote(&s.toks[i + 1].lower) && s.toks[i - 1].is_word)?;
    if cues_before(s.toks[i].span.start) {
        return None;
    }
    let content = s.tspan(i + 1, s.toks.len() - 1);
    Some(found(doc, si, s, i, None, content, "cue: a colon opening a quotation"))
}

#[cfg(test)]
mod tests {
    use crate::tests::doc;
    use crate::{extract, ExtractKnowledge};

    fn cues(text: &str) -> Vec<String> {
        let mut d = doc(text, &[]);
        extract(&mut d, &ExtractKnowledge::load(None).unwrap());
        let all = d.events.iter().map(|e| &e.attribution).chain(d.claims.iter().map(|c| &c.attribution));
        all.filter_map(|a| a.cue.as_ref().map(|c| c.text.clone())).collect()
    }

    #[test]
    fn dash_after_a_quotation_credits_the_name() {
        let c = cues("“He is ignorant of our culture and lives.” ― Pamela Padilla “I am so ashamed.” ― Jacklyn Ashley");
        assert_eq!(c.iter().filter(|x| x.as_str() == "―").count(), 2, "{c:?}");
    }

    #[test]
    fn dateline_dash_is_no_cue() {
        let c = cues("WASHINGTON (AP) — The Latest on the presidential race.");
        assert!(!c.iter().any(|x| x == "—"), "{c:?}");
    }

    #[test]
    fn colon_before_a_quotation_unless_a_cue_precedes() {
        let d = doc("Obama is rolling out a new and more personal campaign message: \"It's about me.\"", &[]);
        let sents = crate::sentence::sentences(&d);
        let f = super::colon_quote(&d, &sents[0], 0, |_| false).expect("a colon cue");
        assert_eq!((f.cue_text.as_str(), d.get(f.content)), (":", Some("\"It's about me.\"")));
        assert!(super::colon_quote(&d, &sents[0], 0, |_| true).is_none());
        // a colon ending a label, not opening a quotation
        let d = doc("The plan: cut taxes.", &[]);
        assert!(super::colon_quote(&d, &crate::sentence::sentences(&d)[0], 0, |_| false).is_none());
    }
}
