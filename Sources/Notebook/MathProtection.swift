/// Something in prose that must not go through markdown: a formula, an inline
/// expression or a cross-reference. The markdown sees a placeholder token instead.
public enum ProseFragment: Sendable, Equatable {
    /// TeX without its delimiters (environments keep `\begin…\end`).
    case math(tex: String, display: Bool, line: Int)
    /// The Swift expression of `` `{swift} expr` ``, with the line and 1-based column
    /// where the expression starts.
    case inline(code: String, line: Int, column: Int)
    /// `@fig-x`, `@tbl-x`, `@eq-x` (the label without `@`).
    case reference(label: String, line: Int)
    /// A character of the prose that the runner uses for its own tokens (U+E000…U+E003):
    /// kept out of the markdown so that prose can never forge a token.
    case literal(Character)
}

/// Prose with its fragments replaced by placeholder tokens.
public struct ProtectedProse: Sendable, Equatable {
    public var text: String
    public var fragments: [ProseFragment]
}

/// Finds math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `\begin{align}…`), inline expressions
/// and cross-references in prose, outside code spans and fenced code, and replaces
/// each by a token that markdown leaves alone, so that emphasis rules never touch a
/// formula. The tokens are restored after cmark-gfm has rendered the HTML.
public enum ProseScanner {
    /// The placeholder for fragment number `id`: private-use characters around the number.
    public static func token(_ id: Int) -> String { "\u{E000}\(id)\u{E001}" }

    static let mathEnvironments: Set<String> = ["equation", "equation*", "align", "align*", "aligned", "gather", "gather*",
                                                "multline", "multline*", "alignat", "alignat*", "eqnarray", "eqnarray*", "split", "CD"]
    static let referencePrefixes = ["fig-", "tbl-", "eq-"]

    /// True for the private-use characters the tokens are made of.
    static func isTokenCharacter(_ c: Character) -> Bool {
        c.unicodeScalars.contains { (0xE000...0xE003).contains($0.value) }
    }

    /// `text` with every token character replaced by a `.literal` fragment's token.
    static func shieldingTokenCharacters<S: Sequence>(_ text: S, firstID: Int, into fragments: inout [ProseFragment]) -> String where S.Element == Character {
        var out = ""
        for c in text {
            if isTokenCharacter(c) {
                out += token(firstID + fragments.count)
                fragments.append(.literal(c))
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Protects `prose`; token numbers start at `firstID`.
    public static func protect(_ prose: Prose, firstID: Int) -> ProtectedProse {
        protect(text: prose.text, firstLine: prose.firstLine, firstID: firstID)
    }

    /// Protects prose `text` whose first line is file line `firstLine`; token numbers
    /// start at `firstID`.
    public static func protect(text: String, firstLine: Int, firstID: Int) -> ProtectedProse {
        var result = ProtectedProse(text: "", fragments: [])
        var segment: [Substring] = []
        var segmentLine = firstLine
        let lines = SourceText.lines(text)
        var output: [String] = []

        func flush(nextLine: Int) {
            if !segment.isEmpty {
                output.append(scan(segment.joined(separator: "\n"), firstLine: segmentLine, firstID: firstID, into: &result.fragments))
            }
            segment = []
            segmentLine = nextLine
        }

        var i = 0
        while i < lines.count {
            if let fence = Fence.opening(lines[i]) {
                flush(nextLine: i)
                let close = ((i + 1)..<lines.count).first(where: { fence.isClosed(by: lines[$0]) }) ?? (lines.count - 1)
                output.append(contentsOf: lines[i...close].map { shieldingTokenCharacters($0, firstID: firstID, into: &result.fragments) })
                i = close + 1
                segmentLine = firstLine + i
            } else {
                if segment.isEmpty { segmentLine = firstLine + i }
                segment.append(lines[i]); i += 1
            }
        }
        flush(nextLine: i)
        result.text = output.joined(separator: "\n")
        return result
    }

    /// Scans text that holds no fenced code.
    private static func scan(_ text: String, firstLine: Int, firstID: Int, into fragments: inout [ProseFragment]) -> String {
        let s = Array(text)
        let n = s.count
        var out = ""
        var line = firstLine
        var i = 0

        func add(_ fragment: ProseFragment, consumed range: Range<Int>) {
            out += token(firstID + fragments.count)
            fragments.append(fragment)
            line += s[range].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            i = range.upperBound
        }
        /// The index where `needle` starts at or after `from`, or nil.
        func find(_ needle: String, from: Int, stopAtBlankLine: Bool = false) -> Int? {
            let pattern = Array(needle)
            var j = from
            while j + pattern.count <= n {
                if stopAtBlankLine && s[j] == "\n" && j + 1 < n && s[j + 1] == "\n" { return nil }
                if s[j] == "\\" && pattern.first != "\\" { j += 2; continue }
                if Array(s[j..<(j + pattern.count)]) == pattern { return j }
                j += 1
            }
            return nil
        }

        while i < n {
            let c = s[i]
            let next: Character? = i + 1 < n ? s[i + 1] : nil
            switch c {
            case "\\":
                if next == "(", let close = find("\\)", from: i + 2) {
                    add(.math(tex: String(s[(i + 2)..<close]), display: false, line: line), consumed: i..<(close + 2)); continue
                }
                if next == "[", let close = find("\\]", from: i + 2) {
                    add(.math(tex: String(s[(i + 2)..<close]), display: true, line: line), consumed: i..<(close + 2)); continue
                }
                if next == "b", String(s[i..<min(n, i + 7)]) == "\\begin{", let brace = s[(i + 7)...].firstIndex(of: "}") {
                    let env = String(s[(i + 7)..<brace])
                    if mathEnvironments.contains(env), let close = find("\\end{\(env)}", from: brace + 1) {
                        let end = close + "\\end{\(env)}".count
                        add(.math(tex: String(s[i..<end]), display: true, line: line), consumed: i..<end); continue
                    }
                }
                out.append(c)
                if let next, !isTokenCharacter(next) { out.append(next); if next == "\n" { line += 1 }; i += 2 } else { i += 1 }
            case "`":
                let run = s[i...].prefix(while: { $0 == "`" }).count
                var j = i + run
                var closeAt: Int?
                while j < n {
                    if s[j] == "`" {
                        let r = s[j...].prefix(while: { $0 == "`" }).count
                        if r == run { closeAt = j; break }
                        j += r
                    } else { j += 1 }
                }
                guard let close = closeAt else {
                    out += String(repeating: "`", count: run); i += run; continue
                }
                let content = String(s[(i + run)..<close])
                let trimmed = content.trimmingWhitespace()
                if trimmed.hasPrefix("{swift}") {
                    let afterTag = trimmed.dropFirst(7)
                    let start = i + run + content.prefix(while: { $0.isWhitespace }).count + 7 + afterTag.prefix(while: { $0.isWhitespace }).count
                    let lineStart = s[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
                    let column = start - lineStart + 1
                    add(.inline(code: String(afterTag).trimmingWhitespace(), line: line, column: column), consumed: i..<(close + run)); continue
                }
                out += shieldingTokenCharacters(s[i..<(close + run)], firstID: firstID, into: &fragments)
                line += content.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                i = close + run
            case "$":
                if next == "$", let close = find("$$", from: i + 2), close > i + 2 {
                    add(.math(tex: String(s[(i + 2)..<close]), display: true, line: line), consumed: i..<(close + 2)); continue
                }
                if let next, next != "$", !next.isWhitespace {
                    var j = i + 1
                    var closeAt: Int?
                    while j < n {
                        if s[j] == "\\" { j += 2; continue }
                        if s[j] == "\n" && j + 1 < n && s[j + 1] == "\n" { break }
                        if s[j] == "$" {
                            if !s[j - 1].isWhitespace && !(j + 1 < n && s[j + 1].isNumber) { closeAt = j }
                            break
                        }
                        j += 1
                    }
                    if let close = closeAt {
                        add(.math(tex: String(s[(i + 1)..<close]), display: false, line: line), consumed: i..<(close + 1)); continue
                    }
                }
                out.append(c); i += 1
            case "@":
                let before: Character? = i > 0 ? s[i - 1] : nil
                let startsWord = before.map { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") } ?? true
                if startsWord {
                    var j = i + 1
                    while j < n, s[j].isLetter || s[j].isNumber || s[j] == "-" || s[j] == "_" { j += 1 }
                    while j > i + 1, s[j - 1] == "-" { j -= 1 }
                    let label = String(s[(i + 1)..<j])
                    if referencePrefixes.contains(where: { label.hasPrefix($0) && label.count > $0.count }) {
                        add(.reference(label: label, line: line), consumed: i..<j); continue
                    }
                }
                out.append(c); i += 1
            default:
                if isTokenCharacter(c) { add(.literal(c), consumed: i..<(i + 1)); continue }
                if c == "\n" { line += 1 }
                out.append(c); i += 1
            }
        }
        return out
    }
}
