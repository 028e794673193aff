import Foundation

// `provider-sandbox --listen HOST:PORT [options]`: everything happens in `SandboxApp`; this only exits.
let status = await SandboxApp.main(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
