import ArgumentParser
import Foundation
import Notebook

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail (exit 1), listing what is stale, when the output folder does not match a fresh render.")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Ignore the cache for the fresh render.")
    var force = false

    func run() throws {
        try runReportingErrors {
            let fresh = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                                    appropriateFor: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), create: true).path
            defer { try? FileManager.default.removeItem(atPath: fresh) }
            let renderer = SiteRenderer(toolchain: try Toolchain.locate(), options: try site.renderOptions(force: force, output: fresh))
            let start = Date()
            let outcomes = try renderer.render(try site.notebookPaths())
            guard report(outcomes, seconds: Date().timeIntervalSince(start), quiet: site.quiet) else { throw ExitCode.failure }
            let differences = SiteComparison.compare(expected: fresh, actual: site.out)
            if differences.isEmpty {
                print("\(site.out)/ is up to date (\(outcomes.count) notebook(s))")
                return
            }
            for d in differences { print(d) }
            print("\(site.out)/ is stale: \(differences.count) file(s) differ from a fresh render; run `mixbook render` (or `make`) and commit \(site.out)/")
            throw ExitCode.failure
        }
    }
}

/// Byte comparison of two site folders.
enum SiteComparison {
    static func files(under root: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue,
               !(p as NSString).lastPathComponent.hasPrefix(".") {
                result.append(p)
            }
        }
        return result.sorted()
    }

    /// Lines "stale: X", "missing: X", "extra: X" (paths inside `actual`).
    static func compare(expected: String, actual: String) -> [String] {
        let want = Set(files(under: expected)), have = Set(files(under: actual))
        var out: [String] = []
        for f in want.sorted() {
            if !have.contains(f) { out.append("missing: \(actual)/\(f)") }
            else if FileManager.default.contents(atPath: expected + "/" + f) != FileManager.default.contents(atPath: actual + "/" + f) {
                out.append("stale:   \(actual)/\(f)")
            }
        }
        for f in have.subtracting(want).sorted() { out.append("extra:   \(actual)/\(f)") }
        return out
    }
}
