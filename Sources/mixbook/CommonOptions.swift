import ArgumentParser
import Foundation
import Notebook

/// Options shared by render, check and watch.
struct SiteOptions: ParsableArguments {
    @Argument(help: "Notebooks to render (default: every notebooks/*.md).")
    var paths: [String] = []

    @Option(name: .long, help: "The output folder of the site.")
    var out: String = "output"

    @Option(name: .customShort("P"), help: ArgumentHelp("Override a front-matter parameter: -P name=value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(name: .long, help: "A folder with page.mustache, index.mustache, style.css and mixbook.js to use instead of Templates/.")
    var template: String?

    @Option(name: .long, help: "The cache folder.")
    var cacheDir: String = ".mixbook-cache"

    @Flag(name: .long, help: "Print nothing while rendering (no line per notebook, no progress line, no summary).")
    var quiet = false

    @Flag(name: .long, help: "Show a failing program's whole standard error, its stack trace included.")
    var verbose = false

    /// The notebooks to work on: the given paths, or notebooks/*.md.
    func notebookPaths() throws -> [String] {
        if !paths.isEmpty {
            for p in paths where !FileManager.default.fileExists(atPath: p) {
                throw ValidationError("no such notebook: \(p)")
            }
            return paths
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "notebooks")) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        guard !names.isEmpty else { throw ValidationError("no notebooks given and none in notebooks/*.md (run `mixbook new NAME` to start one)") }
        return names.map { "notebooks/" + $0 }
    }

    func overrides() throws -> [String: String] {
        var result: [String: String] = [:]
        for p in parameters {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                throw ValidationError("-P takes name=value, not '\(p)'")
            }
            result[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        return result
    }

    func renderOptions(force: Bool, output: String? = nil) throws -> RenderOptions {
        var options = RenderOptions()
        options.outputDirectory = output ?? out
        options.cacheDirectory = cacheDir
        options.force = force
        options.overrides = try overrides()
        options.templateDirectory = template
        options.progress = quiet ? .quiet : (isatty(2) != 0 ? .live : .lines)
        options.verbose = verbose
        return options
    }
}

/// Prints failures on stderr, then (unless `quiet`) a summary line; returns true when
/// every notebook succeeded.
func report(_ outcomes: [NotebookOutcome], seconds: Double, quiet: Bool) -> Bool {
    for outcome in outcomes {
        if case .failed(let error) = outcome.status {
            FileHandle.standardError.write(Data("\n\(error)\n".utf8))
        }
    }
    let failed = outcomes.filter(\.failed).count
    let cached = outcomes.filter { if case .cached = $0.status { return true } else { return false } }.count
    if !quiet {
        let run = outcomes.count - failed - cached
        let noun = outcomes.count == 1 ? "notebook" : "notebooks"
        var line = "mixbook: \(outcomes.count) \(noun) in \(String(format: "%.2f", seconds)) s: \(run) compiled and run, \(cached) cached, \(failed) failed"
        if failed > 0 { line += "; a failed notebook's previous report was left as it was" }
        FileHandle.standardError.write(Data(((failed > 0 ? "\n" : "") + line + "\n").utf8))
    } else if failed > 0 {
        FileHandle.standardError.write(Data("mixbook: \(failed) of \(outcomes.count) notebook(s) failed; their previous output was left as it was\n".utf8))
    }
    return failed == 0
}

/// Runs `body`, turning a NotebookError into a message and exit status 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let error as NotebookError {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitCode.failure
    }
}
