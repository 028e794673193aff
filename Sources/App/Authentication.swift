import Foundation
import HTTPServer
import Signing

/// Bearer-token authentication for the admin API: the token is hashed with SHA-256 and compared in
/// constant time with every configured user's `token_sha256`; tokens themselves are never stored.
struct Authentication: Sendable {
  private let users: [(digest: [UInt8], user: AuthenticatedUser)]

  /// Builds the lookup from the configured users (hashes that do not decode are skipped: the
  /// configuration loader already refuses them).
  init(users: [Configuration.User]) {
    self.users = users.compactMap { user in
      Hex.decode(user.tokenSHA256).map { ($0, AuthenticatedUser(id: user.id, role: user.role)) }
    }
  }

  /// The user the request's `Authorization: Bearer <token>` belongs to, or nil.
  func user(for request: Request) -> AuthenticatedUser? {
    guard let header = request.headers["authorization"] else { return nil }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    let token = parts[1].trimmingCharacters(in: .whitespaces)
    guard !token.isEmpty else { return nil }
    let digest = SHA256Digest.hash(Array(token.utf8))
    var found: AuthenticatedUser?
    for entry in users where ConstantTime.equals(entry.digest, digest) {
      found = entry.user
    }
    return found
  }

  /// The caller when authenticated and allowed `permission`; otherwise the 401 or 403 response.
  func authorize(_ request: Request, _ permission: AuthenticationPermission) -> Result<
    AuthenticatedUser, AdminAPIFailure
  > {
    guard let user = user(for: request) else {
      return .failure(
        AdminAPIFailure(
          status: 401, code: "unauthorized", message: "A valid bearer token is required."))
    }
    guard permission.isGranted(to: user.role) else {
      return .failure(
        AdminAPIFailure(status: 403, code: "forbidden", message: "Your role may not do this."))
    }
    return .success(user)
  }

  /// A new random bearer token (32 bytes, hex) and its SHA-256 for the configuration.
  static func newToken() -> (token: String, sha256: String) {
    let token = "tw_" + Hex.encode(SecureRandom.bytes(count: 32))
    return (token, Hex.encode(SHA256Digest.hash(Array(token.utf8))))
  }
}
