// swift-tools-version: 6.1
import PackageDescription

// Targets are listed by layer: the model at the bottom, semantics and formats on it,
// the REPL above them, and the executable on top. Layers only point down.
let package = Package(
    name: "argmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "argmap", targets: ["argmap"]),
        .library(name: "ArgMapModel", targets: ["ArgMapModel"]),
        .library(name: "ArgMapSemantics", targets: ["ArgMapSemantics"]),
        .library(name: "ArgMapDebate", targets: ["ArgMapDebate"]),
        .library(name: "ArgMapFormats", targets: ["ArgMapFormats"]),
        .library(name: "ArgMapREPL", targets: ["ArgMapREPL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // A prefetch hint for passes that read memory at random, which Swift cannot express.
        .target(name: "CPrefetch"),
        // The argument graph: claims, relations, edits, diagnostics.
        .target(name: "ArgMapModel", dependencies: ["CPrefetch"]),
        // Evaluation semantics (gradual and labelling) over the graph.
        .target(name: "ArgMapSemantics", dependencies: ["ArgMapModel", "CPrefetch"]),
        // Policy debate: sides, speeches, the flow, drops, impacts, templates, checks.
        .target(name: "ArgMapDebate", dependencies: ["ArgMapModel", "ArgMapSemantics", "CPrefetch"]),
        // Argdown argument files and interchange formats (the flow exports among them).
        .target(name: "ArgMapFormats", dependencies: ["ArgMapModel", "ArgMapDebate"]),
        // Fixed-arity C wrappers around libedit's variadic API.
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        // Commands, session, tokenizer and line editing.
        .target(
            name: "ArgMapREPL",
            dependencies: ["ArgMapModel", "ArgMapSemantics", "ArgMapDebate", "ArgMapFormats", "CEditLine", "CPrefetch"]
        ),
        .executableTarget(
            name: "argmap",
            dependencies: [
                "ArgMapREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ArgMapModelTests", dependencies: ["ArgMapModel"]),
        // The tests read their fixtures and transcripts from the repository, by path.
        .testTarget(name: "ArgMapSemanticsTests", dependencies: ["ArgMapSemantics", "ArgMapFormats"], exclude: ["Fixtures"]),
        .testTarget(name: "ArgMapDebateTests", dependencies: ["ArgMapDebate", "ArgMapFormats"]),
        .testTarget(name: "ArgMapFormatsTests", dependencies: ["ArgMapFormats"], exclude: ["Fixtures"]),
        .testTarget(name: "ArgMapREPLTests", dependencies: ["ArgMapREPL"], exclude: ["Transcripts"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ArgMapFormats"]),
    ]
)
