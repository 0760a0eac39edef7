//! The committed JSON Schema must describe the types as they are.

#[test]
fn committed_schema_matches_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/sitrep-v1.schema.json");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file exists")).expect("schema is JSON");
    assert_eq!(
        committed,
        sitrep_model::json_schema(),
        "schema/sitrep-v1.schema.json is stale: run `cargo run -p xtask -- schema`"
    );
}

#[test]
fn schema_lists_every_v1_field() {
    let schema = sitrep_model::json_schema();
    let props = schema["properties"].as_object().expect("document properties");
    for field in [
        "id", "source", "url", "site", "published", "title", "text", "authors", "contributors",
        "related_headlines", "sentences", "entities", "times", "quantities", "places", "events", "claims",
    ] {
        assert!(props.contains_key(field), "v1 field {field} missing from the schema");
    }
}
