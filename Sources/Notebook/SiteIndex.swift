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
    }
    public var entries: [Entry]

    /// The site's order: notebooks with an `order:` first, by increasing order; then the
    /// others by title. Ties (equal order, equal title) go by file name.
    static func ordered(_ entries: [Entry]) -> [Entry] {
        entries.sorted { a, b in
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
