import App
import Foundation

// `talentwatch <command> [options]`: everything happens in `TalentwatchCLI`; this only exits with its status.
let status = await TalentwatchCLI.main(
  arguments: Array(CommandLine.arguments.dropFirst()),
  environment: ProcessInfo.processInfo.environment)
exit(status)
