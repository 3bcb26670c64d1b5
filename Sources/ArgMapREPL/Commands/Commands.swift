/// Every command of the REPL, in the order `help` lists them within their groups. Each
/// command's record lives in its own file in this folder.
public enum Commands {
    public static let all: [Command] = [
        // Navigating and reading
        ls, cd, up, top, tree, show, find,
        // Editing
        add, edit, set, link, unlink, mv, rm, rename, undo, redo, log,
        // Scoring
        score, why, impact, whatif, compare, verdict,
        // Debate
        flow, drops, impacts, weigh, template, toulmin, rate,
        // Files and formats
        open, save, new, importFile, export, formats, check, generate,
        // Session
        help, timer, quit,
    ]
}

extension Commands {
    /// How many entries of a long list `show`, `why` and `toulmin` list before counting the
    /// rest (their `--all` lists every one).
    static let listedFirst = 20
}
