import Domain
import Foundation
import HTTPServer
import Logging
import Storage

/// The admin API under `/api/v1`: bearer-token authentication, role checks, and the candidate,
/// vacancy and pipeline resources. Other areas add their routes in their own `AdminAPI+Area.swift`
/// files through `route(_:_:_:_:in:)`, and `TalentwatchService` calls `register(in:)` once.
struct AdminAPI: Sendable {
  let database: Database
  let clock: any Clock
  let authentication: Authentication
  let candidates: CandidateAddService
  let contacts: CandidateContactService
  /// Audit entries for pipeline confirmations and human stage changes; nil writes none.
  var audit: AuditTrail? = nil
  let logger: Logger

  /// The path prefix of every admin route.
  static let prefix = "/api/v1"

  /// Adds every admin route of this area to `router`.
  func register(in router: inout Router) {
    registerCandidates(in: &router)
    registerVacancies(in: &router)
    registerPipeline(in: &router)
    registerMatches(in: &router)
  }

  /// Registers one authenticated route: the handler runs only for a caller whose role grants
  /// `permission`; an `AdminAPIFailure` becomes its JSON error, a constraint violation a 409, anything
  /// else a 500 without details.
  func route(
    _ method: String, _ path: String, _ permission: AuthenticationPermission,
    _ handler: @escaping @Sendable (Request, AuthenticatedUser) async throws -> Response,
    in router: inout Router
  ) {
    let authentication = authentication
    let logger = logger
    router.add(method, Self.prefix + path) { (request: Request) async -> Response in
      switch authentication.authorize(request, permission) {
      case .failure(let failure):
        return failure.response
      case .success(let user):
        do {
          return try await handler(request, user)
        } catch let failure as AdminAPIFailure {
          return failure.response
        } catch let error as StorageError where error.isConstraintViolation {
          return AdminAPIFailure.conflict("The change conflicts with an existing record.").response
        } catch {
          logger.error("admin request failed", ["http.path": .string(request.path)])
          return .error(
            status: 500, code: "internal", message: "The request could not be completed.")
        }
      }
    }
  }

  /// Runs `body` on a reader connection in one read transaction (a consistent snapshot), so reads never
  /// queue behind writes (an ingest burst holds the writer); storage failures map to API failures.
  static func read<T: Sendable>(
    _ database: Database, _ body: @escaping @Sendable (Connection) throws -> T
  ) async throws(AdminAPIFailure) -> T {
    do {
      return try await database.read { connection in
        try connection.transaction { try body(connection) }
      }
    } catch let failure as AdminAPIFailure {
      throw failure
    } catch {
      throw AdminAPIFailure(
        status: 500, code: "internal", message: "The request could not be completed.")
    }
  }

  /// Runs `body` on the writer connection, mapping storage failures to API failures.
  static func write<T: Sendable>(
    _ database: Database, _ body: @escaping @Sendable (Connection) throws -> T
  ) async throws(AdminAPIFailure) -> T {
    do {
      return try await database.write(body)
    } catch let failure as AdminAPIFailure {
      throw failure
    } catch let error as StorageError where error.isConstraintViolation {
      throw AdminAPIFailure.conflict("The change conflicts with an existing record.")
    } catch let error as PipelineStoreError {
      throw pipelineFailure(error)
    } catch let error as PendingFieldStore.AcceptError {
      switch error {
      case .missingActingUser: throw AdminAPIFailure.invalid("user", "an acting user is required")
      case .unknownField: throw AdminAPIFailure.invalid("field", "not a field that can be accepted")
      case .notPending: throw AdminAPIFailure.notFound("pending field")
      }
    } catch {
      throw AdminAPIFailure(
        status: 500, code: "internal", message: "The request could not be completed.")
    }
  }

  /// The API answer for a pipeline store refusal.
  static func pipelineFailure(_ error: PipelineStoreError) -> AdminAPIFailure {
    switch error {
    case .missingActingUser: AdminAPIFailure.invalid("user", "an acting user is required")
    case .invalidStage: AdminAPIFailure.invalid("stage", "expected a non-empty stage name")
    case .entryNotFound: AdminAPIFailure.notFound("pipeline entry")
    case .candidateOrVacancyNotFound: AdminAPIFailure.notFound("candidate or vacancy")
    case .alreadyInPipeline(let id):
      AdminAPIFailure.conflict("The candidate is already in this vacancy's pipeline (entry \(id)).")
    }
  }

  /// The `{id}` path parameter as a positive integer, or a 404.
  static func pathID(_ request: Request, _ noun: String) throws(AdminAPIFailure) -> Int64 {
    guard let text = request.pathParameters["id"], let id = Int64(text), id > 0 else {
      throw AdminAPIFailure.notFound(noun)
    }
    return id
  }
}
