import Foundation

/// Every notebook a render needs, each read and parsed once: the ones to render and
/// their siblings (every `*.md` beside them, for the index and the previous/next links).
struct ParsedNotebooks: Sendable {
    /// By absolute, standardized path.
    private var documents: [String: Result<Document, NotebookError>]
    /// The site's entries, from the same parses.
    var index: SiteIndex

    /// Reads and parses `paths` and their siblings. A path is parsed with the name the
    /// user gave it (`SiteIndex.displayPath`), so messages name it as they wrote it.
    static func load(_ paths: [String]) -> ParsedNotebooks {
        var files: [String: String] = [:]     // absolute → display path
        for path in paths {
            let absolute = ParsedNotebooks.absolute(path)
            let dir = (absolute as NSString).deletingLastPathComponent
            for name in FileBytes.list(dir) where name.hasSuffix(".md") {
                let sibling = dir + "/" + name
                if files[sibling] == nil { files[sibling] = SiteIndex.displayPath(sibling) }
            }
            files[absolute] = SiteIndex.displayPath(path)
        }
        var documents: [String: Result<Document, NotebookError>] = [:]
        for (absolute, display) in files {
            do { documents[absolute] = .success(try DocumentParser.parse(contentsOf: absolute, displayPath: display)) }
            catch let error as NotebookError { documents[absolute] = .failure(error) }
            catch { documents[absolute] = .failure(.unreadable(file: display, reason: "\(error)")) }
        }
        let entries = documents.map { absolute, result -> SiteIndex.Entry in
            let name = ParsedNotebooks.name(of: absolute)
            let fm = try? result.get().frontMatter
            return SiteIndex.Entry(name: name, title: fm?.title ?? name, description: fm?.description, order: fm?.order)
        }
        return ParsedNotebooks(documents: documents, index: SiteIndex(entries: SiteIndex.ordered(entries)))
    }

    /// The parsed notebook at `path`, or its parse error.
    func document(for path: String) throws -> Document {
        guard let result = documents[ParsedNotebooks.absolute(path)] else {
            throw NotebookError.unreadable(file: SiteIndex.displayPath(path), reason: "no such file or not readable")
        }
        return try result.get()
    }

    /// The report name of a notebook path: its file name without `.md`.
    static func name(of path: String) -> String {
        let base = (path as NSString).lastPathComponent
        return base.hasSuffix(".md") ? String(base.dropLast(3)) : base
    }

    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
