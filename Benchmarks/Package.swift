// swift-tools-version: 6.1
import PackageDescription
import class Foundation.ProcessInfo
import struct Foundation.URL

// argmap's benchmarks, a package of their own so that benchmark dependencies never reach
// users. It depends on the main package one folder up, whose identity is that folder's name.
let argmap = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "argmap-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ArgmapBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ArgMapModel", package: argmap),
                .product(name: "ArgMapSemantics", package: argmap),
                .product(name: "ArgMapDebate", package: argmap),
                .product(name: "ArgMapFormats", package: argmap),
                .product(name: "ArgMapREPL", package: argmap),
            ],
            path: "Benchmarks/ArgmapBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
