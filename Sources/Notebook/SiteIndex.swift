import Foundation
import TextEscaping

/// The notebooks of the site (every *.md beside the rendered ones), for the index page
/// and previous/next links, in the order `SiteIndex.ordered` gives (built by
/// `ParsedNotebooks` from the render's one parse of each notebook).
public struct SiteIndex: Sendable {
    /// One notebook as the index page lists it.
    public struct Entry: Sendable, Equatable {
        /// The file name without `.md`.
        public var name: String
        public var title: String
        public var description: String?
        /// The front matter's `order:`, if it has one.
        public var order: Int?
        /// The front matter's `kind:`, if it has one.
        public var kind: NotebookKind? = nil
    }

    /// One section of the index page: its heading and its notebooks, in site order.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var entries: [Entry]
    }

    /// Where a kind's section stands: tutorials, worked examples, notebooks without a
    /// kind, galleries.
    static func rank(_ kind: NotebookKind?) -> Int {
        switch kind {
        case .tutorial: return 0
        case .example: return 1
        case nil: return 2
        case .gallery: return 3
        }
    }

    /// The index page's sections (empty ones left out), in site order.
    public var sections: [Section] {
        let headings = [0: "Tutorials", 1: "Worked examples", 2: "Other notebooks", 3: "Galleries"]
        return (0...3).compactMap { r in
            let members = entries.filter { Self.rank($0.kind) == r }
            return members.isEmpty ? nil : Section(heading: headings[r]!, entries: members)
        }
    }
    public var entries: [Entry]

    /// The site's order: by section (tutorials, worked examples, notebooks without a
    /// kind, galleries); within one, notebooks with an `order:` first, by increasing
    /// order; then the others by title. Ties (equal order, equal title) go by file name.
    /// Previous/next links follow it, so a reader goes through the tutorials in order.
    static func ordered(_ entries: [Entry]) -> [Entry] {
        entries.sorted { a, b in
            if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
            switch (a.order, b.order) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.title, a.name) < (b.title, b.name)
            }
        }
    }

    func neighbours(of name: String) -> (previous: PageTemplates.Link?, next: PageTemplates.Link?) {
        guard let k = entries.firstIndex(where: { $0.name == name }) else { return (nil, nil) }
        let link = { (e: Entry) in PageTemplates.Link(href: URLEscaping.pathComponent(e.name) + ".html", title: e.title) }
        return (k > 0 ? link(entries[k - 1]) : nil, k + 1 < entries.count ? link(entries[k + 1]) : nil)
    }

    /// `path` relative to the working directory when it lies below it.
    public static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return path
    }
}
