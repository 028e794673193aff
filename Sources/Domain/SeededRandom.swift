import Foundation

/// A small, fast, seedable random number generator (xoshiro256**, seeded through SplitMix64), so a
/// simulation with the same seed gives the same result on every machine and toolchain.
///
/// The helpers (`nextDouble`, `below`, `exponential`) are written here rather than taken from the
/// standard library, whose sampling algorithms may change between releases.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Creates a generator for `seed`; `stream` selects an independent sequence for the same seed.
  public init(seed: UInt64, stream: UInt64 = 0) {
    var mixer = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    s0 = Self.splitMix(&mixer)
    s1 = Self.splitMix(&mixer)
    s2 = Self.splitMix(&mixer)
    s3 = Self.splitMix(&mixer)
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in `range`.
  public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
  }

  /// A uniform integer in 0..<`bound` without modulo bias (Lemire's method); 0 when `bound` ≤ 1.
  public mutating func below(_ bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    let limit = UInt64(bound)
    var product = next().multipliedFullWidth(by: limit)
    if product.low < limit {
      let threshold = (0 &- limit) % limit
      while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
    }
    return Int(product.high)
  }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { nextDouble() < p }

  /// An exponentially distributed value with the given mean (the gap between events of a Poisson process).
  public mutating func exponential(mean: Double) -> Double {
    -mean * log(1 - nextDouble())
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  private static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
