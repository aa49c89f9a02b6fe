import Foundation
import TextEscaping

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
    /// What to print on stderr while rendering.
    public var progress = ProgressStyle.quiet
    /// Show a failing program's whole standard error, stack trace included.
    public var verbose = false

    public init() {}
}

/// How one notebook went.
public struct NotebookOutcome: Sendable {
    public enum Status: Sendable { case rendered, cached, failed(NotebookError) }
    public var path: String
    public var status: Status
    public var seconds: Double
    /// Figures in the report (0 when it failed).
    public var figures = 0
    public var failed: Bool { if case .failed = status { return true } else { return false } }
}

/// The whole pipeline: parse → program → compile → run (or cache) → weave → HTML → write.
///
/// Each notebook file is read and parsed once per render; that one `Document` serves
/// the index, the `-P` check, the program and the Weaver.
public struct SiteRenderer: Sendable {
    public var toolchain: Toolchain
    public var options: RenderOptions

    public init(toolchain: Toolchain, options: RenderOptions) {
        self.toolchain = toolchain
        self.options = options
    }

    /// Renders `paths` (notebooks as the user named them) in parallel and writes the
    /// site. A failing notebook leaves its previous report untouched and does not stop
    /// the others; the index and assets are always written, the index showing a failed
    /// notebook as failed with its error.
    public func render(_ paths: [String]) throws -> [NotebookOutcome] {
        ChildSessions.shared.installSignalHandlers()
        let templates = try PageTemplates(directory: options.templateDirectory ?? toolchain.root + "/Templates")
        let cache = Cache(directory: options.cacheDirectory)
        let compilerVersion = try toolchain.compilerVersion(memoDirectory: options.cacheDirectory)
        let libraryHash = try cache.libraryHash(toolchain.library)
        let writer = SiteWriter(outputDirectory: options.outputDirectory)
        let notebooks = ParsedNotebooks.load(paths)
        let unknown = unknownOverrides(paths.compactMap { try? notebooks.document(for: $0) })
        if !unknown.isEmpty {
            throw NotebookError.invalidParameter(file: paths.joined(separator: ", "), message: "no notebook declares the parameter(s) \(unknown.sorted().joined(separator: ", ")) given with -P")
        }

        let site = notebooks.index
        let progress = RenderProgress(style: options.progress)
        let results = UnsafeMutableOutcomes(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            let start = Date()
            let path = paths[k]
            let name = ParsedNotebooks.name(of: path)
            var figures = 0
            let status: NotebookOutcome.Status
            do {
                let document = try notebooks.document(for: path)
                let (rendered, cached) = try renderOne(document, path: path, site: site, templates: templates, cache: cache,
                                                        compilerVersion: compilerVersion, libraryHash: libraryHash) { state in
                    progress.update(name, state: state)
                }
                try writer.write(rendered)
                figures = rendered.figures.count
                status = cached ? .cached : .rendered
            } catch let error as NotebookError {
                status = .failed(error)
            } catch {
                status = .failed(.output(path: path, reason: "\(error)"))
            }
            let outcome = NotebookOutcome(path: SiteIndex.displayPath(path), status: status, seconds: Date().timeIntervalSince(start), figures: figures)
            results.set(k, outcome)
            progress.finished(outcome, name: name)
        }
        let finished = results.values.compactMap { $0 }
        var failures: [String: String] = [:]
        for (k, outcome) in finished.enumerated() {
            if case .failed(let error) = outcome.status { failures[ParsedNotebooks.name(of: paths[k])] = "\(error)" }
        }
        try writer.writeAssets(templates)
        let entries = site.entries.map { e in
            PageTemplates.IndexEntry(href: URLEscaping.pathComponent(e.name) + ".html", title: e.title, description: e.description,
                                     error: failures[e.name], hasPage: failures[e.name] == nil || FileBytes.exists(options.outputDirectory + "/" + e.name + ".html"))
        }
        try writer.writeIfChanged(Array(templates.renderIndex(entries: entries).utf8), to: options.outputDirectory + "/index.html")
        return finished
    }

    /// Parameter names given with -P that none of `documents` declares.
    func unknownOverrides(_ documents: [Document]) -> Set<String> {
        guard !options.overrides.isEmpty else { return [] }
        var unknown = Set(options.overrides.keys)
        for document in documents { unknown.subtract(document.frontMatter.params.map(\.name)) }
        return unknown
    }

    /// One notebook, to a page in memory (nothing written to output/). `state` hears
    /// "compiling" and "cell i of n" while it runs.
    func renderOne(_ document: Document, path: String, site: SiteIndex, templates: PageTemplates, cache: Cache,
                   compilerVersion: String, libraryHash: String, state: (String) -> Void = { _ in }) throws -> (RenderedNotebook, cached: Bool) {
        let relevant = options.overrides.filter { key, _ in document.frontMatter.params.contains { $0.name == key } }
        let program = try ProgramBuilder.build(document, overrides: relevant)
        let key = Cache.key(program: program, compilerVersion: compilerVersion, libraryHash: libraryHash)
        let notebookDirectory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path

        var run: (files: RunFiles, record: RunRecord)?
        if !options.force, let hit = cache.lookup(name: document.name, key: key, notebookDirectory: notebookDirectory),
           let record = try? RunRecord.read(from: hit.directory, file: document.path) {
            run = (hit, record)
        }
        let cached = run != nil
        if run == nil {
            run = try ChildSessions.shared.withTemporaryFolder(prefix: "mixbook-build") { work in
                let runDirectory = work + "/run"
                try FileBytes.makeDirectory(runDirectory)
                state("compiling")
                let t0 = Date()
                let executable = try Compiler(toolchain: toolchain).compile(program, document: document, in: work)
                let t1 = Date()
                if let keep = ProcessInfo.processInfo.environment["MIXBOOK_KEEP_PROGRAM"] {
                    try? FileManager.default.copyItem(atPath: work + "/main.swift", toPath: keep + "/\(document.name).swift")
                }
                var executor = Executor()
                executor.verbose = options.verbose
                let total = document.cells.count
                let record = try executor.run(executable, document: document, workingDirectory: notebookDirectory, runDirectory: runDirectory) { cell in
                    state("cell \(cell) of \(total)")
                }
                if ProcessInfo.processInfo.environment["MIXBOOK_TIMINGS"] != nil {
                    FileHandle.standardError.write(Data(String(format: "%@: compile %.3f s, run %.3f s\n", document.path, t1.timeIntervalSince(t0), Date().timeIntervalSince(t1)).utf8))
                }
                let files = try cache.store(name: document.name, key: key, runDirectory: runDirectory, notebookDirectory: notebookDirectory,
                                            alsoRead: Cache.filesNamed(in: document, notebookDirectory: notebookDirectory))
                return (files, record)
            }
        }
        guard let (files, record) = run else { throw NotebookError.output(path: path, reason: "no run") }
        let woven = try Weaver.weave(document, record: record, figureHashes: files.manifest.hashes)
        let neighbours = site.neighbours(of: document.name)
        let html = templates.renderPage(document: document, woven: woven, previous: neighbours.previous, next: neighbours.next)
        let figures = woven.figures.map { (source: files.directory + "/" + $0.source, target: $0.target) }
        return (RenderedNotebook(name: document.name, html: html, figures: figures), cached)
    }
}

/// Outcome slots filled from concurrent workers (each slot written once, under a lock).
final class UnsafeMutableOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [NotebookOutcome?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    var values: [NotebookOutcome?] { lock.lock(); defer { lock.unlock() }; return slots }
    /// Fills slot `k`.
    func set(_ k: Int, _ v: NotebookOutcome) { lock.lock(); slots[k] = v; lock.unlock() }
}
