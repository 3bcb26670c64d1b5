#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The crash journal: every command that changed a map is appended (and flushed to disk)
/// before the session moves on; a clean save or exit removes it. After a crash, a killed
/// terminal or a power cut, the next `argmap FILE` finds the journal and offers to replay its
/// commands (`--recover` does so in scripts); a map that had no file yet is offered by the
/// next `argmap` started without one. Journals live in `$XDG_STATE_HOME/argmap/journal/`, one
/// per session and file, named after the file's absolute path (or `untitled`) and the
/// session's process id; the process id also tells a second session that another one is
/// editing the same file.
public final class Journal {
    public let path: String
    /// The absolute path of the map's file; nil for a map that has none yet.
    public let file: String?
    private var fd: Int32 = -1

    public init?(file: String?) {
        guard let dir = Journal.directory() else { return nil }
        if let file {
            guard let abs = Journal.absolute(file) else { return nil }
            self.file = abs
        } else {
            self.file = nil
        }
        path = dir + "/" + Journal.stem(self.file) + ".\(getpid()).journal"
    }

    deinit { if fd >= 0 { close(fd) } }

    public static func directory() -> String? {
        let base: String
        if let x = FileIO.environment("XDG_STATE_HOME"), x.hasPrefix("/") { base = x } else {
            guard let home = FileIO.environment("HOME"), !home.isEmpty else { return nil }
            base = home + "/.local/state"
        }
        return base + "/argmap/journal"
    }

    static func absolute(_ file: String) -> String? {
        if file.hasPrefix("/") { return file }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let cwd = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return cwd + "/" + (file.hasPrefix("./") ? String(file.dropFirst(2)) : file)
    }

    /// The file's absolute path as one file name (`/` → `%`); `untitled` for no file (an
    /// absolute path always starts with `%`, so the two never meet).
    static func stem(_ abs: String?) -> String {
        guard let abs else { return "untitled" }
        return String(abs.map { $0 == "/" ? "%" : $0 })
    }

    /// Appends one command and flushes it to disk.
    public func record(_ command: String) {
        if fd < 0 {
            LibEditLineEditor.makeDirectories(String(path[..<path.lastIndex(of: "/")!]))
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return }
            write("# argmap journal\n# file: \(file ?? "(untitled)")\n# pid: \(getpid())\n")
        }
        write(command.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ") + "\n")
        fsync(fd)
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }

    /// Removes the journal (after a clean save or exit).
    public func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(path)
    }

    /// A journal left by another session for the same file.
    public struct Leftover {
        public var path: String
        public var pid: Int32
        public var commands: [String]
        /// Whether that session is still running.
        public var isLive: Bool
    }

    /// Whether a process is running (a zombie, killed but not yet reaped, is not).
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let text = try? FileIO.readText("/proc/\(pid)/stat"), let paren = text.lastIndex(of: ")") else { return true }
        let state = text[text.index(after: paren)...].first { $0 != " " }
        return state != "Z" && state != "X"
    }

    /// Journals of other sessions on this file (nil: on maps that had no file), oldest first.
    public static func leftovers(for file: String?) -> [Leftover] {
        guard let dir = directory(), let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var abs: String?
        if let file {
            guard let a = absolute(file) else { return [] }
            abs = a
        }
        let prefix = stem(abs) + "."
        var found: [(Int, Leftover)] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            guard name.hasPrefix(prefix), name.hasSuffix(".journal"),
                  let pid = Int32(name.dropFirst(prefix.count).dropLast(".journal".count)), pid != getpid() else { continue }
            let path = dir + "/" + name
            guard let text = try? FileIO.readText(path) else { continue }
            let commands = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
            var st = stat()
            stat(path, &st)
            let live = Journal.isRunning(pid)
            found.append((Int(st.st_mtim.tv_sec), Leftover(path: path, pid: pid, commands: commands, isLive: live)))
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
