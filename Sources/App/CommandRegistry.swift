/// Every command `talentwatch` knows; adding a command is one line here.
enum CommandRegistry {
  /// The commands, in no particular order (help sorts them by name).
  static let commands: [any Command.Type] = [
    HelpCommand.self,
    VersionCommand.self,
    ServeCommand.self,
    MigrateCommand.self,
    BackupCommand.self,
    ErasureCommand.self,
    RetentionRunCommand.self,
    AuditVerifyCommand.self,
    ExplanationCommand.self,
    ExportCommand.self,
    ComplianceReportCommand.self,
    PlanCommand.self,
    RefreshRunCommand.self,
    SimulateCommand.self,
    TokenCommand.self,
    DemoCommand.self,
    NotificationsListCommand.self,
    NotificationsRedriveCommand.self,
    InboxListCommand.self,
    InboxShowCommand.self,
    InboxExportCommand.self,
    ReplayCommand.self,
    RematchCommand.self,
  ]

  /// The command named exactly `name` (`token new`).
  static func command(named name: String, in commands: [any Command.Type] = commands) -> (
    any Command.Type
  )? {
    commands.first { $0.name == name }
  }

  /// The commands under a group name (`token` → `token new`), sorted by name; empty when `name` is no group.
  static func subcommands(of name: String, in commands: [any Command.Type] = commands)
    -> [any Command.Type]
  {
    commands.filter { $0.name.hasPrefix(name + " ") }.sorted { $0.name < $1.name }
  }
}
