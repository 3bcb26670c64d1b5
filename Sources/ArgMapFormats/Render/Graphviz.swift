#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs Graphviz's `dot` as a process with arguments (never through a shell), feeding it DOT
/// on standard input and reading the picture from standard output.
public enum Graphviz {
    public static func render(_ dot: String, format: String) throws(ExportFailure) -> [UInt8] {
        guard let path = which("dot") else {
            throw ExportFailure("Graphviz's dot is not installed, so argmap cannot draw \(format) pictures; install it (Debian: apt-get install graphviz), or export dot and render it elsewhere")
        }
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        let argv = [path, "-T" + format]
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        // The pipes are close-on-exec and made under one lock with the spawn, so that a dot
        // started at the same moment by another thread cannot inherit these ends: holding this
        // input open, it would keep this dot (and its caller) waiting for an end of input that
        // never comes.
        let made = spawning.withLock { _ -> Int32? in
            guard pipe(&input) == 0 else { return nil }
            guard pipe(&output) == 0 else { close(input[0]); close(input[1]); return nil }
            guard pipe(&errors) == 0 else { for fd in input + output { close(fd) }; return nil }
            for fd in input + output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, input[0], 0)
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
            let rc = posix_spawn(&pid, path, &actions, nil, &cargs, environ)
            close(input[0]); close(output[1]); close(errors[1])
            return rc
        }
        guard let rc = made else { throw ExportFailure("cannot start dot: \(String(cString: strerror(errno)))") }
        guard rc == 0 else {
            close(input[1]); close(output[0]); close(errors[0])
            throw ExportFailure("cannot start \(path): \(String(cString: strerror(rc)))")
        }
        // Write the input from another thread so that a large output cannot deadlock us.
        let bytes = Array(dot.utf8)
        let writer = input[1]
        var thread = pthread_t()
        let box = UnsafeMutablePointer<WriteJob>.allocate(capacity: 1)
        box.initialize(to: WriteJob(fd: writer, bytes: bytes))
        pthread_create(&thread, nil, { raw in
            let job = raw!.assumingMemoryBound(to: WriteJob.self)
            job.pointee.bytes.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count {
                    let n = write(job.pointee.fd, buffer.baseAddress! + done, buffer.count - done)
                    if n <= 0 { if errno == EINTR { continue }; break }
                    done += n
                }
            }
            close(job.pointee.fd)
            return nil
        }, box)
        let result = readAll(output[0])
        let message = readAll(errors[0])
        pthread_join(thread, nil)
        box.deinitialize(count: 1)
        box.deallocate()
        close(output[0]); close(errors[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0 else {
            throw ExportFailure("dot failed: " + String(decoding: message, as: UTF8.self).split(separator: "\n").prefix(3).joined(separator: "; "))
        }
        return result
    }

    /// Held while pipes for a child are made and the child is started.
    private static let spawning = Mutex(())

    struct WriteJob {
        var fd: Int32
        var bytes: [UInt8]
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// The first executable of that name on PATH.
    static func which(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
