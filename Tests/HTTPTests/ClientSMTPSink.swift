import Foundation

/// A real SMTP server on 127.0.0.1 for the SMTP client tests: a Python `asyncio` child process.
///
/// Python 3.11 still ships `smtpd` but deprecates it (it is gone in 3.12), so the sink speaks SMTP itself:
/// EHLO (advertising `AUTH PLAIN`, no STARTTLS), AUTH PLAIN (user `mailer`, password `s3cret`), MAIL,
/// RCPT (addresses containing `reject` get 550, `later` get 451), DATA (un-dot-stuffed), RSET, NOOP, QUIT.
/// Each accepted message is written as JSON to `messages/<n>.json`; connections are counted in `connections`.
final class ClientSMTPSink: Sendable {
  /// The port the sink listens on.
  let port: Int
  private let process: Process
  private let stdin: Pipe
  private let directory: URL

  /// The sink's URL, `smtp://127.0.0.1:<port>`.
  var url: String { "smtp://127.0.0.1:\(port)" }

  /// Starts a fresh sink with an empty mailbox.
  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tw-smtp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("messages"), withIntermediateDirectories: true)
    let script = directory.appendingPathComponent("sink.py")
    try Data(Self.script.utf8).write(to: script)
    process = Process()
    process.executableURL = URL(fileURLWithPath: ClientTestServer.python.path)
    process.arguments = ClientTestServer.python.arguments + [script.path, directory.path]
    let stdout = Pipe()
    stdin = Pipe()
    process.standardOutput = stdout
    process.standardInput = stdin
    process.standardError = FileHandle.nullDevice
    try process.run()
    var bytes: [UInt8] = []
    while let chunk = try? stdout.fileHandleForReading.read(upToCount: 1), let byte = chunk.first,
      byte != 10
    {
      bytes.append(byte)
    }
    let line = String(decoding: bytes, as: UTF8.self)
    guard let port = Int(line) else {
      process.terminate()
      throw ClientTestServerError.didNotStart(line)
    }
    self.port = port
  }

  /// Runs `body` with a fresh sink and stops it afterwards, also when `body` throws; off the cooperative pool.
  @discardableResult
  static func with<T>(_ body: (ClientSMTPSink) async throws -> T) async throws -> T {
    let sink = try await ClientBlocking.run { try ClientSMTPSink() }
    do {
      let result = try await body(sink)
      await ClientBlocking.run { sink.stop() }
      return result
    } catch {
      await ClientBlocking.run { sink.stop() }
      throw error
    }
  }

  /// The messages accepted so far, in arrival order.
  func messages() throws -> [ClientSMTPReceived] {
    let folder = directory.appendingPathComponent("messages")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }
      .sorted { Int($0.dropLast(5)) ?? 0 < Int($1.dropLast(5)) ?? 0 }
    return try names.map {
      try JSONDecoder().decode(
        ClientSMTPReceived.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
    }
  }

  /// TCP connections accepted so far.
  func connections() -> Int {
    let text = try? String(
      contentsOf: directory.appendingPathComponent("connections"), encoding: .utf8)
    return text.flatMap { Int($0) } ?? 0
  }

  /// Stops the process and removes its directory.
  func stop() {
    try? stdin.fileHandleForWriting.close()
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: directory)
  }

  private static let script = #"""
    import asyncio, base64, json, os, sys

    root = sys.argv[1]
    state = {"connections": 0, "messages": 0}

    def address(argument):
        start, end = argument.find("<"), argument.find(">")
        return argument[start + 1:end] if start >= 0 and end > start else argument.strip()

    async def session(reader, writer):
        state["connections"] += 1
        with open(os.path.join(root, "connections"), "w") as f:
            f.write(str(state["connections"]))
        def send(line):
            writer.write((line + "\r\n").encode())
        sender, recipients, user = None, [], None
        send("220 sink ESMTP")
        while True:
            await writer.drain()
            raw = await reader.readline()
            if not raw:
                break
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb, _, argument = line.partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                send("250-sink greets you")
                send("250-AUTH PLAIN")
                send("250 8BITMIME")
            elif verb == "HELO":
                send("250 sink")
            elif verb == "AUTH":
                parts = argument.split(" ")
                if parts[0].upper() != "PLAIN":
                    send("504 5.5.4 unsupported")
                    continue
                if len(parts) > 1:
                    token = parts[1]
                else:
                    send("334 ")
                    await writer.drain()
                    token = (await reader.readline()).decode().strip()
                fields = base64.b64decode(token).split(b"\0")
                if fields[1:] == [b"mailer", b"s3cret"]:
                    user = "mailer"
                    send("235 2.7.0 authenticated")
                else:
                    send("535 5.7.8 bad credentials")
            elif verb == "MAIL":
                sender, recipients = address(argument.partition(":")[2]), []
                send("250 2.1.0 ok")
            elif verb == "RCPT":
                recipient = address(argument.partition(":")[2])
                if "reject" in recipient:
                    send("550 5.1.1 no such user")
                elif "later" in recipient:
                    send("451 4.3.0 try again later")
                else:
                    recipients.append(recipient)
                    send("250 2.1.5 ok")
            elif verb == "DATA":
                send("354 end with <CRLF>.<CRLF>")
                await writer.drain()
                lines = []
                while True:
                    data_line = await reader.readline()
                    if data_line in (b".\r\n", b""):
                        break
                    lines.append(data_line[1:] if data_line.startswith(b".") else data_line)
                state["messages"] += 1
                record = {"sender": sender, "recipients": recipients, "user": user,
                          "data": base64.b64encode(b"".join(lines)).decode()}
                path = os.path.join(root, "messages", "%d.json" % state["messages"])
                with open(path + ".tmp", "w") as f:
                    json.dump(record, f)
                os.rename(path + ".tmp", path)
                send("250 2.0.0 queued as %d" % state["messages"])
            elif verb == "RSET":
                sender, recipients = None, []
                send("250 2.0.0 ok")
            elif verb == "NOOP":
                send("250 2.0.0 ok")
            elif verb == "QUIT":
                send("221 2.0.0 bye")
                await writer.drain()
                break
            else:
                send("502 5.5.2 unknown command")
        writer.close()

    async def main():
        server = await asyncio.start_server(session, "127.0.0.1", 0)
        print(server.sockets[0].getsockname()[1], flush=True)
        loop = asyncio.get_running_loop()
        stdin_closed = loop.run_in_executor(None, sys.stdin.read)
        async with server:
            await asyncio.wait([asyncio.ensure_future(stdin_closed), asyncio.ensure_future(server.serve_forever())],
                               return_when=asyncio.FIRST_COMPLETED)
        os._exit(0)

    asyncio.run(main())
    """#
}
