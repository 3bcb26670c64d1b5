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
        let status = Launcher(file: file, commands: commands, script: script, bail: bail, noRC: noRC, recover: recover).run()
        Glibc.exit(status)
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
