import ArgMapModel
import ArgMapFormats

/// Reading maps from files and writing them, shared by open, import, save and export.
extension Commands {
    /// Reads a map from a file in the given format (or the detected one).
    static func readMap(path: String, format name: Word?, word: Word) throws(CommandError) -> (ImportResult, FileFormat) {
        // A file in argmap's own layout (or an AIF file) is read from its bytes as the system
        // maps them.
        let named = name.flatMap { FormatRegistry.named($0.text) }
        if name == nil || named != nil, let fast = FileIO.withMappedBytes(path, { FormatRegistry.readFast(path: path, bytes: $0, release: $1, format: named) }), let fast {
            return (fast.result, fast.format)
        }
        let text: String
        do { text = try FileIO.readText(path) } catch { throw CommandError("\(error)", at: word) }
        let format: FileFormat
        if let name {
            guard let f = FormatRegistry.named(name.text) else {
                throw CommandError("unknown format '\(name.text)'", at: name, hint: "formats lists them")
            }
            format = f
        } else {
            guard let f = FormatRegistry.detect(path: path, text: text) else {
                throw CommandError("cannot tell the format of \(path)", at: word, hint: "name it with --from FORMAT; formats lists them")
            }
            format = f
        }
        guard let read = format.read else { throw CommandError("argmap cannot read \(format.name) files", at: name ?? word) }
        do {
            return (try read(text, path), format)
        } catch {
            throw CommandError("\(error)", at: nil)
        }
    }

    /// Refuses to throw away unsaved changes unless the command ends in ! or the user agrees.
    static func guardUnsaved(_ inv: Invocation, doing what: String) throws(CommandError) {
        guard inv.session.isDirty, !inv.commandWord.text.hasSuffix("!") else { return }
        if inv.interactive, inv.editor.confirm("\(inv.session.name) has unsaved changes. Discard them and \(what)?") { return }
        throw CommandError("\(inv.session.name) has unsaved changes", at: inv.commandWord,
                           hint: "save them first, or use \(inv.command.name)! to discard them")
    }

    static let open = Command(
        name: "open", aliases: ["open!"], group: .files,
        usage: "open FILE",
        summary: "open an argument file (or argmap JSON) in place of the current map",
        discussion: "With unsaved changes, open asks on a terminal and refuses in a script; open! discards them. A file that does not exist yet opens as an empty map that save will create.",
        examples: ["open Arguments/pivot-to-asia.argdown"],
        arguments: [.file], minArguments: 1, maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            try Commands.guardUnsaved(inv, doing: "open \(args[0].text)")
            let path = args[0].text
            if !FileIO.exists(path) {
                inv.session.load(ArgumentMap(), file: path, format: FormatRegistry.byExtension(path) ?? FormatRegistry.named("argdown"))
                inv.console.print("\(path): a new file (save creates it)")
                return
            }
            let (result, format) = try Commands.readMap(path: path, format: nil, word: args[0])
            inv.session.load(result.map, file: path, format: format.write == nil ? FormatRegistry.named("argdown") : format)
            for note in result.notes { inv.console.error(note) }
            inv.console.print("opened \(path): " + Commands.counts(result.map))
        })

    static let new = Command(
        name: "new", aliases: ["new!"], group: .files,
        usage: "new [FILE]",
        summary: "start an empty map (save writes it to FILE)",
        arguments: [.file], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            try Commands.guardUnsaved(inv, doing: "start a new map")
            let path = args.first?.text
            inv.session.load(ArgumentMap(), file: nil, format: nil)
            if let path { inv.session.file = path; inv.session.fileFormat = FormatRegistry.byExtension(path) ?? FormatRegistry.named("argdown") }
        })

    static let save = Command(
        name: "save", aliases: ["w", "write", "save!"], group: .files,
        usage: "save [FILE] | save!",
        summary: "save the map (atomically: the old file or the new, never half of one)",
        discussion: "Without FILE, saves to the file the map came from. The format follows FILE's extension: .argdown (the default) or .json. Scores are never written into the file. The previous version is kept as FILE~ (set backup off to stop that). If the file was changed by something else since argmap read it, save asks first on a terminal and refuses in a script; save! overwrites it.",
        examples: ["save", "save my-map.argdown"],
        arguments: [.file], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            guard let path = args.first?.text ?? s.file else {
                throw CommandError("this map has no file yet", at: inv.commandWord, hint: "save FILE")
            }
            let format = args.first.map { FormatRegistry.byExtension($0.text) ?? FormatRegistry.named("argdown")! } ?? s.fileFormat ?? FormatRegistry.named("argdown")!
            guard let write = format.write, format.canSave else {
                throw CommandError("save writes argument files (.argdown) or argmap JSON (.json); use export \(format.name) for this", at: args.first)
            }
            let output: ExportOutput
            do { output = try write(s.map, ExportOptions()) } catch { throw CommandError("\(error)", at: args.first) }
            if path == s.file, let stamp = s.fileStamp, let now = FileIO.stamp(path), now != stamp, !inv.commandWord.text.hasSuffix("!") {
                let question = "\(path) was changed by something else since argmap read it. Overwrite it?"
                if !(inv.interactive && inv.editor.confirm(question)) {
                    throw CommandError("\(path) was changed by something else since argmap read it", at: inv.commandWord,
                                       hint: "save! overwrites it; save OTHERFILE keeps both")
                }
            }
            do { try FileIO.writeAtomically(output, to: path, backup: s.settings.backup) } catch {
                throw CommandError("\(error); the map is still here, unsaved", at: args.first, hint: "save to another place with save FILE")
            }
            s.markSaved(file: path, format: format)
            inv.console.print("saved \(path)")
        })

    static let importFile = Command(
        name: "import", group: .files,
        usage: "import FILE [--from FORMAT]",
        summary: "read a map from another format in place of the current one (undo brings it back)",
        discussion: "The format is detected from the content first, then the extension; --from names it. The imported map has no file: save FILE writes it.",
        examples: ["import debate.json", "import notes.txt --from json"],
        arguments: [.file], options: [OptionSpec("from", .format, "the file's format")],
        minArguments: 1, maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let (result, format) = try Commands.readMap(path: args[0].text, format: options["from"] ?? nil, word: args[0])
            inv.session.replaceMap(result.map, summary: "import \(args[0].text)")
            for note in result.notes { inv.console.print(note) }
            inv.console.print("imported \(args[0].text) (\(format.name)): " + Commands.counts(result.map))
        })

    static let export = Command(
        name: "export", group: .files,
        usage: "export FORMAT [FILE]",
        summary: "write the map in another format, to FILE or to the screen",
        discussion: "The map and its file are unchanged. A FILE of - is the screen (standard output), as for most Unix tools. formats lists what each format can do.",
        examples: ["export json", "export json pivot.json", "export json -"],
        arguments: [.format, .file], minArguments: 1, maxArguments: 2,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            guard let format = FormatRegistry.named(args[0].text) else {
                throw CommandError("unknown format '\(args[0].text)'", at: args[0],
                                   hint: CommandTable.nearest(to: args[0].text, in: FormatRegistry.all.map(\.name)).map { "did you mean '\($0)'?" } ?? "formats: \(FormatRegistry.all.map(\.name).joined(separator: ", "))")
            }
            guard let write = format.write else { throw CommandError("argmap cannot write \(format.name)", at: args[0]) }
            let output: ExportOutput
            do { output = try write(inv.session.map, format.showsScores ? Commands.exportOptions(inv.session) : ExportOptions()) } catch { throw CommandError("\(error)", at: args[0]) }
            if args.count > 1, args[1].text != "-" {
                do { try FileIO.writeAtomically(output, to: args[1].text) } catch { throw CommandError("\(error)", at: args[1]) }
                inv.console.print("exported \(args[1].text)")
            } else {
                switch output {
                case .text(let text): inv.console.write(text.hasSuffix("\n") ? text : text + "\n")
                case .stream:
                    let text = String(decoding: output.bytes, as: UTF8.self)
                    inv.console.write(text.hasSuffix("\n") ? text : text + "\n")
                case .bytes(let bytes):
                    guard !inv.interactive else { throw CommandError("\(format.name) is binary; give a FILE to write it to", at: args[0], hint: "export \(format.name) map.\(format.extensions[0])") }
                    inv.console.write(String(decoding: bytes, as: UTF8.self))
                }
            }
        })

}

extension Commands {
    /// "3 claims, 1 relation".
    static func counts(_ map: ArgumentMap) -> String {
        "\(map.count) claim\(map.count == 1 ? "" : "s"), \(map.relations.count) relation\(map.relations.count == 1 ? "" : "s")"
    }
}

extension Commands {
    /// Scores for exporters that show them: the session's semantics, when it converged. Only
    /// computed for formats that show scores (a full evaluation of a large map is not free).
    static func exportOptions(_ s: Session) -> ExportOptions {
        let e = s.currentEvaluation()
        if let labels = e.labels { return ExportOptions(labels: labels.map(\.rawValue), semantics: e.semantics.rawValue) }
        guard e.converged else { return ExportOptions() }
        return ExportOptions(scores: e.scores, semantics: e.semantics.rawValue)
    }

    static let formats = Command(
        name: "formats", group: .files,
        usage: "formats",
        summary: "list the file formats and what argmap can do with each",
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            var lines = ["format    extensions      can      what"]
            for f in FormatRegistry.all {
                let exts = f.extensions.map { "." + $0 }.joined(separator: " ")
                lines.append(TextLayout.block(f.name.padding(to: 10) + exts.padding(to: 16) + String(f.abilities.filter { $0 != " " }).padding(to: 9), f.summary, width: inv.console.width, hanging: 35))
            }
            inv.console.print(lines.joined(separator: "\n"))
        })
}
