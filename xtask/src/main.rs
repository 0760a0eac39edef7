//! Developer tasks. `cargo run -p xtask -- help` lists them.
fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_else(|| "help".into());
    match task.as_str() {
        _ => {
            println!("xtask: no task named {task:?}. Tasks: help");
            Ok(())
        }
    }
}
