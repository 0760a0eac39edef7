//! Loading the extract knowledge files: built-in defaults from `knowledge/` (embedded at
//! build time) extended or replaced by files of the same name in a user directory.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::KnowledgeError;

pub(crate) const PLOVER: &str = include_str!("../../../knowledge/plover.toml");
pub(crate) const TRIGGERS: &str = include_str!("../../../knowledge/triggers.toml");
pub(crate) const REPORTING: &str = include_str!("../../../knowledge/reporting.toml");
pub(crate) const HEDGES: &str = include_str!("../../../knowledge/hedges.toml");
pub(crate) const MODALITY: &str = include_str!("../../../knowledge/modality.toml");
pub(crate) const VIOLENCE_GATE: &str = include_str!("../../../knowledge/violence_gate.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct TypeInfo {
    pub cameo: String,
    pub acled: [String; 2],
    #[serde(default)]
    pub about: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct PloverFile {
    #[serde(default)]
    pub types: BTreeMap<String, TypeInfo>,
    #[serde(default)]
    pub old_names: BTreeMap<String, [String; 2]>,
}

/// One trigger entry of `triggers.toml`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TriggerEntry {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub cameo: Option<String>,
    #[serde(default)]
    pub acled: Option<[String; 2]>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)] // read for completeness; nominal cues are matched as verbs today
    pub nouns: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct TriggerFile {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub trigger: Vec<TriggerEntry>,
    /// Irregular inflections: form -> lemma.
    #[serde(default)]
    pub irregular: HashMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CueEntry {
    pub kind: String,
    #[serde(default)]
    pub certainty: Option<String>,
    #[serde(default)]
    pub verbs: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct PhraseList {
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)] // read for completeness; nominal cues are matched as verbs today
    pub nouns: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct SourceWords {
    #[serde(default)]
    pub pronouns: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub unnamed: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ReportingFile {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub cue: Vec<CueEntry>,
    #[serde(default)]
    pub prepositional: PhraseList,
    #[serde(default)]
    #[allow(dead_code)]
    pub nominal: PhraseList,
    #[serde(default)]
    pub sources: SourceWords,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Band {
    pub label: String,
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct HedgeFile {
    #[serde(default)]
    pub replace: bool,
    pub default: Option<Band>,
    #[serde(default)]
    pub band: Vec<Band>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ModalityFile {
    #[serde(default)]
    pub historical_years: Option<i32>,
    #[serde(default)]
    pub denied: Vec<String>,
    #[serde(default)]
    pub negated: Vec<String>,
    #[serde(default)]
    pub possible: Vec<String>,
    #[serde(default)]
    pub expected: Vec<String>,
    #[serde(default)]
    pub planned: Vec<String>,
}

/// Parse the embedded default and, when `dir` holds a file of that name, the user's copy.
pub(crate) fn load<T: for<'de> Deserialize<'de>>(
    name: &str,
    builtin: &str,
    dir: Option<&Path>,
) -> Result<(T, Option<T>), KnowledgeError> {
    let parse = |text: &str, file: String| {
        toml::from_str::<T>(text).map_err(|e| KnowledgeError { file, message: e.to_string() })
    };
    let base = parse(builtin, format!("(built-in) {name}"))?;
    let user = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| KnowledgeError { file: p.display().to_string(), message: e.to_string() })?;
            Some(parse(&text, p.display().to_string())?)
        }
        None => None,
    };
    Ok((base, user))
}

/// Irregular verb forms the trigger and cue lemmatiser needs (form -> lemma).
pub(crate) const IRREGULAR: &[(&str, &str)] = &[
    ("struck", "strike"), ("said", "say"), ("says", "say"), ("told", "tell"), ("met", "meet"),
    ("fought", "fight"), ("shot", "shoot"), ("sent", "send"), ("gave", "give"), ("given", "give"),
    ("took", "take"), ("taken", "take"), ("held", "hold"), ("hit", "hit"), ("brought", "bring"),
    ("thought", "think"), ("wrote", "write"), ("written", "write"), ("found", "find"),
    ("threw", "throw"), ("began", "begin"), ("broke", "break"), ("broken", "break"),
    ("beat", "beat"), ("beaten", "beat"), ("blew", "blow"), ("blown", "blow"), ("flew", "fly"),
    ("flown", "fly"), ("forbade", "forbid"), ("forbidden", "forbid"), ("froze", "freeze"),
    ("frozen", "freeze"), ("knew", "know"), ("led", "lead"), ("left", "leave"), ("lent", "lend"),
    ("made", "make"), ("paid", "pay"), ("put", "put"), ("ran", "run"), ("rose", "rise"),
    ("saw", "see"), ("seen", "see"), ("sought", "seek"), ("sold", "sell"), ("slew", "slay"),
    ("slain", "slay"), ("spoke", "speak"), ("spoken", "speak"), ("stood", "stand"), ("swore", "swear"),
    ("undertook", "undertake"), ("withdrew", "withdraw"), ("withdrawn", "withdraw"),
    ("won", "win"), ("wounded", "wound"), ("overran", "overrun"), ("forgave", "forgive"),
    ("learned", "learn"), ("learnt", "learn"), ("dealt", "deal"), ("fled", "flee"),
    ("laid", "lay"), ("kept", "keep"), ("felt", "feel"), ("meant", "mean"), ("ate", "eat"),
    ("went", "go"), ("gone", "go"), ("came", "come"), ("got", "get"), ("gotten", "get"),
    ("became", "become"), ("cast", "cast"), ("cut", "cut"), ("set", "set"), ("shut", "shut"),
    ("quit", "quit"), ("bade", "bid"), ("arose", "arise"), ("bore", "bear"), ("borne", "bear"),
    ("drew", "draw"), ("drawn", "draw"), ("drove", "drive"), ("driven", "drive"),
    ("rode", "ride"), ("stole", "steal"), ("stolen", "steal"), ("tore", "tear"), ("torn", "tear"),
    ("wore", "wear"), ("woke", "wake"), ("hung", "hang"), ("arms", "arm"), ("troops", "troop"),
    ("talks", "talks"), ("hostilities", "hostilities"), ("is", "be"), ("are", "be"), ("was", "be"),
    ("were", "be"), ("been", "be"), ("being", "be"), ("am", "be"), ("has", "have"), ("had", "have"),
    ("did", "do"), ("does", "do"), ("done", "do"), ("men", "man"), ("women", "woman"),
    ("people", "people"), ("news", "news"), ("ceasefire", "ceasefire"),
];
