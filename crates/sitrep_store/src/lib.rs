//! The event database: a [`Store`] trait with SQLite (embedded default) and PostgreSQL
//! backends, migrations, filtered queries and exports. Never imports a stage: it stores
//! [`sitrep_model::Document`]s and what `sitrep_link` computed. (Skeleton; issue 5.)
