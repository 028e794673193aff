import Domain
import Foundation
import Testing

@Test("a manual clock reads what it was set to and moves only when advanced")
func manualClockMoves() {
  let start = Date(timeIntervalSince1970: 1_700_000_000)
  let clock = ManualClock(start)
  #expect(clock.now() == start)
  clock.advance(by: 60)
  #expect(clock.now() == start.addingTimeInterval(60))
}
