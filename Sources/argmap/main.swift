#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ArgMapREPL

/// argmap's command line: options, wiring and exit codes; the work is in ArgMapREPL.
struct ArgmapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argmap",
        abstract: "Map, score and explain arguments at the terminal.",
        discussion: """
            With a terminal and no -c or -f, argmap opens an interactive session (type help).
            Otherwise it runs the commands given and exits: 0 when all succeed, 1 when one fails,
            2 for a misuse of argmap itself.
            """,
        version: "0.1.0")

    @Argument(help: "An argument file (.argdown) or argmap JSON to open.")
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run a command and exit; repeat for several (stops at the first failure).", valueName: "COMMAND"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run the commands in a script file and exit.", valueName: "SCRIPT"))
    var script: String?

    @Flag(help: "In a script or pipe, stop at the first command that fails.")
    var bail = false

    @Flag(name: .customLong("no-rc"), help: "Do not run the startup file ($XDG_CONFIG_HOME/argmap/rc).")
    var noRC = false

    @Flag(help: "Apply the unsaved edits that a crashed or killed session left in FILE's journal.")
    var recover = false

    mutating func run() throws {
        Self.keepFreedMemory()
        Launcher(file: file, commands: commands, script: script, bail: bail, noRC: noRC, recover: recover).runAndExit()
    }

    /// Keeps the memory a command frees for the next command to reuse, instead of handing it
    /// back to the system and faulting it in again page by page: on a large map, a command's
    /// first pass over fresh arrays (a score per claim, say) pays a page fault every 4 KB. An
    /// allocation under 32 MB comes from the heap rather than from its own mapping, and up to
    /// 256 MB freed at the heap's top stays there. The peak a map needs is the same.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // glibc's mallopt, from <malloc.h>, which the Glibc module leaves out.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        #endif
    }
}

do {
    var command = try ArgmapCommand.parse()
    try command.run()
} catch {
    let code = ArgmapCommand.exitCode(for: error)
    if code == .success { ArgmapCommand.exit(withError: error) }
    Console().error(ArgmapCommand.fullMessage(for: error))
    Console().error("Usage: argmap [FILE] [-c COMMAND ...] [-f SCRIPT] [--bail] [--no-rc]  (argmap --help for more)")
    Glibc.exit(2)
}
