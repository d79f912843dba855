//! Structured logs: JSON lines in production, readable lines in development; `RUST_LOG` filters.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once, at start-up.
pub fn init(production: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm_migration=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second init (tests) is harmless: keep the first subscriber.
    let _ = if production {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
