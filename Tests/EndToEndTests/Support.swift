import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The built argmap binary, next to the test bundle.
enum Binary {
    static var path: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("argmap").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Repository.root + "/.build/debug/argmap"
    }
}

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

/// A fresh temporary folder, removed by `cleanup()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func copy(_ repositoryPath: String, as name: String) throws -> String {
        let target = file(name)
        try FileManager.default.copyItem(atPath: Repository.root + "/" + repositoryPath, toPath: target)
        return target
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs argmap (no terminal) with arguments and standard input. A run longer than `timeout`
/// seconds is killed, and its standard error says so: a hang fails its test instead of
/// stopping the suite.
func runArgmap(_ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil,
               timeout: Double = 300) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binary.path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    defer { watchdog.cancel() }
    input.fileHandleForWriting.write(stdin.data(using: .utf8)!)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM
    return RunResult(status: killed ? -1 : process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                     stderr: String(decoding: err, as: UTF8.self) + (killed ? "\n(killed after \(Int(timeout)) s)" : ""))
}

/// argmap in a real terminal: a tmux session of 80×24 on a private socket, driven with
/// send-keys and read with capture-pane.
final class Terminal {
    let socket = "argmap-test-\(UUID().uuidString.prefix(8))"
    let name = "t"

    /// argmap with these arguments in the pane; with `shell`, a `sh` line run in the pane
    /// instead, in which `{argmap}` stands for that argmap (`stty -g; {argmap}; stty -g`).
    init(_ arguments: [String], environment: [String: String], shell: String? = nil) throws {
        // A clean environment: only what the test gives (and PATH), so that nothing the test
        // runner sets (NO_COLOR, say) leaks into the terminal.
        var command = "env -i PATH=" + Terminal.quote(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { command += " \(k)=\(Terminal.quote(v))" }
        let argmap = ([Binary.path] + arguments).map(Terminal.quote).joined(separator: " ")
        if let shell {
            command += " sh -c " + Terminal.quote(shell.replacingOccurrences(of: "{argmap}", with: argmap))
        } else {
            command += " " + argmap
        }
        // The server that new-session starts inherits the client's output: give it none, or
        // reading the client's output would wait for the server to end.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-s", name, command], capture: false)
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"], capture: false)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux with plain posix_spawn and waitpid: Foundation's Process waits on file
    /// descriptors that the tmux server inherits when it starts, and would never return.
    @discardableResult
    func tmux(_ args: [String], capture: Bool = true) throws -> String {
        let argv = ["tmux", "-L", socket] + args
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        // Start tmux (and so argmap under it) with no signals blocked or ignored, whatever the
        // test runner's own signal state.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, &attributes, &cargs, environ)
        Glibc.close(fds[1])
        guard rc == 0 else { Glibc.close(fds[0]); throw POSIXError(.ENOENT) }
        var output = [UInt8]()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
        }
        Glibc.close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Types text literally, then pauses as a person would.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text], capture: false)
        Thread.sleep(forTimeInterval: 0.3)
    }

    /// Sends keys by name (Enter, Tab, C-c, C-d, Up).
    func press(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", name, key], capture: false)
            Thread.sleep(forTimeInterval: 0.3)
        }
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    /// Waits until the screen shows the text (at most 10 s). capture-pane drops the blanks at
    /// the end of a line, so trailing blanks of the text are not looked for.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) -> Bool {
        var needle = Substring(text)
        while needle.last == " " { needle.removeLast() }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if screen.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// Whether argmap has exited (the pane is kept, dead, by remain-on-exit).
    var exited: Bool {
        ((try? tmux(["display-message", "-p", "-t", name, "#{pane_dead}"])) ?? "").hasPrefix("1")
    }

    func waitForExit(timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if exited { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// The process id of argmap in the pane.
    var pid: Int32? { Int32((try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") }

    func close() { _ = try? tmux(["kill-server"], capture: false) }
}

/// A private home, state and config folder, a UTF-8 locale and a colour terminal.
func terminalEnvironment(_ tmp: TemporaryFolder) -> [String: String] {
    ["HOME": tmp.path, "XDG_STATE_HOME": tmp.path + "/state", "XDG_CONFIG_HOME": tmp.path + "/config",
     "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
}
