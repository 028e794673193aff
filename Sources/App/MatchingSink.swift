public import Storage

/// Where match events go: called once per candidate and pass with that candidate's notices (one per
/// vacancy with events, in vacancy order), inside the transaction that wrote the scores, with its
/// connection, so the notifier can write its outbox atomically with them. Throwing rolls the whole
/// batch back.
public typealias MatchingSink = @Sendable ([MatchingNotice], Connection) throws -> Void
