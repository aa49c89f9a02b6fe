import Foundation

/// The freeze cache: a notebook whose program, parameters, compiler, library build and
/// data files are unchanged is neither compiled nor run; its recorded run is reused.
///
/// Layout: `CACHE/NAME/key` (the key), `CACHE/NAME/reads` (one `hash path` line per data
/// file the program read, from `MIXBOOK_READ_LOG`), `CACHE/NAME/manifest` (one
/// `size hash name` line per file of the run), `CACHE/NAME/run/` (events, texts,
/// figures). `CACHE/library-hash` memoizes the library's hash by size and mtime.
///
/// An entry is used only when every file its manifest lists is there with its recorded
/// size and SHA-256: a truncated, emptied or missing file makes the lookup a miss, the
/// notebook runs again and its new run replaces the damaged entry.
public struct Cache: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// The cache key: SHA-256 over the program text, the parameters, the compiler
    /// version and the library's hash.
    public static func key(program: Program, compilerVersion: String, libraryHash: String) -> String {
        var h = SHA256()
        h.update(field: "mixbook-cache-v1")
        h.update(field: program.source)
        for p in program.parameters { h.update(field: "\(p.name)=\(p.value.swiftType):\(p.value)") }
        h.update(field: compilerVersion)
        h.update(field: libraryHash)
        return h.hexDigest()
    }

    /// The run of `name` when its key matches, every data file it read is unchanged and
    /// every file of the run matches the manifest; nil otherwise.
    public func lookup(name: String, key: String, notebookDirectory: String) -> RunFiles? {
        let entry = directory + "/" + name
        guard let stored = FileBytes.read(entry + "/key"), String(decoding: stored, as: UTF8.self) == key,
              let reads = FileBytes.read(entry + "/reads"),
              let manifestBytes = FileBytes.read(entry + "/manifest") else { return nil }
        for line in String(decoding: reads, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let path = Cache.resolve(String(parts[1]), in: notebookDirectory)
            guard let bytes = FileBytes.read(path), SHA256.hex(bytes) == parts[0] else { return nil }
        }
        guard let manifest = RunManifest(parsing: String(decoding: manifestBytes, as: UTF8.self)),
              manifest.entries.contains(where: { $0.name == "events.jsonl" }),
              manifest.verify(directory: entry + "/run") else { return nil }
        return RunFiles(directory: entry + "/run", manifest: manifest)
    }

    /// Stores a finished run (copies `runDirectory` into the cache, with its manifest)
    /// and returns it in its new place.
    ///
    /// The data files recorded are those in `runDirectory/reads.log` (written by the
    /// library when it opens a file) plus `alsoRead` (files the cells name in string
    /// literals, see `Cache.filesNamed(in:notebookDirectory:)`). The entry is built
    /// beside its place (`CACHE/.NAME.staging-PID`) and swapped in; staging folders left
    /// by an interrupted store are removed here.
    public func store(name: String, key: String, runDirectory: String, notebookDirectory: String, alsoRead: [String] = []) throws -> RunFiles {
        try FileBytes.makeDirectory(directory)
        for leftover in FileBytes.list(directory) where leftover.hasPrefix(".\(name).staging-") || leftover.hasPrefix(".\(name).old-") {
            FileBytes.remove(directory + "/" + leftover)
        }
        let entry = directory + "/.\(name).staging-\(getpid())"
        defer { FileBytes.remove(entry) }
        try FileBytes.makeDirectory(entry)
        // Each data file once, sorted, with the hash of its contents now.
        let log = String(decoding: FileBytes.read(runDirectory + "/reads.log") ?? [], as: UTF8.self)
        let paths = Set(log.split(separator: "\n").map(String.init).filter { !$0.isEmpty } + alsoRead).sorted()
        var reads = ""
        for path in paths {
            guard let bytes = FileBytes.read(Cache.resolve(path, in: notebookDirectory)) else { continue }
            reads += SHA256.hex(bytes) + " " + path + "\n"
        }
        try FileBytes.writeAtomically(reads, to: entry + "/reads")
        try FileBytes.writeAtomically(key, to: entry + "/key")
        do { try FileManager.default.copyItem(atPath: runDirectory, toPath: entry + "/run") }
        catch { throw NotebookError.output(path: entry, reason: error.localizedDescription) }
        let manifest = try RunManifest(describing: entry + "/run")
        try FileBytes.writeAtomically(manifest.text, to: entry + "/manifest")
        let target = directory + "/" + name
        let old = directory + "/.\(name).old-\(getpid())"
        _ = rename(target, old)
        if rename(entry, target) != 0 { throw NotebookError.output(path: target, reason: String(cString: strerror(errno))) }
        FileBytes.remove(old)
        return RunFiles(directory: target + "/run", manifest: manifest)
    }

    /// The library's SHA-256, memoized in the cache by path, size and mtime.
    public func libraryHash(_ path: String) throws -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let date = attributes[.modificationDate] as? Date else {
            throw NotebookError.toolchain("cannot read the library \(path)")
        }
        let stamp = "\(path) \(size) \(date.timeIntervalSince1970)"
        return try StampedMemo.value(in: directory + "/library-hash", stamp: stamp) {
            guard let bytes = FileBytes.read(path) else { throw NotebookError.toolchain("cannot read the library \(path)") }
            return SHA256.hex(bytes)
        }
    }

    /// Files that the cells name in string literals (e.g. `"data/faithful.csv"`) and
    /// that exist beside the notebook: recorded with the run, like the files the library
    /// logs, so that editing them re-runs the notebook even when a cell reads them itself.
    public static func filesNamed(in document: Document, notebookDirectory: String) -> [String] {
        var found = Set<String>()
        for cell in document.cells where cell.options.eval {
            let parts = cell.code.split(separator: "\"", omittingEmptySubsequences: false)
            for (k, part) in parts.enumerated() where k % 2 == 1 {
                let candidate = String(part)
                guard !candidate.isEmpty, candidate.count < 512, !candidate.contains("\\"), !candidate.contains("\n") else { continue }
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: resolve(candidate, in: notebookDirectory), isDirectory: &isDirectory), !isDirectory.boolValue {
                    found.insert(candidate)
                }
            }
        }
        return found.sorted()
    }

    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}
