#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgMapFormats
import ArgMapModel

/// Reading and writing files with plain system calls: whole-file reads that check the text is
/// UTF-8, and atomic writes (a temporary file in the same directory, flushed, then renamed
/// over the target, keeping its permissions).
public enum FileIO {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static func systemError(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }

    /// A file's modification time and size.
    public struct Stamp: Equatable, Sendable {
        public var seconds: Int
        public var nanoseconds: Int
        public var size: Int
    }

    public static func stamp(_ path: String) -> Stamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Stamp(seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec), size: Int(st.st_size))
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Hands a regular file's bytes to `body` as the kernel's own mapping of the file, with no
    /// copy; nil when the file cannot be mapped (it does not exist,
    /// is empty, is not a regular file). Readers that answer from bytes (the fast paths) use
    /// it; anything else reads the file with ``readText(_:)``.
    ///
    /// `body` also gets `release`, which gives back the pages of a range it has read and will
    /// not read again, so that a large file's pages leave memory as the map that replaces them
    /// grows. A released page that is read again is only read again from the file.
    public static func withMappedBytes<T>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>, _ release: (Range<Int>) -> Void) -> T) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
        let size = Int(st.st_size)
        // Not populated up front: the readers' lanes bring their own pages in as they read
        // them, on both cores at once (populating brings the whole file in on one core before
        // any reading begins).
        let flags = MAP_PRIVATE
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        defer { munmap(address, size) }
        let page = max(1, sysconf(Int32(_SC_PAGESIZE)))
        // Only whole pages inside the range: a page shared with a range still being read stays.
        func release(_ range: Range<Int>) {
            let lower = (range.lowerBound + page - 1) / page * page
            let upper = range.upperBound == size ? size : range.upperBound / page * page
            if upper > lower { _ = madvise(address + lower, upper - lower, Int32(MADV_DONTNEED)) }
        }
        return body(UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size), release)
    }

    public static func readBytes(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw systemError("cannot open", path) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(description: "\(path) is a directory, not a file") }
        var bytes: [UInt8] = []
        if st.st_size > 0 {
            // A regular file: read straight into an array of its size.
            var failed = false
            bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if n == 0 { break }
                    count += n
                }
            }
            if failed { throw systemError("cannot read", path) }
        }
        // Then whatever is left (a file that grew, or one with no size, such as a pipe).
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot read", path)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Reads a text file, refusing invalid UTF-8 and NUL bytes with the place where they are.
    public static func readText(_ path: String) throws(Failure) -> String {
        if let text = try readTextInPlace(path) { return text }
        var bytes = try readBytes(path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The usual case in two fast passes; the scalar-by-scalar walk below only locates a problem.
        if !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1, column = 1
        var i = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let count = encoded.count
                if count == 1, encoded.first == 0 {
                    throw Failure(description: "\(path):\(line):\(column): error: the file contains a NUL byte\nhint: is it a binary file? argmap reads UTF-8 text")
                }
                if count == 1, encoded.first == 0x0A { line += 1; column = 1 } else { column += 1 }
                i += count
            case .error:
                throw Failure(description: "\(path):\(line):\(column): error: the file is not valid UTF-8 (byte offset \(i))\nhint: save the file as UTF-8 text")
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// The usual case of ``readText(_:)``: a regular file read straight into the string's own
    /// storage, with no second copy of a file that may be hundreds of megabytes. Nil when the
    /// file needs a closer look: a byte-order mark, a NUL, or anything Swift had to repair
    /// (seen as U+FFFD, which a valid file may also hold, so such a file is read again and
    /// checked byte by byte).
    static func readTextInPlace(_ path: String) throws(Failure) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw systemError("cannot open", path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
        var complete = true
        var text = String(unsafeUninitializedCapacity: Int(st.st_size)) { buffer in
            var count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                count += n
            }
            complete = count == buffer.count
            return count
        }
        guard complete else { return nil }  // a file that changed under us: read it the long way
        let clean = text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress, !bytes.starts(with: [0xEF, 0xBB, 0xBF]), memchr(base, 0, bytes.count) == nil else { return false }
            // U+FFFD is EF BF BD.
            var p = base
            let end = base + bytes.count
            while p < end, let found = memchr(p, 0xEF, end - p) {
                let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self))
                if end - at >= 3, at[1] == 0xBF, at[2] == 0xBD { return false }
                p = at + 1
            }
            return true
        }
        return clean ? text : nil
    }

    /// Writes bytes atomically: the old content or the new, never a mix. With `backup`, the
    /// previous version stays as `path~` (a hard link made before the rename).
    public static func writeAtomically(bytes: [UInt8], to path: String, backup: Bool = false) throws(Failure) {
        try writeAtomically(.bytes(bytes), to: path, backup: backup)
    }

    /// Writes an export atomically (see ``writeAtomically(bytes:to:backup:)``), each piece as
    /// soon as it is made: a streamed export never sits whole in memory. A write that fails
    /// stops the export, and the old file stays as it was.
    public static func writeAtomically(_ output: ExportOutput, to path: String, backup: Bool = false) throws(Failure) {
        let dir: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            dir = String(path[..<slash]).isEmpty ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            dir = "."
            name = path
        }
        var mode: mode_t = 0o644
        var st = stat()
        if stat(path, &st) == 0 { mode = st.st_mode & 0o7777 }
        var template = Array("\(dir)/.\(name).argmap-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw systemError("cannot write a temporary file in", dir) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var failure: Failure?
        output.forEachPiece { bytes in
            guard failure == nil else { return false }
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = systemError("cannot write", path)
                    return false
                }
                written += n
            }
            return true
        }
        if let failure {
            close(fd)
            throw failure
        }
        fchmod(fd, mode)
        if fsync(fd) != 0 {
            let failure = systemError("cannot flush", path)
            close(fd)
            throw failure
        }
        close(fd)
        if backup, exists(path) {
            unlink(path + "~")
            link(path, path + "~")
        }
        guard rename(tmp, path) == 0 else { throw systemError("cannot replace", path) }
        ok = true
        let dfd = open(dir, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}
