/// What an admin API route needs the caller's role to allow.
enum AuthenticationPermission: Sendable, Hashable {
  /// Read candidate records (recruiter, operator, admin).
  case readCandidates
  /// Add, contact, fetch contact data, accept fields (recruiter, admin).
  case writeCandidates
  /// Confirm into and move through a pipeline (recruiter, admin).
  case pipeline
  /// Vacancies (recruiter for their own, admin for all).
  case vacancies
  /// Notifications (recruiter for their own, operator, admin).
  case notifications
  /// The inbox and replays (operator, admin).
  case inbox
  /// Everything else: erasure and configuration-level actions (admin).
  case administer

  /// Whether `role` grants this permission.
  func isGranted(to role: Configuration.Role) -> Bool {
    switch role {
    case .admin: true
    case .recruiter: [.readCandidates, .writeCandidates, .pipeline, .vacancies, .notifications].contains(self)
    case .operator: [.readCandidates, .notifications, .inbox].contains(self)
    }
  }
}
