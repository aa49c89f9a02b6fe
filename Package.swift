// swift-tools-version:6.0
import Foundation
import PackageDescription

// The numerics (LinearAlgebra, Mixtures) are compiled for the instruction set of the machine
// that builds them when it has Haswell's (AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE; every x86-64
// server since 2013): Swift's SIMD4<Double> is then one 256-bit register instead of two
// 128-bit halves, and the small-model E-steps run about 1.5× faster. Mixbook is built where it
// runs (`make`), so this is a property of the build machine, like `-march=native` in C; the
// results do not change, since Swift never fuses a·b + c into an FMA or reorders sums unless
// told to (`make check` compares the pages byte for byte). MIXBOOK_BASELINE_CPU=1 builds for
// baseline x86-64 instead.
let haswellFlags = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "abm", "movbe", "popcnt", "sse4_2"]
let buildsForHaswell: Bool = {
    #if os(Linux) && arch(x86_64)
    guard ProcessInfo.processInfo.environment["MIXBOOK_BASELINE_CPU"] == nil,
          let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    let flags = Set(line.split(separator: " ").map(String.init))
    return haswellFlags.allSatisfy(flags.contains)
    #else
    return false
    #endif
}()
let numericsSettings: [SwiftSetting] = buildsForHaswell ? [.unsafeFlags(["-target-cpu", "haswell"])] : []

// Mixbook: a literate notebook runner and report generator for mixture models.
// See DESIGN.md for the data flow and what each target may import.
let package = Package(
    name: "Mixbook",
    products: [
        .executable(name: "mixbook", targets: ["MixbookCLI"]),
        // The one module a notebook program imports. Dynamic, so that the runner can
        // compile a notebook against it in a fraction of a second and link nothing big.
        .library(name: "Mixbook", type: .dynamic, targets: ["Mixbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // Seeded random generators for the property tests of the notebook parser.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, liblapacke-dev, libcairo2-dev, libcmark-gfm-*-dev).
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo"),
        .systemLibrary(name: "CCmark", path: "Sources/CCmark"),

        // Numerics and models.
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"], swiftSettings: numericsSettings),
        .target(name: "Mixtures", dependencies: ["LinearAlgebra"], swiftSettings: numericsSettings),

        // Figures.
        .target(name: "Plotting", dependencies: ["CCairo"]),
        .target(name: "MixturePlots", dependencies: ["Mixtures", "Plotting"]),

        // HTML and JSON string escaping, shared by the runner, the runtime and the CLI.
        .target(name: "TextEscaping"),

        // The event lines between a notebook program and the runner: one type both sides use.
        .target(name: "NotebookEvents"),

        // What a notebook program links: show(figure), show(table), cell markers, events.
        .target(name: "NotebookRuntime", dependencies: ["Plotting", "TextEscaping", "NotebookEvents"]),
        // The umbrella a notebook imports: re-exports everything above.
        .target(name: "Mixbook", dependencies: ["LinearAlgebra", "Mixtures", "Plotting", "MixturePlots", "NotebookRuntime"]),

        // The runner: parse, build program, compile, execute, weave, render, cache.
        .target(name: "Notebook", dependencies: [
            "CCmark", "TextEscaping", "NotebookEvents",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),

        // The command line.
        .executableTarget(name: "MixbookCLI", dependencies: [
            "Notebook", "Mixtures", "TextEscaping",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/mixbook"),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "MixturesTests", dependencies: ["Mixtures"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "MixturePlots"], resources: [.copy("References")]),
        .testTarget(name: "NotebookTests", dependencies: [
            "Notebook", "NotebookRuntime", "NotebookEvents", "TextEscaping",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
    ]
)
