import Foundation

/// A rendered notebook ready to be written: its page and its figures.
public struct RenderedNotebook: Sendable {
    public var name: String
    public var html: String
    /// Figure files: absolute source path → target file name in `NAME/` (`fig-N-HASH.png`).
    public var figures: [(source: String, target: String)]
}

/// Writes the site: pages, figure folders, assets, index. Every file goes through a
/// temporary name and a rename; a file whose bytes are already right is not touched.
///
/// A notebook's report changes as one unit. Its figures have content-addressed names
/// (`NAME/fig-N-HASH.png`), so the new report's figures are written beside the old
/// report's; then the page is renamed into place, the one atomic switch; then the files
/// of `NAME/` that the new page does not use are deleted. A kill at any moment leaves
/// the complete old report or the complete new one, and what an interrupted write left
/// (temporary files, unused figures) is removed by the next write of that notebook.
public struct SiteWriter: Sendable {
    public var outputDirectory: String
    /// For tests: stop (throw `SiteWriter.Interrupted`) after this many write steps, as
    /// a kill would. A step is one figure written, the page renamed, or one file deleted.
    var stopAfterStep: Int?

    public init(outputDirectory: String) { self.outputDirectory = outputDirectory }

    /// Thrown when `stopAfterStep` is reached.
    struct Interrupted: Error, Equatable { var step: Int }

    /// Writes one notebook's report (see the type's description for the order).
    public func write(_ notebook: RenderedNotebook) throws {
        try FileBytes.makeDirectory(outputDirectory)
        let folder = outputDirectory + "/" + notebook.name
        let page = outputDirectory + "/" + notebook.name + ".html"
        removeLeftovers(of: notebook.name)
        var steps = 0
        func step() throws {
            steps += 1
            if let stop = stopAfterStep, steps >= stop { throw Interrupted(step: steps) }
        }
        if stopAfterStep == 0 { throw Interrupted(step: 0) }

        // 1. The new figures, beside the old ones.
        if !notebook.figures.isEmpty { try FileBytes.makeDirectory(folder) }
        for figure in notebook.figures {
            guard let bytes = FileBytes.read(figure.source) else {
                throw NotebookError.output(path: figure.source, reason: "the figure of the run cannot be read")
            }
            let target = folder + "/" + figure.target
            if FileBytes.read(target) == bytes { continue }
            try FileBytes.writeAtomically(bytes, to: target)
            try step()
        }
        // 2. The switch: the page that refers to them.
        if FileBytes.read(page) != Array(notebook.html.utf8) {
            try FileBytes.writeAtomically(Array(notebook.html.utf8), to: page)
            try step()
        }
        // 3. What no page refers to any more.
        let used = Set(notebook.figures.map(\.target))
        for name in FileBytes.list(folder) where !used.contains(name) {
            FileBytes.remove(folder + "/" + name)
            try step()
        }
        if notebook.figures.isEmpty && FileBytes.isDirectory(folder) && FileBytes.list(folder).isEmpty {
            rmdir(folder)
            try step()
        }
    }

    /// Removes what an interrupted write of notebook `name` left: temporary files of its
    /// page and figures, and the staging folders of earlier versions of the writer.
    func removeLeftovers(of name: String) {
        for entry in FileBytes.list(outputDirectory)
        where entry.hasPrefix(name + ".html" + FileBytes.temporarySuffix) || entry.hasPrefix(".\(name).new-") || entry.hasPrefix(".\(name).old-") {
            FileBytes.remove(outputDirectory + "/" + entry)
        }
        let folder = outputDirectory + "/" + name
        for entry in FileBytes.list(folder) where entry.contains(FileBytes.temporarySuffix) {
            FileBytes.remove(folder + "/" + entry)
        }
    }

    /// Writes `bytes` to `path` unless the file already holds exactly them.
    public func writeIfChanged(_ bytes: [UInt8], to path: String) throws {
        if FileBytes.read(path) == bytes { return }
        try FileBytes.makeDirectory((path as NSString).deletingLastPathComponent)
        try FileBytes.writeAtomically(bytes, to: path)
    }

    /// Copies KaTeX and highlight.js from the system's share/javascript, and the
    /// templates' static files, into `output/assets/`.
    public func writeAssets(_ templates: PageTemplates, systemJavaScript: String = "/usr/share/javascript") throws {
        let assets = outputDirectory + "/assets"
        for (name, bytes) in templates.assets { try writeIfChanged(bytes, to: assets + "/" + name) }
        let katex = systemJavaScript + "/katex"
        var copies: [(String, String)] = [
            (katex + "/katex.min.js", assets + "/katex/katex.min.js"),
            (katex + "/katex.min.css", assets + "/katex/katex.min.css"),
            (katex + "/contrib/auto-render.js", assets + "/katex/contrib/auto-render.js"),
            (systemJavaScript + "/highlight.js/highlight.min.js", assets + "/highlight/highlight.min.js"),
            (systemJavaScript + "/highlight.js/styles/github.css", assets + "/highlight/github.css"),
        ]
        for font in FileBytes.list(katex + "/fonts") { copies.append((katex + "/fonts/" + font, assets + "/katex/fonts/" + font)) }
        for (source, target) in copies {
            guard let bytes = FileBytes.read(source) else {
                throw NotebookError.output(path: target, reason: "\(source) is missing; install libjs-katex and libjs-highlight.js")
            }
            try writeIfChanged(bytes, to: target)
        }
    }
}
