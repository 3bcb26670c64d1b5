import ArgMapModel

extension Commands {
    static let link = Command(
        name: "link", group: .editing,
        usage: "link ID pro|con|undercut PARENT [--weight W]",
        summary: "make a claim answer another parent too (a second parent)",
        discussion: "The same claim may support one parent and attack another. Cycles are allowed.",
        examples: ["link sanctions con pivot-succeeding", "link 1.2.1 pro 1.3 --weight 0.5"],
        arguments: [.claim, .keyword(["pro", "con", "undercut"]), .claim],
        options: [OptionSpec("weight", .number, "the relation's weight, 0 to 1 (default 1)")],
        minArguments: 3, maxArguments: 3,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let c = try s.resolveClaim(args[0])
            let type = try Commands.relationType(args[1])
            let p = try s.resolveClaim(args[2])
            var weight = Relation.defaultWeight
            if let w = options["weight"] ?? nil { weight = try inv.number(w, name: "weight") }
            try inv.perform(.link(RelationSpec(from: s.map.claims[c].id, to: s.map.claims[p].id, type: type, weight: weight)), about: args[2])
        })

    static func relationType(_ w: Word) throws(CommandError) -> RelationType {
        switch w.text {
        case "pro", "support", "+": return .support
        case "con", "attack", "-": return .attack
        case "undercut", "_": return .undercut
        default:
            throw CommandError("'\(w.text)' is not pro, con or undercut", at: w,
                               hint: CommandTable.nearest(to: w.text, in: ["pro", "con", "undercut"]).map { "did you mean '\($0)'?" })
        }
    }

    static let unlink = Command(
        name: "unlink", group: .editing,
        usage: "unlink ID [PARENT]",
        summary: "remove a claim's relation to a parent (the claim stays)",
        discussion: "Without PARENT, the parent on the focus path or the only parent. A claim left answering nothing becomes a thesis.",
        examples: ["unlink sanctions pivot-succeeding"],
        arguments: [.claim, .claim], minArguments: 1, maxArguments: 2,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            let c = try s.resolveClaim(args[0])
            let p = try Commands.parentFor(inv, claim: c, option: args.count > 1 ? args[1] : nil, naming: "unlink \(args[0].text) PARENT", word: args[0])
            try inv.perform(.unlink(from: s.map.claims[c].id, to: s.map.claims[p].id), about: args[0])
        })

    static let mv = Command(
        name: "mv", aliases: ["move"], group: .editing,
        usage: "mv ID NEWPARENT [--from PARENT]",
        summary: "move a claim (with everything under it) to answer another claim",
        discussion: "The relation keeps its type and weight. Without --from, it moves the relation to the parent on the focus path, or to the only parent.",
        examples: ["mv 1.2.3 1.4"],
        arguments: [.claim, .claim], options: [OptionSpec("from", .claim, "the parent to move away from")],
        minArguments: 2, maxArguments: 2,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let c = try s.resolveClaim(args[0])
            let old = try Commands.parentFor(inv, claim: c, option: options["from"] ?? nil, naming: "--from PARENT", word: args[0])
            let new = try s.resolveClaim(args[1])
            try inv.perform(.move(s.map.claims[c].id, from: s.map.claims[old].id, to: s.map.claims[new].id), about: args[1])
        })

    static let rename = Command(
        name: "rename", group: .editing,
        usage: "rename ID NEWID",
        summary: "change a claim's id (its relations follow)",
        examples: ["rename untitled-3 port-of-magadan"],
        arguments: [.claim, .text], minArguments: 2, maxArguments: 2,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            let c = try s.resolveClaim(args[0])
            let old = s.map.claims[c].id
            // (The focus path follows: see Session.repairFocus(after:).)
            try inv.perform(.rename(old, to: args[1].text), about: args[1])
        })
}
