//! Link: what only shows across documents.
//!
//! - [`minhash`]: near-duplicate / syndication detection. A document's body becomes a set of
//!   word shingles, a 128-value MinHash signature and 42 LSH band keys. Signatures and band
//!   keys are deterministic (fixed seeds, FNV/splitmix hashing), so the store can keep them
//!   and a later ingest run links against documents stored earlier. (We do not use gaoya's
//!   index: its band tables hash with a per-process random state, so its keys cannot be
//!   persisted in a database.)
//! - [`events`]: same-event matching across documents (type + actors + date window + place),
//!   and the pure merge of a new report into an event cluster: corroboration, contradictions
//!   (one source asserts, another denies) and a revision log when later reports change fields.
//!
//! Imports only `sitrep_model`; the store calls these functions inside its transactions.

pub mod events;
pub mod minhash;

pub use events::{ClusterState, EventFacts, EventKey, Polarity, Revision};
pub use minhash::{Signature, BANDS, NUM_HASHES, ROWS};
