import Domain

/// Decides the fault of each enrich call from a seeded generator: the same seed and rates give the same
/// sequence of faults, call after call (one draw per authenticated enrich call, in arrival order).
///
/// One uniform draw `u` per call: `u < p429` is a 429, then the next `p500` of the unit interval a 500,
/// then slow, then malformed; the rest answers normally.
struct FaultInjector: Sendable {
  /// Probability of a 429.
  let rate429: Double
  /// Probability of a 500.
  let rate500: Double
  /// Probability of a slow answer.
  let rateSlow: Double
  /// Probability of a malformed body.
  let rateMalformed: Double
  private var random: SeededRandom

  /// Creates an injector for `seed` with the given probabilities (their sum at most 1).
  init(seed: UInt64, rate429: Double, rate500: Double, rateSlow: Double, rateMalformed: Double) {
    self.rate429 = rate429
    self.rate500 = rate500
    self.rateSlow = rateSlow
    self.rateMalformed = rateMalformed
    self.random = SeededRandom(seed: seed)
  }

  /// The fault for the next call.
  mutating func next() -> Fault {
    let draw = random.nextDouble()
    var bound = rate429
    if draw < bound { return .rateLimited }
    bound += rate500
    if draw < bound { return .serverError }
    bound += rateSlow
    if draw < bound { return .slow }
    bound += rateMalformed
    if draw < bound { return .malformed }
    return .none
  }
}
