/// Turns a notebook's text into a `Document`: front matter, prose, Swift cells.
public enum DocumentParser {
    /// Reads and parses the notebook at `fileSystemPath`; messages name it as `displayPath`.
    public static func parse(contentsOf fileSystemPath: String, displayPath: String) throws -> Document {
        guard let bytes = FileBytes.read(fileSystemPath) else {
            throw NotebookError.unreadable(file: displayPath, reason: "no such file or not readable")
        }
        let text = try SourceText.decode(bytes, file: displayPath)
        return try parse(text, path: displayPath)
    }

    /// Parses notebook text. `path` is the name used in messages and line directives.
    public static func parse(_ text: String, path: String) throws -> Document {
        try checkPath(path)
        let lines = SourceText.lines(text)
        var frontMatter = FrontMatter()
        var i = 0
        if let first = lines.first, first.trimmingWhitespace() == "---" {
            guard let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingWhitespace()) }) else {
                throw NotebookError.unclosedFrontMatter(file: path, line: 1)
            }
            let yaml = lines[1..<close].joined(separator: "\n")
            frontMatter = try FrontMatter.parse(yaml: yaml, file: path, firstLine: 2)
            i = close + 1
        }

        var blocks: [Block] = []
        var proseLines: [Substring] = []
        var proseStart = i + 1
        var cellCount = 0
        var inline: [InlineExpression] = []
        var fragmentCount = 0

        func flushProse(nextLine: Int) {
            defer { proseLines = []; proseStart = nextLine }
            guard proseLines.contains(where: { !$0.trimmingWhitespace().isEmpty }) else { return }
            let prose = Prose(text: proseLines.joined(separator: "\n"), firstLine: proseStart, firstID: fragmentCount)
            fragmentCount += prose.protected.fragments.count
            for fragment in prose.protected.fragments {
                if case let .inline(code, line, column) = fragment {
                    inline.append(InlineExpression(index: inline.count, code: code, line: line, column: column, afterCell: cellCount))
                }
            }
            blocks.append(.prose(prose))
        }

        while i < lines.count {
            guard let fence = Fence.opening(lines[i]) else {
                proseLines.append(lines[i]); i += 1; continue
            }
            guard let close = ((i + 1)..<lines.count).first(where: { fence.isClosed(by: lines[$0]) }) else {
                throw NotebookError.unclosedFence(file: path, line: i + 1, fence: fence.marker)
            }
            if fence.isSwiftCell {
                flushProse(nextLine: close + 2)
                let content = lines[(i + 1)..<close].map { fence.dedent($0) }
                let (options, codeStart) = try CellOptions.parse(Array(content), firstLine: i + 2, file: path)
                cellCount += 1
                let code = content[codeStart...].joined(separator: "\n")
                blocks.append(.cell(Cell(index: cellCount, options: options, code: code, fenceLine: i + 1,
                                         codeLine: i + 2 + codeStart, indent: String(repeating: " ", count: fence.indent),
                                         closingFenceLine: close + 1)))
            } else {
                proseLines.append(contentsOf: lines[i...close])
            }
            i = close + 1
        }
        flushProse(nextLine: lines.count + 1)

        let base = path.split(separator: "/").last.map(String.init) ?? path
        let name = base.hasSuffix(".md") ? String(base.dropLast(3)) : base
        return Document(path: path, name: name, frontMatter: frontMatter, blocks: blocks, inlineExpressions: inline,
                        sourceLines: lines.map(String.init))
    }

}

extension DocumentParser {
    /// Refuses a notebook path holding a control character or a line separator: such a
    /// path cannot be shown on one line of a message or of a compiler diagnostic.
    static func checkPath(_ path: String) throws {
        func isBad(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || s.value == 0x7F || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029 }
        guard let bad = path.unicodeScalars.first(where: isBad) else { return }
        let shown = path.unicodeScalars.map { isBad($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        throw NotebookError.unreadable(file: shown, reason: "the path holds the control character U+\(String(format4: bad.value)); rename the file")
    }
}

extension String {
    /// `value` as at least four uppercase hex digits.
    init(format4 value: UInt32) {
        let hex = String(value, radix: 16, uppercase: true)
        self = String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }
}

/// An opening code fence: ``` or ~~~ (three or more), its indentation and info string.
struct Fence: Equatable {
    var character: Character
    var length: Int
    var indent: Int
    var info: String

    var marker: String { String(repeating: character, count: length) }

    /// ```swift and ```{swift} open cells that run; every other fence is shown as is.
    var isSwiftCell: Bool {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return word == "swift" || word == "{swift}"
    }

    /// The fence that `line` opens, if it opens one.
    static func opening(_ line: Substring) -> Fence? {
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
        let rest = line.dropFirst(indent)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let run = rest.prefix(while: { $0 == c }).count
        guard run >= 3 else { return nil }
        let info = rest.dropFirst(run).trimmingWhitespace()
        if c == "`" && info.contains("`") { return nil }   // CommonMark: an inline code span
        return Fence(character: c, length: run, indent: indent, info: info)
    }

    /// True when `line` closes this fence: the same character, at least as long, nothing after.
    func isClosed(by line: Substring) -> Bool {
        let rest = line.drop(while: { $0 == " " || $0 == "\t" })
        let run = rest.prefix(while: { $0 == character }).count
        return run >= length && rest.dropFirst(run).trimmingWhitespace().isEmpty
    }

    /// Removes up to the fence's indentation from a content line.
    func dedent(_ line: Substring) -> Substring {
        var out = line
        var removed = 0
        while removed < indent, let c = out.first, c == " " || c == "\t" { out = out.dropFirst(); removed += 1 }
        return out
    }
}
