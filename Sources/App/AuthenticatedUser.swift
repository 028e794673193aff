/// The user a bearer token belongs to: their id (written as the acting user) and role.
struct AuthenticatedUser: Sendable, Hashable {
  /// The configured user id (`u_anna`).
  let id: String
  /// What they may do.
  let role: Configuration.Role
}
