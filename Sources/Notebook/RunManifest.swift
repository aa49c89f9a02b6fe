import Foundation

/// What a stored run holds: the size and SHA-256 of every file of its folder.
///
/// Written when a run is stored in the cache and checked on every lookup, so a damaged
/// entry (a truncated events file, an emptied or missing figure) is never woven into a
/// page. The figure hashes also name the figures in the site (`fig-N-HASH.png`).
public struct RunManifest: Sendable, Equatable {
    /// One file of the run folder.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var size: Int
        public var sha256: String
    }
    /// By file name, sorted.
    public var entries: [Entry]

    /// The manifest of the files in `directory` now (not recursive: a run folder is flat).
    public init(describing directory: String) throws {
        entries = try FileBytes.list(directory).compactMap { name -> Entry? in
            let path = directory + "/" + name
            guard !FileBytes.isDirectory(path) else { return nil }
            guard let bytes = FileBytes.read(path) else { throw NotebookError.output(path: path, reason: "cannot read a file of the run") }
            return Entry(name: name, size: bytes.count, sha256: SHA256.hex(bytes))
        }
    }

    /// Parses the text `text` produces; nil when a line is malformed.
    public init?(parsing text: String) {
        var entries: [Entry] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let size = Int(parts[0]), parts[1].count == 64 else { return nil }
            entries.append(Entry(name: String(parts[2]), size: size, sha256: String(parts[1])))
        }
        self.entries = entries
    }

    /// One `size sha256 name` line per file.
    public var text: String { entries.map { "\($0.size) \($0.sha256) \($0.name)\n" }.joined() }

    /// SHA-256 by file name.
    public var hashes: [String: String] { Dictionary(entries.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a }) }

    /// True when every listed file is in `directory` with its size and hash.
    public func verify(directory: String) -> Bool {
        entries.allSatisfy { entry in
            var info = stat()
            guard stat(directory + "/" + entry.name, &info) == 0, Int(info.st_size) == entry.size,
                  let bytes = FileBytes.read(directory + "/" + entry.name) else { return false }
            return SHA256.hex(bytes) == entry.sha256
        }
    }
}

/// A run's folder and its manifest.
public struct RunFiles: Sendable {
    public var directory: String
    public var manifest: RunManifest
}
