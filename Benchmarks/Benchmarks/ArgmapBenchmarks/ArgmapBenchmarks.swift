import Benchmark
import ArgMapModel
import ArgMapSemantics
import ArgMapDebate
import ArgMapFormats
import ArgMapREPL
#if canImport(Glibc)
import Glibc
#endif

// The benchmark figures in docs/PERFORMANCE.md (and its history) come from these benchmarks:
//   swift package --package-path Benchmarks benchmark                      (all of them)
//   swift package --package-path Benchmarks benchmark --filter "100k"      (one size)
// Inputs are made once, outside the measured region, by MapGenerator (reproducible).

/// Inputs shared by the benchmarks, built on first use.
final class Inputs: @unchecked Sendable {
    static let shared = Inputs()
    private var maps: [String: ArgumentMap] = [:]
    private var texts: [String: String] = [:]

    func map(_ n: Int, _ shape: MapGenerator.Shape = .tree) -> ArgumentMap {
        let key = "\(n)-\(shape)"
        if let m = maps[key] { return m }
        let m = MapGenerator.generate(.init(claims: n, shape: shape, seed: 7))
        maps[key] = m
        return m
    }

    func argdown(_ n: Int) -> String {
        if let t = texts["ad\(n)"] { return t }
        let t = ArgdownFormat.write(map(n))
        texts["ad\(n)"] = t
        return t
    }

    /// The map as `open` gives it: read back from its argument file, claims in file order.
    func loaded(_ n: Int, _ shape: MapGenerator.Shape) -> ArgumentMap {
        let key = "loaded-\(n)-\(shape)"
        if let m = maps[key] { return m }
        let m = try! ArgdownFormat.read(ArgdownFormat.write(map(n, shape))).map
        maps[key] = m
        return m
    }

    func json(_ n: Int) -> String {
        if let t = texts["js\(n)"] { return t }
        let t = ArgmapJSON.write(map(n))
        texts["js\(n)"] = t
        return t
    }

    /// The argument file (or JSON) of the map, written once to a temporary file, for the
    /// benchmarks that open a file as the REPL does.
    func file(_ n: Int, json: Bool) -> String {
        let path = "/tmp/argmap-benchmark-\(n)." + (json ? "json" : "argdown")
        if files.insert(path).inserted {
            try! FileIO.writeAtomically(bytes: json ? ArgmapJSON.bytes(map(n)) : ArgdownFormat.writeBytes(map(n)), to: path)
        }
        return path
    }
    private var files: Set<String> = []

    /// A thesis with 1,000 children, for tree and ls output.
    lazy var wide: ArgumentMap = {
        var m = ArgumentMap()
        try! m.apply(.addClaim(Claim(id: "t", text: "A thesis with a thousand answers")))
        for i in 0..<1000 {
            try! m.apply(.addClaim(Claim(id: "a\(i)", text: "Answer \(i): a claim of ordinary length that wraps once in eighty columns, with Сибирь and café")))
            try! m.apply(.link(RelationSpec(from: "a\(i)", to: "t", type: i % 2 == 0 ? .support : .attack)))
        }
        return m
    }()
}

let sizes: [(String, Int)] = [("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)]

/// ARGMAP_BENCHMARK_QUICK=1 (as CI sets it) runs each benchmark once, to prove they all work.
let quick = getenv("ARGMAP_BENCHMARK_QUICK") != nil

func configuration(_ n: Int) -> Benchmark.Configuration {
    .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
          maxDuration: .seconds(quick ? 1 : n >= 1_000_000 ? 20 : 3), maxIterations: quick ? 1 : n >= 1_000_000 ? 5 : 50)
}

/// A REPL on `session` that prints to a buffer and reads no input: commands run as a script's.
func quietREPL(_ session: Session) -> REPL {
    REPL(session: session, console: Console(sink: .buffer), editor: PlainLineEditor(lines: []))
}

let benchmarks: @Sendable () -> Void = {
    let inputs = Inputs.shared
    for (label, n) in sizes {
        Benchmark("load argdown \(label)", configuration: configuration(n)) { benchmark in
            let text = inputs.argdown(n)
            benchmark.startMeasurement()
            let map = try! ArgdownFormat.read(text).map
            benchmark.stopMeasurement()  // freeing the map is not part of loading it
            blackHole(map)
        }
        // As open and the command line read a file in argmap's layout: mapped, checked as
        // UTF-8, read by the fast path (the file is in the page cache, as after a save).
        for json in [false, true] {
            Benchmark("open \(json ? "json" : "argdown") file \(label)", configuration: configuration(n)) { benchmark in
                let path = inputs.file(n, json: json)
                benchmark.startMeasurement()
                let read = FileIO.withMappedBytes(path) { FormatRegistry.readFast(path: path, bytes: $0, release: $1) }
                benchmark.stopMeasurement()
                precondition(read??.result.map.count == n, "the fast path gave up on \(path)")
                blackHole(read)
            }
        }
        // The general readers alone, as files in other layouts are read.
        Benchmark("load argdown general reader \(label)", configuration: configuration(n)) { benchmark in
            let text = inputs.argdown(n)
            benchmark.startMeasurement()
            let map = try! ArgdownFormat.read(text, fastPath: false).map
            benchmark.stopMeasurement()
            blackHole(map)
        }
        // The bytes `save` writes, for the map as open gives it (claims in file order).
        Benchmark("save argdown \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.loaded(n, .tree)
            benchmark.startMeasurement()
            let bytes = ArgdownPrinter.pieces(map)
            benchmark.stopMeasurement()
            blackHole(bytes)
        }
        Benchmark("load json \(label)", configuration: configuration(n)) { benchmark in
            let text = inputs.json(n)
            benchmark.startMeasurement()
            let map = try! ArgmapJSON.read(text)
            benchmark.stopMeasurement()
            blackHole(map)
        }
        Benchmark("load json full reader \(label)", configuration: configuration(n)) { benchmark in
            let text = inputs.json(n)
            benchmark.startMeasurement()
            let map = try! ArgmapJSON.read(text, fastPath: false)
            benchmark.stopMeasurement()
            blackHole(map)
        }
        Benchmark("save json \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.loaded(n, .tree)
            benchmark.startMeasurement()
            let bytes = ArgmapJSON.pieces(map)
            benchmark.stopMeasurement()
            blackHole(bytes)
        }
        Benchmark("evaluation graph \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.map(n)
            benchmark.startMeasurement()
            blackHole(EvaluationGraph(map))
        }
        // On a map with cycles the layout also finds the claims below every cycle, from which
        // the passes' search for components starts (`dfquad pass cyclic` and the others).
        Benchmark("evaluation graph cyclic \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.map(n, .cyclic)
            benchmark.startMeasurement()
            blackHole(EvaluationGraph(map))
        }
        for shape in [MapGenerator.Shape.tree, .dag] {
            for semantics in Semantics.allCases {
                Benchmark("\(semantics.rawValue) pass \(shape.rawValue) \(label)", configuration: configuration(n)) { benchmark in
                    let graph = EvaluationGraph(inputs.map(n, shape))
                    benchmark.startMeasurement()
                    blackHole(Evaluator.evaluate(graph, semantics))
                }
            }
        }
        // What `compare` works out beside the live scores: every other semantics at once.
        Benchmark("other semantics together \(label)", configuration: configuration(n)) { benchmark in
            let graph = EvaluationGraph(inputs.map(n, .tree))
            benchmark.startMeasurement()
            blackHole(Evaluator.evaluate(graph, Semantics.allCases.filter { $0 != .dfquad }))
        }
        for shape in [MapGenerator.Shape.tree, .dag] {
            Benchmark("dfquad pass \(shape.rawValue) from file \(label)", configuration: configuration(n)) { benchmark in
                let graph = EvaluationGraph(inputs.loaded(n, shape))
                benchmark.startMeasurement()
                blackHole(Evaluator.evaluate(graph, .dfquad))
            }
        }
        for semantics in [Semantics.dfquad, .qe, .hcat, .grounded] {
            Benchmark("\(semantics.rawValue) pass cyclic \(label)", configuration: configuration(n)) { benchmark in
                let graph = EvaluationGraph(inputs.map(n, .cyclic))
                benchmark.startMeasurement()
                blackHole(Evaluator.evaluate(graph, semantics))
            }
        }
        // What the first read under another semantics (`set semantics hcat`, `--semantics`)
        // works out on the cyclic map: the new scores on the live scores' layout of the map
        // (its graph, components and their order by depth).
        Benchmark("another semantics on the live layout cyclic \(label)", configuration: configuration(n)) { benchmark in
            let board = IncrementalEvaluator(inputs.map(n, .cyclic), semantics: .dfquad)
            benchmark.startMeasurement()
            blackHole(IncrementalEvaluator(board, semantics: .hcat))
        }
        // The first read under the grounded labelling (`set semantics grounded`, `why`) on the
        // cyclic map: its labels one component at a time, on the live scores' components.
        Benchmark("grounded on the live layout cyclic \(label)", configuration: configuration(n)) { benchmark in
            let board = IncrementalEvaluator(inputs.map(n, .cyclic), semantics: .dfquad)
            benchmark.startMeasurement()
            blackHole(IncrementalEvaluator(board, semantics: .grounded))
        }
        // What `compare` works out beside the live scores on the cyclic map: every other
        // semantics at once, on the live scores' layout.
        Benchmark("other semantics together cyclic \(label)", configuration: configuration(n)) { benchmark in
            let board = IncrementalEvaluator(inputs.map(n, .cyclic), semantics: .dfquad)
            benchmark.startMeasurement()
            blackHole(board.evaluations(Semantics.allCases.filter { $0 != .dfquad }))
        }
        // On the tree, the claims above the edit recomputed; on a cyclic map, the components the
        // edit reaches solved again, cycles from their bases.
        for shape in [MapGenerator.Shape.tree, .cyclic] {
            Benchmark("rescore after one edit \(shape == .tree ? "" : "cyclic ")\(label)", configuration: configuration(n)) { benchmark in
                let map = inputs.map(n, shape)
                let board = IncrementalEvaluator(map, semantics: .dfquad)
                let c = n - 1
                benchmark.startMeasurement()
                board.baseChanged(c, to: 0.9, map: map)
                benchmark.stopMeasurement()
                board.baseChanged(c, to: map.claims[c].base, map: map)
            }
        }
        // The same after an edit before it, as in a session: a large cycle's layout, kept from
        // the edit before, brought up to date rather than made again.
        Benchmark("rescore after another edit cyclic \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.map(n, .cyclic)
            let board = IncrementalEvaluator(map, semantics: .dfquad)
            let c = n - 1
            board.baseChanged(c, to: 0.8, map: map)
            benchmark.startMeasurement()
            board.baseChanged(c, to: 0.9, map: map)
            benchmark.stopMeasurement()
            board.baseChanged(c, to: map.claims[c].base, map: map)
        }
        // What `impact c5` does on the cyclic map, for its 100 nearest claims: each claim's
        // removal tried (its relations at weight 0, the cycles up to c5 solved again, from their
        // scores) and put back.
        Benchmark("impact trials cyclic \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.map(n, .cyclic)
            let board = IncrementalEvaluator(map, semantics: .dfquad)
            let target = map.index(of: "c5")!, beneath = map.claimsBeneath(target, atMost: 100).claims
            benchmark.startMeasurement()
            for c in beneath { blackHole(board.trial(removing: c, map: map, upTo: target) { board.scores[target] }) }
            benchmark.stopMeasurement()
        }
        // What `impact c0` does on the cyclic map: its 500 nearest claims each removed, and
        // their bases moved 0.1 down and up, up to c0, on both cores (the evaluator and a twin).
        // Under DF-QuAD, and under Euler, whose trials each reach the largest cycle (no claim's
        // supports and attacks saturate, as under DF-QuAD), each solved claim by claim.
        for (name, semantics) in [("impact", Semantics.dfquad), ("impact euler", .euler)] {
            Benchmark("\(name) cyclic \(label)", configuration: configuration(n)) { benchmark in
                let map = inputs.map(n, .cyclic)
                let board = IncrementalEvaluator(map, semantics: semantics)
                let target = map.index(of: "c0")!, beneath = map.claimsBeneath(target, atMost: 500).claims
                benchmark.startMeasurement()
                blackHole(board.impactTrials(beneath, on: target, map: map))
                benchmark.stopMeasurement()
            }
        }
        // A change of structure, as rm and add make it, and the live scores brought up to date
        // (the graph patched, the claims above the change recomputed; on the cyclic map, their
        // components found and solved again). The session's map shares its storage with the
        // inputs until its first change copies it; one change and its undo come first, as in a
        // session where the map has been edited before, then a base score's change and its undo
        // (on the cyclic map, the same change again after its undo would put back the scores
        // kept from before the undo, solving nothing: the undo and redo benchmark's case).
        for shape in [MapGenerator.Shape.tree, .cyclic] {
            let name = shape == .tree ? "" : "cyclic "
            Benchmark("rm a leaf and rescore \(name)\(label)", configuration: configuration(n)) { benchmark in
                let session = Session(map: inputs.map(n, shape))
                blackHole(session.currentEvaluation())
                let leaf = session.map.claims[session.map.claims.indices.last { session.map.incoming[$0].isEmpty }!].id
                try session.perform(.removeClaims([leaf]))
                _ = session.undo()
                try session.perform(.setValue(session.map.claims[n / 2].id, .base(0.9)))
                _ = session.undo()
                blackHole(session.currentEvaluation())
                benchmark.startMeasurement()
                try session.perform(.removeClaims([leaf]))
                blackHole(session.currentEvaluation())
                benchmark.stopMeasurement()
            }
            // On the generated map read back from its file, `rm c12` (a claim with the claims
            // that hang only from it: `rm` removes 11,595 on the cyclic map of a million claims,
            // scattered through it), then its `undo` and `redo`, each with the live scores
            // brought along (on the cyclic map, put back as they were before the change each
            // undoes).
            Benchmark("undo and redo a subtree's removal \(name)\(label)", configuration: configuration(n)) { benchmark in
                let session = Session(map: inputs.loaded(n, shape)), repl = quietREPL(session)
                blackHole(session.currentEvaluation())
                repl.execute("rm c12")
                precondition(repl.failures == 0)
                blackHole(session.currentEvaluation())
                benchmark.startMeasurement()
                repl.execute("undo")
                blackHole(session.currentEvaluation())
                repl.execute("redo")
                blackHole(session.currentEvaluation())
                benchmark.stopMeasurement()
            }
            Benchmark("add a claim and rescore \(name)\(label)", configuration: configuration(n)) { benchmark in
                let session = Session(map: inputs.map(n, shape))
                blackHole(session.currentEvaluation())
                let parent = session.map.claims[n / 2].id
                try session.perform(.batch([.addClaim(Claim(id: "new", text: "A new objection")),
                                            .link(RelationSpec(from: "new", to: parent, type: .attack))]))
                _ = session.undo()
                blackHole(session.currentEvaluation())
                benchmark.startMeasurement()
                try session.perform(.batch([.addClaim(Claim(id: "new", text: "A new objection")),
                                            .link(RelationSpec(from: "new", to: parent, type: .attack))]))
                blackHole(session.currentEvaluation())
                benchmark.stopMeasurement()
            }
        }
        Benchmark("completion candidates \(label)", configuration: configuration(n)) { benchmark in
            let session = Session(map: inputs.map(n))
            let completer = Completer(session: session, table: .standard)
            benchmark.startMeasurement()
            blackHole(completer.candidates(for: "cd c12"))
        }
        Benchmark("export dot \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.map(n)
            benchmark.startMeasurement()
            blackHole(DotExporter.write(map))
        }
        Benchmark("export html \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.map(n)
            benchmark.startMeasurement()
            blackHole(HTMLExporter.write(map))
        }
        // The id work every load, check and restore does: each id validated; each id looked up
        // (hashed, then its slot probed); the storage verified as `check --integrity` does. The
        // claims' ids are read in place, not the claims copied.
        Benchmark("validate ids \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.loaded(n, .tree)
            benchmark.startMeasurement()
            var valid = 0
            for c in map.claims.indices where (try? ArgumentMap.validate(id: map.claims[c].id)) != nil { valid += 1 }
            blackHole(valid)
        }
        Benchmark("find every id \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.loaded(n, .tree)
            benchmark.startMeasurement()
            var found = 0
            for c in map.claims.indices where map.index(of: map.claims[c].id) == c { found += 1 }
            blackHole(found)
        }
        Benchmark("integrity check \(label)", configuration: configuration(n)) { benchmark in
            let map = inputs.loaded(n, .tree)
            benchmark.startMeasurement()
            blackHole(map.invariantViolations())
        }
        // The debate reports, on the map as `open` gives it: what `drops` and `flow` work out
        // before their first line, and the commands whole (folded, printed to a buffer).
        // On the generated tree and DAG ("dag" in the name): on a DAG, where claims answer
        // several others, the round is worked out in sweeps, with the relations' ends packed.
        for shape in [MapGenerator.Shape.tree, .dag] {
            let name = shape == .tree ? label : "dag \(label)"
            Benchmark("sides and speeches \(name)", configuration: configuration(n)) { benchmark in
                let map = inputs.loaded(n, shape)
                benchmark.startMeasurement()
                blackHole(Round(map))
            }
            Benchmark("drops found \(name)", configuration: configuration(n)) { benchmark in
                let map = inputs.loaded(n, shape)
                let round = Round(map)
                benchmark.startMeasurement()
                blackHole(Drops.find(in: map, round: round))
            }
            Benchmark("first sheets \(name)", configuration: configuration(n)) { benchmark in
                let map = inputs.loaded(n, shape)
                let round = Round(map)
                benchmark.startMeasurement()
                blackHole(Flow.firstSheets(map, positions: Flow.positions(map), round: round))
            }
        }
        // `flow` after `add` on the DAG: the round followed through the edit, not worked out
        // again (the scores, which `add` prints, and the flow before it, which works the round
        // out, come before the measurement).
        Benchmark("add a claim and flow dag \(label)", configuration: configuration(n)) { benchmark in
            let session = Session(map: inputs.loaded(n, .dag))
            let repl = quietREPL(session)
            blackHole(session.currentEvaluation())
            // The map is shared with the inputs' cache: its first change copies it. Made and
            // undone here, outside the measurement.
            repl.execute("add con A warm-up --to c3 --id warm")
            repl.execute("undo")
            repl.execute("flow")
            benchmark.startMeasurement()
            repl.execute("add con A new objection --to c3 --id new")
            repl.execute("flow")
            benchmark.stopMeasurement()
        }
        // `undo` of a change of a base score on the generated cyclic map read back from its
        // file: the scores from before it put back, not solved again (the change, which
        // solves again the cycles it reaches, comes before the measurement).
        Benchmark("undo a base change cyclic \(label)", configuration: configuration(n)) { benchmark in
            let session = Session(map: inputs.loaded(n, .cyclic))
            let repl = quietREPL(session)
            blackHole(session.currentEvaluation())
            repl.execute("set c5 base 0.3")
            benchmark.startMeasurement()
            repl.execute("undo")
            benchmark.stopMeasurement()
        }
        for command in ["drops", "flow"] {
            for shape in [MapGenerator.Shape.tree, .dag] {
                let name = shape == .tree ? label : "dag \(label)"
                Benchmark("\(command) command \(name)", configuration: configuration(n)) { benchmark in
                    let repl = quietREPL(Session(map: inputs.loaded(n, shape)))
                    benchmark.startMeasurement()
                    repl.execute(command)
                }
            }
        }
    }
    for command in ["tree", "ls"] {
        Benchmark("\(command) of 1,000 children", configuration: configuration(1000)) { benchmark in
            let session = Session(map: inputs.wide)
            session.setFocus(0)
            _ = session.currentEvaluation()
            let repl = quietREPL(session)
            benchmark.startMeasurement()
            repl.execute(command == "tree" ? "tree --all" : "ls")
        }
    }
}
