import Foundation
import XCTest
@testable import Notebook

/// The release `mixbook` binary and the package root, for the tests that run the command
/// line as a user does. `make test` builds the release products before the tests, so a
/// missing build is a test failure (a thrown error), never a skip.
struct ReleaseCommandLine {
    /// The package root (holds Package.swift and notebooks/).
    let root: String
    /// The release build directory (holds `mixbook` and `libMixbook.so`).
    let toolchain: Toolchain

    struct NotBuilt: Error, CustomStringConvertible {
        let reason: String
        var description: String { "these tests need the release build (swift build -c release --product mixbook "
            + "and --product Mixbook; make test does both): \(reason)" }
    }

    /// Finds the release build from the package root above `file` (never from MIXBOOK_ROOT).
    init(file: String = #filePath) throws {
        do {
            toolchain = try Toolchain.locate(environment: ProcessInfo.processInfo.environment.filter { $0.key != "MIXBOOK_ROOT" },
                                             start: file)
        } catch {
            throw NotBuilt(reason: "\(error)")
        }
        root = toolchain.root
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw NotBuilt(reason: "\(binary) is missing") }
    }

    var binary: String { toolchain.buildDirectory + "/mixbook" }

    /// A file of notebooks/data, e.g. `data("faithful.csv")`.
    func data(_ name: String) -> String { root + "/notebooks/data/" + name }

    /// Runs the binary with `arguments` and no standard input; exit status, stdout and stderr.
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
