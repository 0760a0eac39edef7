//! Reading PETRARCH verbs dictionaries: blocks, forms, patterns, synsets, replacement of
//! the built-in triggers.

use super::*;

#[test]
fn reads_blocks_forms_and_patterns() {
    let text = "&TIES\n+MILITARY\n\n--- RESTORE [064] ---\nRESTORE\n- * DIPLOMATIC TIES [064]\n- SO * AID [070] # c\n\n--- BAN [172] ---\nBAN {BANS BANNED}\n--- SAY [---] ---\nSAY\n";
    let (e, irr) = parse_verbs(text);
    let v: Vec<(String, String, String)> = e.iter().map(|x| (x.verbs[0].clone(), x.cameo.clone().unwrap(), x.kind.clone())).collect();
    assert!(v.contains(&("restore".into(), "06".into(), "COOPERATE".into())));
    assert!(v.contains(&("restore * diplomatic * ties".into(), "06".into(), "COOPERATE".into())));
    assert!(v.contains(&("so * restore * aid".into(), "07".into(), "AID".into())));
    assert!(v.contains(&("ban".into(), "17".into(), "COERCE".into())));
    assert!(!v.iter().any(|x| x.0 == "say"), "[---] codes no event");
    assert_eq!(irr.get("banned").map(String::as_str), Some("ban"));
}

#[test]
fn patterns_expand_synsets_and_apply_to_every_block_verb() {
    let text = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n--- CONFISCATE [1711] ---\nWIRE_+TAP {WIRE_+TAPPED}\n- * NEW_&TIETYPES_RELATIONS [064]\n\n&NESTED\n+&TIETYPES\n+CLOSER\n\n--- DELAY [120] ---\nDELAY\nPOSTPONE\n- % HAVE * [191]\n- * &TIETYPES_TIES [064]\n- * &NESTED RELATIONS [065]\n- IN_* [075]\n- SAID WOULD_NOT * [---]\n\n&NEG\n+DID N'T\n\n--- CLASH [223] ---\nCLASH\n- &NEG * [904]\n";
    let (e, irr) = parse_verbs(text);
    assert_eq!(irr.get("tapped").map(String::as_str), Some("tap"));
    let v: Vec<(String, String)> = e.iter().map(|x| (x.verbs[0].clone(), x.cameo.clone().unwrap())).collect();
    let has = |p: &str, r: &str| v.contains(&(p.to_string(), r.to_string()));
    assert!(has("have * delay", "19") && has("have * postpone", "19"), "{v:?}");
    assert!(has("delay * military ties", "06") && has("postpone * economic ties", "06"), "{v:?}");
    assert!(has("delay * closer * relations", "06") && has("delay * military * relations", "06"), "{v:?}");
    assert!(has("wire tap", "17") && has("wire tap * new economic relations", "06"), "{v:?}");
    assert!(has("didn't * clash", "90"), "{v:?}");
    assert_eq!(plover_of_root("90"), "STATEMENT");
    assert_eq!(plover_of_root("19"), "ASSAULT");
    assert!(has("in delay", "07"), "underscore joins words: {v:?}");
    assert!(!v.iter().any(|x| x.0.starts_with("said")), "[---] patterns code nothing: {v:?}");
}

#[test]
fn a_verbs_dictionary_replaces_builtin_triggers_unless_a_triggers_file_is_beside_it() {
    let dir = std::env::temp_dir().join(format!("sitrep-petr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("x.verbs.txt"), "--- LEAVE [012] ---\nLEAVE\n--- LEFT [032:033] ---\nLEFT\n").unwrap();
    let (e, _, _) = load_dir(&dir).unwrap();
    assert_eq!(e[0].verbs[0], "left", "the inflected form listed as such goes first");
    let k = crate::ExtractKnowledge::load(Some(&dir)).unwrap();
    let builtin = crate::ExtractKnowledge::load(None).unwrap().triggers.entries.len();
    assert_eq!(k.triggers.entries.len(), 2, "only the dictionary's verbs code events");
    std::fs::write(dir.join("triggers.toml"), "").unwrap();
    let k2 = crate::ExtractKnowledge::load(Some(&dir)).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(k2.triggers.entries.len(), builtin + 2, "a triggers.toml keeps the built-in triggers");
}
