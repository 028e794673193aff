/// The exit statuses of `talentwatch`, fixed by the interface: scripts rely on them.
enum CLIExitCode {
  /// The command did what it was asked.
  static let success: Int32 = 0
  /// The command ran and failed (including a bad configuration).
  static let failure: Int32 = 1
  /// The command line was wrong; nothing was done.
  static let usage: Int32 = 2
}
