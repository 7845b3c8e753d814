//! What README.md says about building augur is what Cargo.toml does: the oldest Rust it
//! names is the manifest's `rust-version` (which CI builds with), and the library's
//! dependency line leaves out the default `cli` feature that the binary requires.

/// The value of `key = "VALUE"` on a line of its own in Cargo.toml.
fn manifest(key: &str) -> Option<String> {
    let toml = std::fs::read_to_string("Cargo.toml").ok()?;
    toml.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
        Some(value.trim().trim_matches('"').to_owned())
    })
}

#[test]
fn the_readme_names_the_manifests_rust_version() {
    let version = manifest("rust-version").expect("Cargo.toml sets rust-version");
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(
        readme.contains(&format!(
            "({version} or newer, Cargo.toml's `rust-version`)"
        )),
        "README.md should name Rust {version} as the oldest that builds augur"
    );
}

#[test]
fn the_binary_needs_the_default_cli_feature() {
    assert_eq!(manifest("default").as_deref(), Some("[\"cli\"]"));
    assert_eq!(
        manifest("required-features").as_deref(),
        Some("[\"cli\"]"),
        "the augur binary requires the cli feature"
    );
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(readme.contains("default-features = false"), "README.md");
}
