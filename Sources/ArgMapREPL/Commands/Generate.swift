import ArgMapModel

extension Commands {
    static let generate = Command(
        name: "generate", aliases: ["generate!"], group: .files,
        usage: "generate --claims N [--shape tree|dag|cyclic] [--seed S] [--max-depth D]",
        summary: "replace the map with a reproducible synthetic one, for tests and benchmarks",
        discussion: "Shaped like real debates: one thesis, wide fan-out near it, most claims shallow, some long chains, texts of realistic length with non-ASCII words; dag adds second parents, cyclic adds relations that close cycles. The same seed gives the same map on every machine. With unsaved changes it asks (or, in a script, refuses unless generate!).",
        examples: ["generate --claims 10000", "generate --claims 1000000 --shape dag --seed 7"],
        arguments: [],
        options: [
            OptionSpec("claims", .number, "how many claims"),
            OptionSpec("shape", .keyword(MapGenerator.Shape.allCases.map(\.rawValue)), "tree (default), dag or cyclic"),
            OptionSpec("seed", .number, "the random seed (default 1)"),
            OptionSpec("max-depth", .number, "the deepest a chain may go"),
        ],
        run: { inv throws(CommandError) in
            let (_, options) = try inv.parse()
            guard let countWord = options["claims"] ?? nil else { throw CommandError("generate needs --claims N", at: inv.commandWord, hint: "usage: \(inv.command.usage)") }
            guard let n = Int(countWord.text), n >= 1, n <= 50_000_000 else { throw CommandError("--claims takes a whole number from 1 to 50,000,000", at: countWord) }
            var generatorOptions = MapGenerator.Options(claims: n)
            if let w = options["shape"] ?? nil {
                guard let shape = MapGenerator.Shape(rawValue: w.text) else { throw CommandError("--shape is tree, dag or cyclic, not '\(w.text)'", at: w) }
                generatorOptions.shape = shape
            }
            if let w = options["seed"] ?? nil {
                guard let seed = UInt64(w.text) else { throw CommandError("--seed takes a whole number", at: w) }
                generatorOptions.seed = seed
            }
            if let w = options["max-depth"] ?? nil {
                guard let d = Int(w.text), d >= 1 else { throw CommandError("--max-depth takes a whole number from 1 up", at: w) }
                generatorOptions.maxDepth = d
            }
            try Commands.guardUnsaved(inv, doing: "generate a new map")
            let map = MapGenerator.generate(generatorOptions)
            inv.session.load(map, file: nil, format: nil)
            inv.console.print("generated " + Commands.counts(map))
        })

    static let timer = Command(
        name: "timer", group: .session,
        usage: "timer [on|off]",
        summary: "print each command's wall time (time: S s) on standard error",
        discussion: "Like sqlite3's .timer. Bare timer prints the setting.",
        examples: ["timer on"],
        arguments: [.keyword(["on", "off"])], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            try Commands.changeSetting(inv, Word(text: "timer", column: inv.commandWord.column, length: 5), args)
        })
}
