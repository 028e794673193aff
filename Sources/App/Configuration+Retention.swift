import Domain

extension Configuration {
  /// The keys a `retention` object may have.
  enum RetentionKey: String, CaseIterable {
    case sourcedRetentionDays = "sourced_retention_days"
    case noticedRetentionDays = "noticed_retention_days"
    case contactRetentionDays = "contact_retention_days"
    case auditRetentionDays = "audit_retention_days"
  }

  /// Reads the `retention` object and refuses a policy that breaks a rule (`sourced_retention_days` ≥ 30
  /// without a notice breaks GDPR Art. 14(3); `audit_retention_days` under 180 breaks AI Act Art. 26(6)),
  /// naming the key and the reason.
  static func retentionPolicy(_ value: ConfigurationValue) throws(ConfigurationError)
    -> RetentionPolicy
  {
    let object = try value.object(RetentionKey.self)
    let defaults = RetentionPolicy.defaults
    let policy = RetentionPolicy(
      sourcedRetentionDays: try object.optional(.sourcedRetentionDays)?.integer(in: 1...3650)
        ?? defaults.sourcedRetentionDays,
      noticedRetentionDays: try object.optional(.noticedRetentionDays)?.integer(in: 1...3650)
        ?? defaults.noticedRetentionDays,
      contactRetentionDays: try object.optional(.contactRetentionDays)?.integer(in: 1...3650)
        ?? defaults.contactRetentionDays,
      auditRetentionDays: try object.optional(.auditRetentionDays)?.integer(in: 1...36500)
        ?? defaults.auditRetentionDays)
    try validateRetention(policy, path: value.path)
    return policy
  }

  /// Throws the first rule `policy` breaks, as an error at `path.key`.
  static func validateRetention(_ policy: RetentionPolicy, path: String = "retention")
    throws(ConfigurationError)
  {
    if let violation = policy.violations().first {
      throw ConfigurationError(
        .invalidValue, path: ConfigurationObject<RetentionKey>.join(path, violation.key),
        message: violation.reason)
    }
  }
}
