//! Link: what only shows across documents. Syndication clusters (near-duplicate stories
//! count once), same-event clusters, corroboration by independent clusters, contradictions.
//! (Skeleton; issue 5.)
