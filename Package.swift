// swift-tools-version:6.0
import Foundation
import PackageDescription

// `make` (MIXBOOK_NATIVE_CPU=1, set by the Makefile and the benchmarks) compiles the
// numerics (LinearAlgebra, Mixtures) for Haswell's instruction set when the machine that
// builds them has every feature LLVM's "haswell" enables (AVX2, FMA, BMI1/2, F16C, LZCNT,
// MOVBE, …): Swift's SIMD4<Double> is then one 256-bit register instead of two 128-bit
// halves, and the small-model E-steps run about 1.5× faster. `make` builds Mixbook where it
// runs, like `-march=native` in C; a plain `swift build` (or a cross-compile, or a binary
// meant for another machine) stays baseline x86-64. The results are the same bits either
// way, since Swift never fuses a·b + c into an FMA or reorders sums on its own (checked:
// every page renders byte-identical with both builds).
let haswellFeatures = ["pni", "ssse3", "sse4_1", "sse4_2", "popcnt", "cx16", "lahf_lm", "pclmulqdq", "avx", "xsave",
                       "xsaveopt", "fsgsbase", "rdrand", "f16c", "avx2", "bmi1", "bmi2", "fma", "abm", "movbe", "invpcid"]
let buildsForHaswell: Bool = {
    #if os(Linux) && arch(x86_64)
    guard ProcessInfo.processInfo.environment["MIXBOOK_NATIVE_CPU"] == "1",
          let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    let flags = Set(line.split(separator: " ").map(String.init))
    return haswellFeatures.allSatisfy(flags.contains)
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
