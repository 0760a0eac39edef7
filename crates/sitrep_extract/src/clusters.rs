//! Word classes for the learned cue detector, so a cue verb absent from PolNeAR's train
//! split is scored like its kin: Brown word clusters (`knowledge/word_clusters.tsv.gz`, from
//! spacy-lookups-data by `scripts/gen_word_clusters.py`; words used in the same contexts
//! share a leaf, "thinks" and "believes") and WordNet supersenses
//! (`knowledge/word_senses.tsv.gz`, by `scripts/gen_word_senses.py`: "chanting" is a verb of
//! communication, "worries" one of emotion).

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::io::Read;
use std::path::Path;

use crate::KnowledgeError;

const BUILTIN: &[u8] = include_bytes!("../../../knowledge/word_clusters.tsv.gz");
const SENSES: &[u8] = include_bytes!("../../../knowledge/word_senses.tsv.gz");

/// Path prefixes of one cluster as feature values: 4, 8 and 12 bits, and the leaf.
#[derive(Debug, Clone)]
pub(crate) struct Paths {
    /// (value, its hash as the model keys it)
    pub prefixes: [(String, u64); 4],
}

#[derive(Debug, Clone, Default)]
pub struct WordClusters {
    /// Lowercased word -> index into `paths` (looked up for every word of every page: Fx,
    /// not SipHash).
    words: FxHashMap<String, u16>,
    paths: Vec<Paths>,
}

impl WordClusters {
    /// The built-in table, replaced by `word_clusters.tsv.gz` (or `.tsv`) in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        load_table(dir, "word_clusters", BUILTIN, Self::from_bytes)
    }

    /// Gzipped or plain lines `word<TAB>cluster`; `# ` comments.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let text = text_of(bytes)?;
        let mut out = WordClusters::default();
        let mut index: HashMap<u64, u16> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("# ") || line.trim().is_empty() {
                continue;
            }
            let Some((w, c)) = line.split_once('\t') else { return Err(format!("line {}: expected word<TAB>cluster", n + 1)) };
            let c: u64 = c.trim().parse().map_err(|_| format!("line {}: bad cluster {c:?}", n + 1))?;
            let next = out.paths.len();
            let i = *index.entry(c).or_insert_with(|| next as u16);
            if i as usize == next {
                out.paths.push(paths(c));
            }
            out.words.insert(w.to_string(), i);
        }
        Ok(out)
    }

    /// The cluster paths of a lowercased word.
    pub(crate) fn get(&self, w: &str) -> Option<&Paths> {
        self.words.get(w).map(|&i| &self.paths[i as usize])
    }
}

/// `STEM.tsv.gz` or `STEM.tsv` in `dir` when there, else the built-in bytes, parsed.
fn load_table<T>(dir: Option<&Path>, stem: &str, builtin: &[u8], parse: fn(&[u8]) -> Result<T, String>) -> Result<T, KnowledgeError> {
    for name in [format!("{stem}.tsv.gz"), format!("{stem}.tsv")] {
        if let Some(p) = dir.map(|d| d.join(&name)).filter(|p| p.exists()) {
            let err = |message: String| KnowledgeError { file: p.display().to_string(), message };
            let bytes = std::fs::read(&p).map_err(|e| err(e.to_string()))?;
            return parse(&bytes).map_err(err);
        }
    }
    parse(builtin).map_err(|message| KnowledgeError { file: format!("(built-in) {stem}.tsv.gz"), message })
}

/// The text of a gzipped or plain file.
fn text_of(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut s).map_err(|e| e.to_string())?;
        Ok(s)
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())
    }
}

/// WordNet's lexicographer file names (noun and verb), the values a supersense can take.
const LEXNAMES: &[&str] = &[
    "tops", "act", "animal", "artifact", "attribute", "body", "cognition", "communication", "event", "feeling", "food", "group", "location", "motive", "object", "person", "phenomenon", "plant", "possession", "process", "quantity", "relation", "shape", "state", "substance", "time", "change", "competition", "consumption", "contact", "creation", "emotion", "motion", "perception", "social", "stative", "weather",
];

/// WordNet supersenses of a word: its two most frequent verb senses' and noun senses'
/// lexicographer files ("communication", "cognition", "emotion"...), "-" when none.
#[derive(Debug, Clone, Default)]
pub struct WordSenses {
    words: FxHashMap<String, [&'static str; 3]>,
}

impl WordSenses {
    /// The built-in table, replaced by `word_senses.tsv.gz` (or `.tsv`) in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        load_table(dir, "word_senses", SENSES, Self::from_bytes)
    }

    /// Lines `word<TAB>verb senses<TAB>noun senses` (comma-separated); `# ` comments.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let text = text_of(bytes)?;
        let intern = |x: &str| -> &'static str {
            if x.is_empty() {
                return "-";
            }
            LEXNAMES.iter().find(|n| **n == x).copied().unwrap_or("other")
        };
        let mut words = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("# ") || line == "#" || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [w, v, nn] = f[..] else { return Err(format!("line {}: expected word<TAB>verb senses<TAB>noun senses", n + 1)) };
            let mut v = v.split(',');
            let v1 = intern(v.next().unwrap_or(""));
            let v2 = intern(v.next().unwrap_or(""));
            let n1 = intern(nn.split(',').next().unwrap_or(""));
            words.insert(w.to_string(), [v1, v2, n1]);
        }
        Ok(WordSenses { words })
    }

    /// [first verb sense, second verb sense, first noun sense] of a lowercased word.
    pub(crate) fn get(&self, w: &str) -> [&'static str; 3] {
        self.words.get(w).copied().unwrap_or(["-", "-", "-"])
    }
}

/// The tree path of cluster `c` (its binary digits after the leading 1) cut at 4, 8 and 12
/// bits, and whole.
fn paths(c: u64) -> Paths {
    let bits = format!("{c:b}");
    let path = bits.get(1..).unwrap_or("");
    let cut = |n: usize| {
        let s = path[..n.min(path.len())].to_string();
        let h = crate::cue_model::h1(&s);
        (s, h)
    };
    Paths { prefixes: [cut(4), cut(8), cut(12), cut(usize::MAX)] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_clusters_group_cue_verbs() {
        let c = WordClusters::load(None).unwrap();
        let leaf = |w: &str| c.get(w).map(|p| p.prefixes[3].0.clone());
        assert!(leaf("thinks").is_some());
        assert_eq!(leaf("thinks"), leaf("believes"));
        assert_ne!(leaf("thinks"), leaf("the"));
        assert_eq!(c.get("unknownword-xyz").map(|p| p.prefixes[0].0.clone()), None);
    }

    #[test]
    fn builtin_senses_know_verbs_of_saying_and_feeling() {
        let s = WordSenses::load(None).unwrap();
        assert_eq!(s.get("chanting")[0], "communication");
        assert_eq!(s.get("worries")[0], "emotion");
        assert_eq!(s.get("statement")[2], "communication");
        assert_eq!(s.get("unknownword-xyz"), ["-", "-", "-"]);
        assert!(WordSenses::from_bytes(b"said\tcommunication\n").unwrap_err().contains("line 1"));
    }

    #[test]
    fn paths_drop_the_leading_one() {
        let p = paths(0b10_1101_0101);
        assert_eq!(p.prefixes[0].0, "0110");
        assert_eq!(p.prefixes[1].0, "01101010");
        assert_eq!(p.prefixes[3].0, "011010101");
        assert!(WordClusters::from_bytes(b"said\tnot-a-number\n").unwrap_err().contains("line 1"));
    }
}
