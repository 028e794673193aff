/// Carries a `Connection` from the thread that acquired it to the thread that uses it.
///
/// `@unchecked Sendable` because the `Database` writer queue or the `ReaderPool` hands each connection to
/// one user at a time: whoever holds the handoff is the only one touching the connection.
struct ConnectionHandoff: @unchecked Sendable {
  /// The connection being handed over.
  let connection: Connection
}
