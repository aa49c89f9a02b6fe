import TextEscaping

/// An entry of a page's table of contents.
public struct TOCEntry: Sendable, Equatable {
    public var id: String
    /// The heading's HTML (math and inline values restored).
    public var html: String
    public var level: Int
}

/// A figure to copy into the site: from the run directory to `NAME/fig-N-HASH.png`.
public struct FigureFile: Sendable, Equatable {
    /// File name in the run directory.
    public var source: String
    /// File name inside the notebook's figure folder (`fig-N-HASH.png`).
    public var target: String
}

/// The woven page: body HTML, table of contents and the figures it references.
public struct WovenPage: Sendable, Equatable {
    public var body: String
    public var toc: [TOCEntry]
    public var figures: [FigureFile]
}

/// Places every cell's outputs after the cell, numbers figures, tables and equations,
/// resolves cross-references and renders the whole page body through cmark-gfm once.
public enum Weaver {
    struct Label { var kind: String; var number: Int }

    static func cellToken(_ id: Int) -> String { "\u{E002}\(id)\u{E003}" }

    /// Weaves `document` with what its run recorded. `figureHashes` maps each figure file
    /// of the run to the SHA-256 of its bytes (from the run's manifest): a figure's name
    /// in the site, `fig-N-HASH.png`, carries the first 12 hex digits, so a new report's
    /// figures never overwrite the old report's.
    ///
    /// One pass over the blocks numbers figures, tables and equations and renders the
    /// cells; cross-references are resolved after it, so they may point forward.
    public static func weave(_ document: Document, record: RunRecord, figureHashes: [String: String] = [:]) throws -> WovenPage {
        var labels: [String: Label] = [:]
        var labelLines: [String: Int] = [:]       // label → the line that claimed it
        var cellLabels: [String: Int] = [:]       // label → fence line of the cell that carries it
        func claim(_ label: String, line: Int) throws {
            if let first = labelLines[label] {
                throw NotebookError.duplicateLabel(file: document.path, line: line, label: label, firstLine: first)
            }
            labelLines[label] = line
        }
        var numbering = Numbering()
        var fragments: [ProseFragment] = []
        var markdown = ""
        var cellHTML: [String] = []
        var equations: [Int: EquationNumbering.Numbered] = [:]      // fragment id → numbered TeX
        for block in document.blocks {
            switch block {
            case .prose(let prose):
                let protected = prose.protected
                for (k, fragment) in protected.fragments.enumerated() {
                    if case let .math(tex, true, line) = fragment, let numbered = EquationNumbering.number(tex, first: numbering.equations + 1) {
                        for label in numbered.labels { try claim(label, line: line) }
                        numbering.equations += numbered.count
                        for (label, n) in numbered.numbers { labels[label] = Label(kind: "Equation", number: n) }
                        equations[fragments.count + k] = numbered
                    }
                }
                fragments += protected.fragments
                markdown += protected.text + "\n\n"
            case .cell(let cell):
                if let label = cell.options.label { try claim(label, line: cell.fenceLine); cellLabels[label] = cell.fenceLine }
                guard cell.options.include else { continue }
                let outputs = cell.options.eval && cell.options.output ? record.outputs[cell.index] ?? [] : []
                let html = try renderCell(cell, document: document, outputs: outputs, figureHashes: figureHashes,
                                          numbering: &numbering, labels: &labels)
                markdown += cell.indent + cellToken(cellHTML.count) + "\n\n"
                cellHTML.append(html)
            }
        }

        // Replacement HTML for each fragment.
        var fragmentHTML: [String] = []
        var inlineIndex = 0
        for (id, fragment) in fragments.enumerated() {
            switch fragment {
            case let .math(tex, display, _):
                if display {
                    if let numbered = equations[id], let first = numbered.labels.first {
                        // The formula carries the first label's id; further labels (rows of
                        // an align) are empty anchors just before it.
                        let anchors = numbered.labels.dropFirst().map { "<a class=\"equation-anchor\" id=\"\(HTMLEscaping.escape($0))\"></a>" }.joined()
                        fragmentHTML.append(anchors + "<span class=\"math display\" id=\"\(HTMLEscaping.escape(first))\">\(HTMLEscaping.escape(numbered.tex))</span>")
                    } else {
                        fragmentHTML.append("<span class=\"math display\">\(HTMLEscaping.escape(unnumbered(tex)))</span>")
                    }
                } else {
                    fragmentHTML.append("<span class=\"math inline\">\(HTMLEscaping.escape(tex))</span>")
                }
            case .inline:
                if let value = record.inlineValues[inlineIndex] {
                    fragmentHTML.append("<span class=\"inline-value\">\(HTMLEscaping.escape(value))</span>")
                } else {
                    fragmentHTML.append("<span class=\"inline-value missing\" title=\"not evaluated\">?</span>")
                }
                inlineIndex += 1
            case let .reference(label, line):
                guard let target = labels[label] else {
                    if let cellLine = cellLabels[label] {
                        throw NotebookError.referenceWithoutOutput(file: document.path, line: line, label: label, cellLine: cellLine)
                    }
                    throw NotebookError.unknownReference(file: document.path, line: line, label: label)
                }
                let text = target.kind == "Equation" ? "Equation (\(target.number))" : "\(target.kind) \(target.number)"
                fragmentHTML.append("<a class=\"xref\" href=\"#\(HTMLEscaping.escape(label))\">\(text)</a>")
            case let .literal(character):
                fragmentHTML.append(character.unicodeScalars.map { "&#x" + String($0.value, radix: 16, uppercase: true) + ";" }.joined())
            }
        }

        // Markdown → HTML, heading anchors and TOC, then restore the placeholders.
        var html = Markdown.html(markdown)
        var toc: [TOCEntry] = []
        html = anchorHeadings(html, toc: &toc)
        html = restore(html, fragments: fragmentHTML, cells: cellHTML)
        toc = toc.map { TOCEntry(id: $0.id, html: restore($0.html, fragments: fragmentHTML, cells: []), level: $0.level) }
        return WovenPage(body: html, toc: toc, figures: numbering.figures)
    }

    /// The running numbers of one page.
    struct Numbering {
        var figures: [FigureFile] = []
        var tables = 0
        var equations = 0
    }

    // MARK: cells

    static func renderCell(_ cell: Cell, document: Document, outputs: [CellOutput], figureHashes: [String: String],
                           numbering: inout Numbering, labels: inout [String: Label]) throws -> String {
        var out = "<div class=\"cell\" id=\"cell-\(cell.index)\">\n"
        if cell.options.echo {
            out += "<pre class=\"cell-code\"><code class=\"language-swift\">\(HTMLEscaping.escape(cell.code))</code></pre>\n"
        }
        if !outputs.isEmpty {
            out += "<div class=\"cell-output\">\n"
            var labelUsed = false
            for output in outputs {
                switch output {
                case .text(let text):
                    out += "<pre class=\"output-text\">\(HTMLEscaping.escape(text))</pre>\n"
                case let .figure(file, caption):
                    guard let hash = figureHashes[file] else {
                        throw NotebookError.figureFailed(file: document.path, cell: cell.index, line: cell.fenceLine,
                                                         message: "the figure file \(file) is missing from the program's run")
                    }
                    let n = numbering.figures.count + 1
                    let target = "fig-\(n)-\(hash.prefix(12)).png"
                    numbering.figures.append(FigureFile(source: file, target: target))
                    let captionText = caption ?? cell.options.figCap
                    let alt = cell.options.figAlt ?? captionText ?? "Figure \(n) of \(document.title)"
                    var id = "figure-\(n)"
                    if let label = cell.options.label, label.hasPrefix("fig-"), !labelUsed {
                        id = label; labelUsed = true
                        labels[label] = Label(kind: "Figure", number: n)
                    }
                    out += "<figure class=\"figure\" id=\"\(HTMLEscaping.escape(id))\">\n"
                    out += "<img src=\"\(HTMLEscaping.escape(URLEscaping.pathComponent(document.name)))/\(target)\" alt=\"\(HTMLEscaping.escape(alt))\">\n"
                    out += "<figcaption><span class=\"figure-number\">Figure \(n)</span>"
                    out += captionText.map { ": " + HTMLEscaping.escape($0) } ?? ""
                    out += "</figcaption>\n</figure>\n"
                case .table(let tableHTML):
                    numbering.tables += 1
                    var id = "table-\(numbering.tables)"
                    if let label = cell.options.label, label.hasPrefix("tbl-"), !labelUsed {
                        id = label; labelUsed = true
                        labels[label] = Label(kind: "Table", number: numbering.tables)
                    }
                    out += "<div class=\"output-table\" id=\"\(HTMLEscaping.escape(id))\">\n"
                        + Self.numbered(table: tableHTML, number: numbering.tables) + "\n</div>\n"
                case .error(let message):
                    out += "<div class=\"output-error\"><div class=\"error-title\">Error</div><pre>\(HTMLEscaping.escape(message))</pre></div>\n"
                case .standardError(let text):
                    out += "<pre class=\"output-stderr\" title=\"standard error\">\(HTMLEscaping.escape(text))</pre>\n"
                }
            }
            out += "</div>\n"
        }
        return out + "</div>"
    }

    /// A shown table with its number in front of its caption, "Table N: caption", as a
    /// figure's caption carries "Figure N" (a table without a caption gets "Table N").
    /// `html` is a runtime `Table`'s markup: one `<table …>` opening tag, then an optional
    /// `<caption>`.
    static func numbered(table html: String, number: Int) -> String {
        let label = "<span class=\"figure-number\">Table \(number)</span>"
        if let caption = html.range(of: "<caption>") {
            return html.replacingCharacters(in: caption, with: "<caption>" + label + ": ")
        }
        guard let open = html.range(of: "<table"), let end = html[open.upperBound...].firstIndex(of: ">") else { return html }
        let after = html.index(after: end)
        return String(html[..<after]) + "\n<caption>" + label + "</caption>" + String(html[after...])
    }

    // MARK: equations
    /// KaTeX numbers `equation`, `align` and `gather` itself, restarting at 1 in every
    /// formula; the starred forms keep the page's numbering (labelled equations) unique.
    static func unnumbered(_ tex: String) -> String {
        var out = tex
        for env in ["equation", "align", "gather", "multline", "alignat", "eqnarray"] {
            out = out.replacingOccurrencesOf("\\begin{\(env)}", with: "\\begin{\(env)*}")
                     .replacingOccurrencesOf("\\end{\(env)}", with: "\\end{\(env)*}")
        }
        return out
    }

    // MARK: HTML post-processing

    /// Gives every `<hN>` an id (its slug, made unique) and collects h2/h3 for the TOC.
    static func anchorHeadings(_ html: String, toc: inout [TOCEntry]) -> String {
        var out = ""
        var rest = html[...]
        var used: [String: Int] = [:]
        while let open = rest.firstRange(of: "<h") {
            let after = rest[open.upperBound...]
            guard let levelChar = after.first, let level = levelChar.wholeNumberValue, (1...6).contains(level),
                  after.dropFirst().first == ">", let close = after.firstRange(of: "</h\(level)>") else {
                out += rest[..<open.upperBound]; rest = after; continue
            }
            let inner = String(after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound])
            var id = HTML.slug(HTML.stripTags(removingTokens(inner)))
            if let n = used[id] { used[id] = n + 1; id += "-\(n + 1)" } else { used[id] = 1 }
            out += rest[..<open.lowerBound]
            out += "<h\(level) id=\"\(id)\"><a class=\"anchor\" href=\"#\(id)\" aria-hidden=\"true\">#</a>\(inner)</h\(level)>"
            if level == 2 || level == 3 { toc.append(TOCEntry(id: id, html: inner, level: level)) }
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }

    static func removingTokens(_ text: String) -> String {
        var out = ""
        var skipping = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{E000}" { skipping = true } else if scalar == "\u{E001}" { skipping = false } else if !skipping { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Replaces fragment tokens (\u{E000}N\u{E001}) and cell tokens (\u{E002}N\u{E003},
    /// with the paragraph cmark put around them) in one pass.
    static func restore(_ html: String, fragments: [String], cells: [String]) -> String {
        let text = html.replacingOccurrencesOf("<p>\u{E002}", with: "\u{E002}").replacingOccurrencesOf("\u{E003}</p>", with: "\u{E003}")
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var number: String?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{E000}", "\u{E002}": number = ""
            case "\u{E001}", "\u{E003}":
                let list = scalar == "\u{E001}" ? fragments : cells
                if let n = Int(number ?? ""), n < list.count { out += list[n] }
                number = nil
            default:
                if number != nil { number!.unicodeScalars.append(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
