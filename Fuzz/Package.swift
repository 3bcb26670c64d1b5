// swift-tools-version: 6.1
import PackageDescription
import struct Foundation.URL

// argmap's libFuzzer targets, a package of their own so that fuzzing builds never touch the
// product's. Each target is one executable whose `LLVMFuzzerTestOneInput` feeds its input to
// one reader and checks what the reader promises. `Fuzz/run NAME SECONDS` builds and runs one.
let argmap = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

func fuzzer(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: argmap) },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "argmap-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "ArgMapModel", package: argmap), .product(name: "ArgMapFormats", package: argmap)],
            path: "Sources/FuzzSupport"
        ),
        fuzzer("fuzz-argdown", ["ArgMapFormats"]),
        fuzzer("fuzz-json", ["ArgMapFormats"]),
        fuzzer("fuzz-kialo", ["ArgMapFormats", "ArgMapModel"]),
        fuzzer("fuzz-aif", ["ArgMapFormats", "ArgMapModel"]),
        fuzzer("fuzz-argdown-json", ["ArgMapFormats", "ArgMapModel"]),
        fuzzer("fuzz-tokenizer", ["ArgMapREPL"]),
    ]
)
