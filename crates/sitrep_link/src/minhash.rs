//! MinHash signatures and LSH band keys over word shingles of a document body.

/// Values in one signature.
pub const NUM_HASHES: usize = 128;
/// LSH bands and rows per band: 42 x 3 puts the 50 % candidate point near Jaccard 0.29,
/// so edited copies (J around 0.6-0.9) almost always meet at least one band.
pub const BANDS: usize = 42;
pub const ROWS: usize = 3;
/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Jaccard similarity at or above which two bodies are one story.
pub const DUPLICATE_THRESHOLD: f64 = 0.5;
/// Containment (shared shingles over the smaller body's) at or above which two bodies are one
/// story: a syndicated copy cut short or padded with boilerplate is mostly inside the original.
pub const CONTAINMENT_THRESHOLD: f64 = 0.6;
/// Containment only counts when the smaller body has this many shingles (a one-line text is
/// "contained" in many articles without being a copy of any).
pub const CONTAINMENT_MIN_SHINGLES: u32 = 20;

/// A MinHash signature (`NUM_HASHES` values) and the number of distinct shingles it summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub values: Vec<u32>,
    pub shingles: u32,
}

/// The duplicate rule on a Jaccard value and the two set sizes (exact or estimated).
pub fn duplicate_rule(jaccard: f64, n1: u32, n2: u32) -> bool {
    if jaccard >= DUPLICATE_THRESHOLD {
        return true;
    }
    let small = n1.min(n2);
    if jaccard <= 0.0 || small < CONTAINMENT_MIN_SHINGLES {
        return false;
    }
    let inter = jaccard / (1.0 + jaccard) * f64::from(n1 + n2);
    inter / f64::from(small) >= CONTAINMENT_THRESHOLD
}

/// The duplicate rule computed exactly on two sorted, deduplicated shingle sets (the gold
/// standard the MinHash estimate approximates).
pub fn exact_duplicate(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 || inter == 0 {
        return false;
    }
    duplicate_rule(inter as f64 / union as f64, a.len() as u32, b.len() as u32)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Lower-cased alphanumeric words; punctuation and spacing differences between copies vanish.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Hashes of every run of `SHINGLE` consecutive words (one shingle for shorter texts).
pub fn shingles(text: &str) -> Vec<u64> {
    let w = words(text);
    if w.is_empty() {
        return vec![];
    }
    let n = SHINGLE.min(w.len());
    let mut out: Vec<u64> = w
        .windows(n)
        .map(|win| win.iter().fold(FNV_OFFSET, |h, word| fnv1a(word.as_bytes(), fnv1a(b" ", h))))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Signature {
    /// Signature of a body text. Empty text gives the all-max signature (matches nothing real).
    pub fn of_text(text: &str) -> Signature {
        Signature::of_shingles(&shingles(text))
    }

    pub fn of_shingles(shingles: &[u64]) -> Signature {
        let seeds: Vec<u64> = (0..NUM_HASHES as u64).map(|i| splitmix(i ^ 0x5173_7265_7000)).collect();
        let mut mins = vec![u32::MAX; NUM_HASHES];
        for &s in shingles {
            for (m, seed) in mins.iter_mut().zip(&seeds) {
                let v = (splitmix(s ^ seed) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Signature { values: mins, shingles: shingles.len() as u32 }
    }

    /// True when no shingle contributed (empty body): such documents are never duplicates.
    pub fn is_empty(&self) -> bool {
        self.values.iter().all(|&v| v == u32::MAX)
    }

    /// Estimated Jaccard similarity: the share of equal positions.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.values.len() != other.values.len() || self.values.is_empty() || self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let eq = self.values.iter().zip(&other.values).filter(|(a, b)| a == b).count();
        eq as f64 / self.values.len() as f64
    }

    /// One key per band; two signatures sharing any key are candidate duplicates. The band
    /// index is hashed in, so equal rows in different bands do not collide.
    pub fn bands(&self) -> Vec<i64> {
        if self.is_empty() {
            return vec![];
        }
        (0..BANDS)
            .map(|b| {
                let mut h = fnv1a(&(b as u64).to_le_bytes(), FNV_OFFSET);
                for v in &self.values[b * ROWS..(b + 1) * ROWS] {
                    h = fnv1a(&v.to_le_bytes(), h);
                }
                h as i64
            })
            .collect()
    }

    /// Little-endian bytes for storage: the values, then the shingle count.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.values.iter().chain(std::iter::once(&self.shingles)).flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Signature {
        let mut values: Vec<u32> = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let shingles = if values.len() > NUM_HASHES { values.pop().unwrap_or(0) } else { 0 };
        Signature { values, shingles }
    }

    /// One story? Estimated Jaccard at least [`DUPLICATE_THRESHOLD`], or estimated
    /// containment at least [`CONTAINMENT_THRESHOLD`].
    pub fn is_duplicate_of(&self, other: &Signature) -> bool {
        duplicate_rule(self.similarity(other), self.shingles, other.shingles)
    }
}

/// An in-memory LSH index (for evaluations and one-shot runs; the store keeps the same band
/// keys in a table).
#[derive(Default)]
pub struct MemIndex {
    bands: std::collections::HashMap<i64, Vec<usize>>,
    sigs: Vec<Signature>,
}

impl MemIndex {
    /// Adds a signature; returns its index and the earlier entries it duplicates.
    pub fn insert(&mut self, sig: Signature) -> (usize, Vec<usize>) {
        let id = self.sigs.len();
        let mut cands: Vec<usize> = Vec::new();
        for key in sig.bands() {
            let slot = self.bands.entry(key).or_default();
            cands.extend(slot.iter().copied());
            slot.push(id);
        }
        cands.sort_unstable();
        cands.dedup();
        let dups = cands.into_iter().filter(|&c| self.sigs[c].is_duplicate_of(&sig)).collect();
        self.sigs.push(sig);
        (id, dups)
    }

    pub fn signature(&self, id: usize) -> Option<&Signature> {
        self.sigs.get(id)
    }

    /// Adds a signature and returns the story it belongs to, by the store's rule: the story of
    /// the most similar earlier duplicate, else a new story (numbered by the entry's index).
    pub fn assign(&mut self, sig: Signature, stories: &mut Vec<usize>) -> usize {
        let (id, dups) = self.insert(sig);
        let me = &self.sigs[id];
        let best = dups
            .into_iter()
            .map(|d| (self.sigs[d].similarity(me), d))
            .fold(None::<(f64, usize)>, |b, x| if b.is_none_or(|b| x.0 > b.0) { Some(x) } else { b });
        let story = best.map_or(id, |(_, d)| stories[d]);
        stories.push(story);
        story
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three \
months to December, from $639m year-earlier. The firm, which is now one of the biggest investors \
in Google, benefited from sales of high-speed internet connections and higher advert sales.";
    const B: &str = "The Bank of England held interest rates at 4.75% on Thursday, citing slowing house \
prices and weaker consumer spending, in a decision widely expected by City economists and traders.";

    #[test]
    fn copies_match_and_strangers_do_not() {
        let a = Signature::of_text(A);
        let a2 = Signature::of_text(&format!("{A}\n\nShare this article"));
        let b = Signature::of_text(B);
        assert_eq!(a.similarity(&Signature::of_text(A)), 1.0);
        assert!(a.is_duplicate_of(&a2), "sim {}", a.similarity(&a2));
        assert!(!a.is_duplicate_of(&b), "sim {}", a.similarity(&b));
        assert!(a.bands().iter().any(|k| a2.bands().contains(k)));
    }

    #[test]
    fn bytes_round_trip_and_empty_never_matches() {
        let a = Signature::of_text(A);
        assert_eq!(Signature::from_bytes(&a.to_bytes()), a);
        let e = Signature::of_text("  ...  ");
        assert!(e.is_empty() && e.bands().is_empty());
        assert_eq!(e.shingles, 0);
        assert_eq!(e.similarity(&e), 0.0);
    }

    #[test]
    fn mem_index_finds_earlier_copy() {
        let mut idx = MemIndex::default();
        assert!(idx.insert(Signature::of_text(A)).1.is_empty());
        assert!(idx.insert(Signature::of_text(B)).1.is_empty());
        assert_eq!(idx.insert(Signature::of_text(&A.replace("Google", "Yahoo"))).1, vec![0]);
    }

    #[test]
    fn containment_catches_a_cut_copy() {
        let long: String = (0..40).map(|i| format!("Sentence number {i} reports on the talks about item {}. ", i * 7)).collect();
        let cut: String = long.chars().take(long.len() / 3).collect();
        let (a, b) = (shingles(&long), shingles(&cut));
        assert!(exact_duplicate(&a, &b), "a third of the text, wholly inside it");
        assert!(!duplicate_rule(0.3, 10, 500), "too short to judge by containment");
        assert!(Signature::of_text(&long).is_duplicate_of(&Signature::of_text(&cut)));
    }

    proptest::proptest! {
        #[test]
        fn similarity_is_symmetric_and_bounded(x in "[a-z ]{0,200}", y in "[a-z ]{0,200}") {
            let (a, b) = (Signature::of_text(&x), Signature::of_text(&y));
            let s = a.similarity(&b);
            proptest::prop_assert!((0.0..=1.0).contains(&s));
            proptest::prop_assert_eq!(s, b.similarity(&a));
        }
    }
}
