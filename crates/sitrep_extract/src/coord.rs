//! Clause structure around a trigger that roles need and a token window cannot see on its
//! own: coordinated mentions ("Kharkiv and Odesa", "Iran, Libya and Sudan"), appositions
//! and parentheticals (", a key U.S. ally ,"), participial clauses (", killing 12 soldiers")
//! and relative clauses ("X, which attacked Y").
//!
//! Positions are token indices in a [`Sent`]; a located mention is `(first, last, mention)`.

use sitrep_model::Mention;

use crate::sentence::Sent;

pub(crate) type Located<'a> = (usize, usize, &'a Mention);

/// Words that may stand between two coordinated mentions besides the conjunction itself.
const GLUE: &[&str] = &[",", "and", "or", "&", "as", "well", "the", "both", "also", "its", "their", "other", "several", "two", "three"];

/// Words after a mention that open a new clause: a mention followed by them is the subject
/// of that clause, not one more conjunct ("attacked Ukraine and Poland said ...").
fn opens_clause(w: &str) -> bool {
    matches!(w, "said" | "says" | "has" | "have" | "had" | "was" | "were" | "is" | "are" | "will" | "would" | "could" | "can" | "must" | "should" | "did" | "does" | "also" | "then" | "later" | "responded" | "replied" | "denied" | "claimed")
}

/// Whether the tokens strictly between `a_end` and `b_start` join two conjuncts: only glue
/// words (or the preposition `prep` repeated: "to Iran and to Libya"), at most four.
/// Returns Some(true) when the gap holds a conjunction, Some(false) when only a comma.
fn gap_joins(s: &Sent, a_end: usize, b_start: usize, prep: &str) -> Option<bool> {
    if b_start <= a_end + 1 || b_start - a_end - 1 > 4 {
        return None;
    }
    let mut conj = false;
    let mut comma = false;
    for i in a_end + 1..b_start {
        let w = s.word(i);
        if matches!(w, "and" | "or" | "&") || (w == "as" && s.word(i + 1) == "well") {
            conj = true;
        } else if w == "," {
            comma = true;
        } else if !(GLUE.contains(&w) || (!prep.is_empty() && w == prep)) {
            return None;
        }
    }
    (conj || comma).then_some(conj)
}

/// Mentions coordinated after `ms[head]`, in order ("struck Kharkiv and Odesa", "to Iran,
/// Libya, North Korea, Sudan, and Cuba"). A chain of bare commas counts only when a
/// conjunction closes it (", the regional governor said" is no conjunct).
pub(crate) fn following(s: &Sent, ms: &[Located], head: usize, prep: &str) -> Vec<usize> {
    let mut chain: Vec<(usize, bool)> = Vec::new();
    let mut cur = head;
    for j in head + 1..ms.len() {
        if ms[j].0 <= ms[cur].1 {
            continue; // nested or overlapping mention
        }
        let Some(conj) = gap_joins(s, ms[cur].1, ms[j].0, prep) else { break };
        if conj && opens_clause(s.word(ms[j].1 + 1)) {
            break;
        }
        chain.push((j, conj));
        cur = j;
    }
    while chain.last().is_some_and(|c| !c.1) {
        chain.pop();
    }
    chain.into_iter().map(|c| c.0).collect()
}

/// Mentions coordinated before `ms[head]`, nearest first ("Russia, China and Iran signed").
pub(crate) fn preceding(s: &Sent, ms: &[Located], head: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = head;
    let mut any_conj = false;
    for j in (0..head).rev() {
        if ms[j].1 >= ms[cur].0 {
            continue;
        }
        let Some(conj) = gap_joins(s, ms[j].1, ms[cur].0, "") else { break };
        // the conjunction sits next to the last conjunct: "A, B and C" walks back from C
        if !conj && !any_conj {
            break;
        }
        any_conj |= conj;
        out.push(j);
        cur = j;
    }
    out
}

/// Whether token `i` lies inside a parenthetical closed before `t0`: a comma-bounded
/// stretch that opens after a word ("Pakistan, a key U.S. ally in the war, has refused").
pub(crate) fn parenthetical(s: &Sent, i: usize, t0: usize, from: usize) -> bool {
    let close = (i + 1..t0).find(|&k| s.word(k) == ",");
    let Some(close) = close else { return false };
    // after the closing comma only auxiliaries / adverbs up to the trigger
    if !(close + 1..t0).all(|k| s.toks[k].is_word && !matches!(s.word(k), "and" | "but")) {
        return false;
    }
    let open = (from..i).rev().find(|&k| s.word(k) == ",");
    match open {
        Some(o) => o > from && s.toks[o - 1].is_word && (o + 1..i).all(|k| s.word(k) != "and"),
        None => false,
    }
}

/// A participle opening a clause after a comma (", killing 12 soldiers"; ", wounding"):
/// its subject is the main clause's.
pub(crate) fn participial(s: &Sent, t0: usize) -> bool {
    s.word(t0).ends_with("ing") && t0 > 0 && matches!(s.word(t0 - 1), "," | "—" | "–")
}

/// The relative pronoun that opens the trigger's clause ("X, which attacked Y"; "who had
/// fired"), with its position.
pub(crate) fn relative(s: &Sent, t0: usize) -> Option<usize> {
    (t0.saturating_sub(3)..t0).rev().find(|&k| matches!(s.word(k), "which" | "who" | "that" | "whose")).filter(|&k| (k + 1..t0).all(|j| s.toks[j].is_word))
}
