//! The learned cue detector's features: what one sentence's tokens look like to the model
//! (word, neighbours, shape, Brown cluster, quotation state, the hand rules' hits).

use sitrep_model::Span;

use super::{h1, is_function, key, v, CueModel, V};
use crate::attribution::Found;
use crate::clusters::Paths;
use crate::sentence::Sent;
use crate::ExtractKnowledge;

/// What the features of one sentence look at, computed once per sentence.
pub(crate) struct Ctx<'a> {
    pub(super) s: &'a Sent,
    /// Rule cue kind covering each token ("" when none).
    rule: Vec<&'static str>,
    /// Cue lexicon kind of each token, whether or not a rule accepted it.
    lex: Vec<&'static str>,
    inq: Vec<bool>,
    /// Mention spans overlapping the sentence.
    ms: Vec<Span>,
    has_quote: bool,
    any_rule: bool,
    pronouns: &'a [String],
    /// Quotation state at the sentence's end, to seed the next one in the paragraph.
    pub(super) inside_end: bool,
    /// Brown cluster of each token.
    cl: Vec<Option<&'a Paths>>,
    /// WordNet supersenses of each token (first verb, second verb, first noun).
    ss: Vec<[&'static str; 3]>,
    /// Hash of each token's lowercased form: a word is a value of a dozen features.
    wh: Vec<u64>,
}

/// Cue kinds as static strings (a kind a user's reporting.toml adds reads as `other`).
fn intern_kind(k: &str) -> &'static str {
    match k {
        "" => "",
        "say" => "say",
        "attitude" => "attitude",
        "assess" => "assess",
        "claim" => "claim",
        "deny" => "deny",
        "expect" => "expect",
        "according" => "according",
        _ => "other",
    }
}

impl<'a> Ctx<'a> {
    /// `lex`: the cue lexicon's hits in the sentence; `ms`: mention spans sorted; `inside`:
    /// whether the sentence opens inside a quotation.
    pub(crate) fn new(s: &'a Sent, rules: &[Found], lex: &[(usize, &str)], ms: &[Span], mut inside: bool, k: &'a ExtractKnowledge) -> Self {
        let n = s.toks.len();
        let mut rule = vec![""; n];
        for f in rules {
            for (i, t) in s.toks.iter().enumerate() {
                if t.span.overlaps(f.cue_span) {
                    rule[i] = intern_kind(&f.cue_kind);
                }
            }
        }
        let mut lx = vec![""; n];
        for &(i, kind) in lex {
            if i < n {
                lx[i] = intern_kind(kind);
            }
        }
        let lex = lx;
        let mut inq = Vec::with_capacity(n);
        for t in &s.toks {
            match t.lower.as_str() {
                "“" => inside = true,
                "”" => inside = false,
                "\"" => inside = !inside,
                _ => {}
            }
            inq.push(inside);
        }
        let first = ms.partition_point(|m| m.end <= s.span.start);
        let ms: Vec<Span> = ms[first..].iter().take_while(|m| m.start < s.span.end).copied().collect();

        let has_quote = s.toks.iter().any(|t| matches!(t.lower.as_str(), "“" | "”" | "\""));
        let any_rule = rule.iter().any(|r| !r.is_empty());
        let cl = s.toks.iter().map(|t| if t.is_word { k.cue_model.clusters.get(&t.lower) } else { None }).collect();
        let ss = s.toks.iter().map(|t| if t.is_word { k.cue_model.senses.get(&t.lower) } else { ["-", "-", "-"] }).collect();
        let wh = s.toks.iter().map(|t| super::h1(&t.lower)).collect();
        Ctx { s, rule, lex, inq, ms, has_quote, any_rule, pronouns: &k.pronouns, inside_end: inside, cl, ss, wh }
    }

    fn class(&self, i: Option<usize>) -> &'static str {
        i.and_then(|i| self.s.toks.get(i)).map_or("edge", |t| class_of(t, self.pronouns))
    }

    /// Token `i` lies in a mention (a name the language layer found).
    pub(super) fn mention(&self, i: usize) -> bool {
        self.s.toks.get(i).is_some_and(|t| self.ms.iter().any(|m| m.overlaps(t.span)))
    }

    /// Not worth scoring: a function word, or a word no training cue held, unless a rule
    /// cue covers it.
    pub(super) fn skip(&self, m: &CueModel, i: usize) -> bool {
        let w = self.s.toks[i].lower.as_str();
        let cand = m.cand.is_empty() || m.cand.contains(&key("cand", h1(w), h1(""))) || self.cl[i].is_some_and(|p| m.cand_cl.contains(&p.prefixes[3].1));
        self.rule[i].is_empty() && (!cand || is_function(w))
    }

    /// Cluster path prefix `n` (0: 4 bits, 1: 8, 2: 12, 3: leaf) of token `j`.
    fn cl(&self, j: Option<usize>, n: usize) -> V<'_> {
        match j.and_then(|j| self.cl.get(j).copied().flatten()) {
            Some(p) => (p.prefixes[n].0.as_str(), p.prefixes[n].1),
            None => v("-"),
        }
    }
}

fn class_of(t: &crate::tokens::Token, pronouns: &[String]) -> &'static str {
    {
        let w = t.lower.as_str();
        match w {
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this" | "that" | "these" | "those" => "det",
            "to" => "to",
            "would" | "could" | "should" | "will" | "can" | "may" | "might" | "must" => "modal",
            "is" | "was" | "are" | "were" | "be" | "been" | "has" | "have" | "had" | "do" | "did" | "does" => "aux",
            "n't" | "not" | "never" => "neg",
            "of" | "for" | "about" | "on" | "with" | "against" | "over" | "in" | "at" | "by" => "prep",
            "," | ";" => "comma",
            ":" => "colon",
            "“" | "”" | "\"" | "'" | "‘" | "’" => "quote",
            _ if pronouns.iter().any(|p| p == w) || matches!(w, "you" | "i" | "who") => "pron",
            _ if !t.is_word => "punct",
            _ if t.cap => "cap",
            _ if w.ends_with("ly") => "ly",
            _ if w.ends_with("ed") => "ed",
            _ if w.ends_with("ing") => "ing",
            _ if w.ends_with('s') => "s",
            _ => "low",
        }
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1..=2 => "1",
        3..=5 => "3",
        6..=10 => "6",
        _ => "11",
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let k = w.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &w[k..]
}

/// Every feature of token `i`, as (template, value, value).
pub(crate) fn features(cx: &Ctx, i: usize, f: &mut impl FnMut(&str, V, V)) {
    let s = cx.s;
    let w = |j: Option<usize>| j.and_then(|j| Some((s.toks.get(j)?.lower.as_str(), cx.wh[j]))).unwrap_or_else(|| v("<s>"));
    let (p1, p2, n1, n2) = (i.checked_sub(1), i.checked_sub(2), Some(i + 1), Some(i + 2));
    let w0 = w(Some(i));
    let (cp, cn) = (cx.class(p1), cx.class(n1));
    let rule = if cx.rule[i].is_empty() { "-" } else { cx.rule[i] };
    let q = if cx.inq[i] { "q" } else if cx.has_quote { "sq" } else { "-" };
    f("bias", v(""), v(""));
    f("w", w0, v(""));
    f("wp", w(p1), v(""));
    f("wn", w(n1), v(""));
    f("wp2", w(p2), v(""));
    f("wn2", w(n2), v(""));
    f("wpw", w(p1), w0);
    f("wwn", w0, w(n1));
    f("wwn2", w0, w(n2));
    f("suf3", v(suffix(w0.0, 3)), v(""));
    f("suf3cp", v(suffix(w0.0, 3)), v(cp));
    f("cp", v(cp), v(cx.class(Some(i))));
    f("cpcn", v(cp), v(cn));
    f("wcp", w0, v(cp));
    f("wcn", w0, v(cn));
    f("wcp2", w0, v(cx.class(p2)));
    f("rule", v(rule), v(""));
    f("rulew", v(rule), w0);
    f("q", v(q), v(""));
    f("wq", w0, v(q));
    f("pos", v(bucket(i)), v(bucket(s.toks.len() - i - 1)));
    let men = |j: Option<usize>| j.is_some_and(|j| cx.mention(j));
    f("men", v(if men(Some(i)) { "in" } else { "out" }), v(if men(p1) { "p" } else if men(p2) { "p2" } else { "-" }));
    f("wmenp", w0, v(if men(p1) || men(p2) { "y" } else { "n" }));
    let lex = if cx.lex[i].is_empty() { "-" } else { cx.lex[i] };
    f("lex", v(lex), v(rule));
    f("lexcp", v(lex), v(cp));
    f("stem", v(stem(w0.0)), v(""));
    f("stemcn", v(stem(w0.0)), v(cn));
    // a clause or quotation opening within three tokens after, a subject within three before
    let after = (i + 1..(i + 4).min(s.toks.len())).find_map(|j| match s.word(j) {
        "that" => Some("that"),
        ":" => Some("colon"),
        "“" | "\"" => Some("quote"),
        "whether" | "if" => Some("whether"),
        _ => None,
    });
    f("after", v(after.unwrap_or("-")), v(""));
    let subj = (i.saturating_sub(3)..i).rev().find_map(|j| match cx.class(Some(j)) {
        c @ ("pron" | "cap") => Some(c),
        _ => None,
    });
    f("subj", v(subj.unwrap_or("-")), v(after.unwrap_or("-")));
    f("wsubj", w0, v(subj.unwrap_or("-")));
    // another rule cue in the sentence, and on which side: annotators mark few cues a sentence
    let other = (0..if cx.any_rule { s.toks.len() } else { 0 }).filter(|&j| !cx.rule[j].is_empty() && cx.rule[j] != cx.rule[i] || !cx.rule[j].is_empty() && (j + 3 < i || j > i + 3)).map(|j| if j < i  { "before" } else { "after" }).next();
    f("other", v(other.unwrap_or("-")), v(rule));
    f("wother", w0, v(other.unwrap_or("-")));
    // Brown clusters: the word's, its neighbours', and the leaf with the context above
    let c = |j: Option<usize>, n: usize| cx.cl(j, n);
    f("c4", c(Some(i), 0), v(""));
    f("c8", c(Some(i), 1), v(""));
    f("c12", c(Some(i), 2), v(""));
    f("cl", c(Some(i), 3), v(""));
    f("clp8", c(p1, 1), v(""));
    f("cln8", c(n1, 1), v(""));
    f("c8pc8", c(p1, 1), c(Some(i), 1));
    f("clcp", c(Some(i), 3), v(cp));
    f("clcn", c(Some(i), 3), v(cn));
    f("clafter", c(Some(i), 3), v(after.unwrap_or("-")));
    f("c8subj", c(Some(i), 1), v(subj.unwrap_or("-")));
    f("clrule", c(Some(i), 3), v(rule));
    f("c8q", c(Some(i), 1), v(q));
    // WordNet supersenses: the word's, and the previous word's noun sense (a holder: "person")
    let [sv, sv2, sn] = cx.ss[i];
    let snp = p1.map_or("-", |j| cx.ss[j][2]);
    f("sv", v(sv), v(sv2));
    f("sn", v(sn), v(""));
    f("svcp", v(sv), v(cp));
    f("svcn", v(sv), v(cn));
    f("svafter", v(sv), v(after.unwrap_or("-")));
    f("svsubj", v(sv), v(subj.unwrap_or("-")));
    f("snsnp", v(sn), v(snp));
    f("svsnp", v(sv), v(snp));
    f("svq", v(sv), v(q));
    let cap = s.toks[i].cap && i > 0 && !matches!(cp, "quote" | "colon");
    f("cap", v(if cap { "c" } else { "-" }), v(if s.toks[i].is_word { "w" } else { "p" }));
}

/// A crude stem shared by inflections ("criticized", "criticizes" -> "criticiz").
fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s", "e"] {
        if let Some(x) = w.strip_suffix(suf).filter(|x| x.len() >= 3) {
            return x;
        }
    }
    w
}

