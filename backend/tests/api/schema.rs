//! The committed `schema.graphql` is the public contract: it must match what the server serves.

#[test]
fn committed_schema_graphql_matches_the_server() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql"))
        .unwrap_or_default();
    let served = maillage::graphql::sdl();
    assert!(
        committed == served,
        "schema.graphql is out of date: run `cargo run -p maillage -- schema > schema.graphql`"
    );
}
