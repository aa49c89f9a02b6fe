/// A parsed notebook: front matter, then prose and Swift cells in file order.
public struct Document: Sendable {
    /// The notebook's path as shown in messages and `#sourceLocation`, e.g. `notebooks/x.md`.
    public var path: String
    /// The file name without `.md`; names the report (`NAME.html`) and its figure folder.
    public var name: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    /// Every `{swift} expr` inline expression of the prose, in order.
    public var inlineExpressions: [InlineExpression]
    /// The notebook's lines (for showing code around an error).
    public var sourceLines: [String] = []

    /// The text of file line `line` (1-based), if there is one.
    public func sourceLine(_ line: Int) -> String? {
        line >= 1 && line <= sourceLines.count ? sourceLines[line - 1] : nil
    }

    /// The Swift cells in order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
    }

    /// The title shown for the notebook: the front-matter title or the file name.
    public var title: String { frontMatter.title ?? name }
}

/// A piece of a notebook.
public enum Block: Sendable, Equatable {
    /// Markdown between cells. Fences that are not Swift cells stay in it.
    case prose(Prose)
    /// A ```swift cell.
    case cell(Cell)
}

/// Markdown text and the file line of its first line.
public struct Prose: Sendable, Equatable {
    public var text: String
    public var firstLine: Int
    /// The text with its math, inline expressions and references replaced by tokens,
    /// scanned once when the notebook is parsed (token numbers count across the whole
    /// notebook, so the Weaver uses them as they are).
    public var protected: ProtectedProse

    public init(text: String, firstLine: Int, firstID: Int = 0) {
        self.text = text
        self.firstLine = firstLine
        self.protected = ProseScanner.protect(text: text, firstLine: firstLine, firstID: firstID)
    }
}

/// A Swift cell: its code (without option lines) and where it sits in the file.
public struct Cell: Sendable, Equatable {
    /// 1-based position among the notebook's Swift cells.
    public var index: Int
    public var options: CellOptions
    /// The code without the `//|` option lines and without the list indentation.
    public var code: String
    /// The file line of the opening fence.
    public var fenceLine: Int
    /// The file line of the first line of `code`.
    public var codeLine: Int
    /// The indentation of the fence (inside a list item), re-applied to the woven output.
    public var indent: String

    /// The file line of the closing fence.
    public var closingFenceLine: Int
}

/// An inline expression `` `{swift} expr` `` in prose, replaced by its value.
public struct InlineExpression: Sendable, Equatable {
    /// 0-based position among the notebook's inline expressions.
    public var index: Int
    public var code: String
    public var line: Int
    /// The 1-based column (in characters) where `code` starts on `line`.
    public var column: Int = 1
    /// The index of the cell that precedes it (0 when it comes before every cell).
    public var afterCell: Int
}
