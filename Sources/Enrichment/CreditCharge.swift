public import Foundation

/// Credits one provider call spent, reported to the client's credit recorder (App writes the ledger).
public struct CreditCharge: Sendable, Hashable {
  /// When the answer arrived.
  public var at: Date
  /// `enrich` or `contact`.
  public var operation: String
  /// Credits spent.
  public var credits: Double
  /// Profiles the call returned (the billed unit).
  public var profiles: Int
  /// Why, and for whom.
  public var purpose: EnrichmentPurpose

  /// Creates a charge.
  public init(at: Date, operation: String, credits: Double, profiles: Int, purpose: EnrichmentPurpose) {
    self.at = at
    self.operation = operation
    self.credits = credits
    self.profiles = profiles
    self.purpose = purpose
  }
}

/// Receives every charge; a throwing recorder is logged, never turned into a second paid call.
public typealias CreditRecorder = @Sendable (CreditCharge) async throws -> Void
