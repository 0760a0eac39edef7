//! The output options shared by the commands that list rows (`query` events, `search`
//! documents): how many rows, and whether as a table, JSON lines or CSV. One struct so both
//! commands take the same flags with the same help; each command's own help says which
//! fields its JSON and CSV carry.

/// `--limit`, `--json`, `--csv`, flattened into `query` and `search`.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// At most this many rows, newest first.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// One JSON object per line instead of a table (fields: see below).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV with a header row instead of a table (columns: see below).
    #[arg(long)]
    pub csv: bool,
}

/// `s` cut to `n` characters for a table cell, an ellipsis marking the cut.
pub fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n.saturating_sub(1)).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::cut;
    use clap::Args as _;

    /// The "Output:" section of a command's help, up to the next blank line.
    fn output_section(mut cmd: clap::Command) -> String {
        let help = cmd.render_help().to_string();
        let start = help.find("\nOutput:\n").expect("an Output heading");
        help[start..].split("\n\n").next().unwrap_or_default().to_string()
    }

    #[test]
    fn query_and_search_teach_the_same_output_flags() {
        let query = output_section(crate::cmd::query::Args::augment_args(clap::Command::new("query")));
        let search = output_section(crate::cmd::search::Args::augment_args(clap::Command::new("search")));
        assert!(query.contains("--limit") && query.contains("--json") && query.contains("--csv"), "{query}");
        assert_eq!(query, search);
    }

    #[test]
    fn cut_keeps_short_text_and_marks_long() {
        assert_eq!(cut("Kharkiv", 7), "Kharkiv");
        assert_eq!(cut("Kharkiv", 5), "Khar…");
        assert_eq!(cut("Київщина", 4).chars().count(), 4, "counts characters, not bytes");
    }
}
