public import Foundation

/// One provider call's cost: what it was, what it cost, whom it served and why.
public struct CreditLedgerEntry: Sendable, Hashable {
  /// When the credits were spent.
  public var at: Date
  /// `enrich`, `contact`, ...
  public var operation: String
  /// Credits spent.
  public var credits: Double
  /// The candidates served (empty for a first add, before the candidate had an id).
  public var candidateIDs: [Int64]
  /// Why (`add`, `refresh`, `contact`).
  public var purpose: String
  /// How many profiles the call returned.
  public var profiles: Int

  /// Creates an entry.
  public init(
    at: Date, operation: String, credits: Double, candidateIDs: [Int64], purpose: String,
    profiles: Int
  ) {
    self.at = at
    self.operation = operation
    self.credits = credits
    self.candidateIDs = candidateIDs
    self.purpose = purpose
    self.profiles = profiles
  }
}
