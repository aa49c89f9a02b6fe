import Foundation

/// Settings of one `mixbook render`.
public struct RenderOptions: Sendable {
    /// Where the site goes (`output`).
    public var outputDirectory = "output"
    /// Where the freeze cache lives (`.mixbook-cache`, git-ignored).
    public var cacheDirectory = ".mixbook-cache"
    /// Ignore the cache: compile and run every notebook.
    public var force = false
    /// `-P name=value` overrides.
    public var overrides: [String: String] = [:]
    /// Templates folder; nil means ROOT/Templates.
    public var templateDirectory: String?
    /// Print a progress line per notebook on stderr.
    public var progress = false

    public init() {}
}

/// How one notebook went.
public struct NotebookOutcome: Sendable {
    public enum Status: Sendable { case rendered, cached, failed(NotebookError) }
    public var path: String
    public var status: Status
    public var seconds: Double
    public var failed: Bool { if case .failed = status { return true } else { return false } }
}

/// The whole pipeline: parse → program → compile → run (or cache) → weave → HTML → write.
public struct SiteRenderer: Sendable {
    public var toolchain: Toolchain
    public var options: RenderOptions

    public init(toolchain: Toolchain, options: RenderOptions) {
        self.toolchain = toolchain
        self.options = options
    }

    /// Renders `paths` (notebooks as the user named them) in parallel and writes the
    /// site. A failing notebook leaves its previous output untouched and does not stop
    /// the others; the index is rewritten only when every notebook succeeded.
    public func render(_ paths: [String]) throws -> [NotebookOutcome] {
        let templates = try PageTemplates(directory: options.templateDirectory ?? toolchain.root + "/Templates")
        let cache = Cache(directory: options.cacheDirectory)
        let compilerVersion = try toolchain.compilerVersion(memoDirectory: options.cacheDirectory)
        let libraryHash = try cache.libraryHash(toolchain.library)
        let writer = SiteWriter(outputDirectory: options.outputDirectory)
        let unknown = try checkOverrides(paths)
        if !unknown.isEmpty {
            throw NotebookError.invalidParameter(file: paths.joined(separator: ", "), message: "no notebook declares the parameter(s) \(unknown.sorted().joined(separator: ", ")) given with -P")
        }

        let site = SiteIndex.collect(around: paths)
        let lock = NSLock()
        let progress = options.progress
        let total = paths.count
        let results = UnsafeMutableOutcomes(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            let start = Date()
            let path = paths[k]
            let status: NotebookOutcome.Status
            do {
                let (rendered, cached) = try renderOne(path, site: site, templates: templates, cache: cache,
                                                        compilerVersion: compilerVersion, libraryHash: libraryHash)
                try writer.write(rendered)
                status = cached ? .cached : .rendered
            } catch let error as NotebookError {
                status = .failed(error)
            } catch {
                status = .failed(.output(path: path, reason: "\(error)"))
            }
            let outcome = NotebookOutcome(path: SiteIndex.displayPath(path), status: status, seconds: Date().timeIntervalSince(start))
            lock.lock()
            let done = results.set(k, outcome)
            if progress {
                let word: String
                switch status { case .rendered: word = "rendered"; case .cached: word = "rendered (cells unchanged: run taken from the cache)"; case .failed: word = "FAILED" }
                FileHandle.standardError.write(Data("[\(done)/\(total)] \(outcome.path): \(word) (\(String(format: "%.2f", outcome.seconds)) s)\n".utf8))
            }
            lock.unlock()
        }
        let finished = results.values.compactMap { $0 }
        if !finished.contains(where: \.failed) {
            try writer.writeAssets(templates)
            try writer.writeIfChanged(Array(templates.renderIndex(sections: site.sections).utf8),
                                      to: options.outputDirectory + "/index.html")
        }
        return finished
    }

    /// Parameter names given with -P that no notebook declares.
    func checkOverrides(_ paths: [String]) throws -> Set<String> {
        guard !options.overrides.isEmpty else { return [] }
        var unknown = Set(options.overrides.keys)
        for path in paths {
            guard let fm = try? DocumentParser.frontMatter(contentsOf: path, displayPath: SiteIndex.displayPath(path)) else { continue }
            unknown.subtract(fm.params.map(\.name))
        }
        return unknown
    }

    /// One notebook, to a page in memory (nothing written to output/).
    func renderOne(_ path: String, site: SiteIndex, templates: PageTemplates, cache: Cache,
                   compilerVersion: String, libraryHash: String) throws -> (RenderedNotebook, cached: Bool) {
        let display = SiteIndex.displayPath(path)
        let document = try DocumentParser.parse(contentsOf: path, displayPath: display)
        let relevant = options.overrides.filter { key, _ in document.frontMatter.params.contains { $0.name == key } }
        let program = try ProgramBuilder.build(document, overrides: relevant)
        let key = Cache.key(program: program, compilerVersion: compilerVersion, libraryHash: libraryHash)
        let notebookDirectory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path

        let runDirectory: String
        let record: RunRecord
        var cached = false
        if !options.force, let hit = cache.lookup(name: document.name, key: key, notebookDirectory: notebookDirectory) {
            runDirectory = hit
            record = RunRecord.read(from: hit)
            cached = true
        } else {
            let work = try FileBytes.temporaryDirectory(prefix: "mixbook-\(document.name)")
            defer { FileBytes.remove(work) }
            let run = work + "/run"
            try FileBytes.makeDirectory(run)
            let t0 = Date()
            let executable = try Compiler(toolchain: toolchain).compile(program, document: document, in: work)
            let t1 = Date()
            if let keep = ProcessInfo.processInfo.environment["MIXBOOK_KEEP_PROGRAM"] {
                try? FileManager.default.copyItem(atPath: work + "/main.swift", toPath: keep + "/\(document.name).swift")
            }
            record = try Executor().run(executable, document: document, workingDirectory: notebookDirectory, runDirectory: run)
            if ProcessInfo.processInfo.environment["MIXBOOK_TIMINGS"] != nil {
                FileHandle.standardError.write(Data(String(format: "%@: compile %.3f s, run %.3f s\n", display, t1.timeIntervalSince(t0), Date().timeIntervalSince(t1)).utf8))
            }
            runDirectory = try cache.store(name: document.name, key: key, runDirectory: run, notebookDirectory: notebookDirectory,
                                          alsoRead: Cache.filesNamed(in: document, notebookDirectory: notebookDirectory))
        }
        let woven = try Weaver.weave(document, record: record)
        let neighbours = site.neighbours(of: document.name)
        let html = templates.renderPage(document: document, woven: woven, previous: neighbours.previous, next: neighbours.next)
        let figures = woven.figures.map { (source: runDirectory + "/" + $0.source, target: $0.target) }
        return (RenderedNotebook(name: document.name, html: html, figures: figures), cached)
    }
}

/// Outcome slots filled from concurrent workers (each slot written once, under a lock).
final class UnsafeMutableOutcomes: @unchecked Sendable {
    private(set) var values: [NotebookOutcome?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    private var filled = 0
    /// Fills slot `k`; returns how many slots are filled.
    func set(_ k: Int, _ v: NotebookOutcome) -> Int { values[k] = v; filled += 1; return filled }
}
