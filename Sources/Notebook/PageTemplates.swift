import Mustache

/// The report's mustache templates and static files (page, index, CSS, page script),
/// read from Templates/ or from `--template DIR`.
public struct PageTemplates: Sendable {
    public var directory: String
    var page: MustacheTemplate
    var index: MustacheTemplate
    /// Static files copied to output/assets/: name → bytes.
    var assets: [(String, [UInt8])]

    public init(directory: String) throws {
        self.directory = directory
        func load(_ name: String) throws -> MustacheTemplate {
            let path = directory + "/" + name
            guard let bytes = FileBytes.read(path) else { throw NotebookError.template(path: path, message: "missing") }
            do { return try MustacheTemplate(string: String(decoding: bytes, as: UTF8.self)) }
            catch { throw NotebookError.template(path: path, message: "\(error)") }
        }
        page = try load("page.mustache")
        index = try load("index.mustache")
        assets = try ["style.css", "mixbook.js"].map { name in
            guard let bytes = FileBytes.read(directory + "/" + name) else {
                throw NotebookError.template(path: directory + "/" + name, message: "missing")
            }
            return (name, bytes)
        }
    }

    /// A link to a neighbouring notebook.
    public struct Link: Sendable { public var href: String; public var title: String }

    /// The page of one notebook.
    func renderPage(document: Document, woven: WovenPage, previous: Link?, next: Link?) -> String {
        let fm = document.frontMatter
        var context: [String: Any] = [
            "title": document.title,
            "assets": "assets",
            "body": woven.body,
            "hasTOC": woven.toc.count >= 2,
            "toc": woven.toc.map { ["id": $0.id, "html": $0.html, "level": $0.level] as [String: Any] },
            "hasByline": fm.author != nil || fm.date != nil,
        ]
        if let v = fm.subtitle { context["subtitle"] = v }
        if let v = fm.author { context["author"] = v }
        if let v = fm.date { context["date"] = v }
        if let v = fm.description { context["description"] = v }
        if let previous { context["previous"] = ["href": previous.href, "title": previous.title] }
        if let next { context["next"] = ["href": next.href, "title": next.title] }
        return page.render(context)
    }

    /// One notebook on the index page: a failed one carries its error, and links to its
    /// page only when an earlier report of it exists (`hasPage`).
    public struct IndexEntry: Sendable {
        public var href: String
        public var title: String
        public var description: String?
        public var error: String?
        public var hasPage = true
    }

    /// The index page listing notebooks.
    func renderIndex(entries: [IndexEntry]) -> String {
        let context: [String: Any] = [
            "siteTitle": "Mixbook notebooks",
            "assets": "assets",
            "notebooks": entries.map { e -> [String: Any] in
                var d: [String: Any] = ["href": e.href, "title": e.title, "hasPage": e.hasPage, "failed": e.error != nil]
                if let description = e.description { d["description"] = description }
                if let error = e.error { d["error"] = error }
                return d
            },
        ]
        return index.render(context)
    }
}
