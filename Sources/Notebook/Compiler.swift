import Foundation

/// Compiles a notebook's program with swiftc against the release build of the library.
///
/// This is the one place that knows the compiler invocation:
///
///     swiftc -Onone -diagnostic-style=llvm -suppress-warnings [-use-ld=lld]
///       -module-name NotebookProgram main.swift
///       -I ROOT/.build/release/Modules -L ROOT/.build/release -lMixbook
///       -Xlinker -rpath -Xlinker ROOT/.build/release
///       -Xcc -fmodule-map-file=ROOT/Sources/CLinearAlgebra/module.modulemap
///       -Xcc -fmodule-map-file=ROOT/Sources/CCairo/module.modulemap -o program
///
/// `-Onone` keeps a trap's file:line (no `-g`: the message comes from `#file`/`#line`,
/// and debug info costs a quarter of the compile); `-diagnostic-style=llvm` makes errors
/// read `notebooks/x.md:LINE:COL: error: …` through the program's `#sourceLocation`
/// lines; lld, when the toolchain has it, links faster than the default linker.
///
/// The files handed to the toolchain are always `main.swift` and `program` in a folder
/// named `mixbook-build-XXXXXX`: nothing of the notebook's name reaches a command line
/// (a `%` or a space in a notebook's name cannot confuse the linker).
public struct Compiler: Sendable {
    public var toolchain: Toolchain

    public init(toolchain: Toolchain) { self.toolchain = toolchain }

    /// The swiftc arguments for `source` → `output`.
    public func arguments(source: String, output: String) -> [String] {
        let build = toolchain.buildDirectory
        let lld = FileManager.default.isExecutableFile(atPath: (toolchain.swiftc as NSString).deletingLastPathComponent + "/ld.lld")
        return ["-Onone", "-diagnostic-style=llvm", "-suppress-warnings"] + (lld ? ["-use-ld=lld"] : [])
             + ["-module-name", ProgramBuilder.moduleName, source,
                "-I", build + "/Modules", "-L", build, "-lMixbook",
                "-Xlinker", "-rpath", "-Xlinker", build,
                "-Xcc", "-fmodule-map-file=\(toolchain.root)/Sources/CLinearAlgebra/module.modulemap",
                "-Xcc", "-fmodule-map-file=\(toolchain.root)/Sources/CCairo/module.modulemap",
                "-o", output]
    }

    /// Writes `program` to `directory/main.swift`, compiles it to `directory/program`
    /// and returns the executable's path. A compile error becomes
    /// `NotebookError.compileFailed` with the notebook's code around each error.
    public func compile(_ program: Program, document: Document, in directory: String) throws -> String {
        let source = directory + "/main.swift"
        let output = directory + "/program"
        try FileBytes.writeAtomically(program.source, to: source)
        let result = try Subprocess.run(toolchain.swiftc, arguments(source: source, output: output), workingDirectory: directory)
        guard result.status == 0 else {
            throw NotebookError.compileFailed(file: document.path,
                                              diagnostics: DiagnosticFormatter.format(result.output, document: document,
                                                                                      program: program, generatedSource: source))
        }
        return output
    }
}

/// Shows compiler diagnostics that point into the notebook with the notebook's lines
/// around them and a caret under the column, as a compiler would.
public enum DiagnosticFormatter {
    ///
    /// A diagnostic in the generated program's own lines (`generatedSource`, e.g. the
    /// `expected '}'` of an unbalanced brace, which swiftc reports at the end of the
    /// program) is moved to the notebook: to the end of the cell whose `{` a following
    /// note points at, or else to the end of the cell before that generated line.
    public static func format(_ output: String, document: Document, program: Program? = nil, generatedSource: String? = nil) -> String {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let program, let generatedSource {
            lines = relocate(lines, document: document, program: program, generatedSource: generatedSource)
        }
        var out: [String] = []
        var quoting = false   // swiftc's own source line and caret after a notebook diagnostic
        for line in lines.map({ $0[...] }) {
            if line.hasPrefix("error: emit-module command failed") || line.hasPrefix("error: compile command failed") { continue }
            guard let d = parse(line), d.file == document.path else {
                if parse(line) != nil { quoting = false }
                if !line.isEmpty && !quoting { out.append(String(line)) }
                continue
            }
            quoting = true
            out.append(String(line))
            guard d.kind == "error" else { continue }
            let first = max(1, d.line - 2), last = min(document.sourceLines.count, d.line + 2)
            guard first <= last else { continue }
            let width = String(last).count
            for n in first...last {
                let number = String(n)
                let marker = n == d.line ? ">" : " "
                out.append("\(marker) \(String(repeating: " ", count: width - number.count))\(number) | \(document.sourceLine(n) ?? "")")
                if n == d.line {
                    out.append("  \(String(repeating: " ", count: width)) | \(String(repeating: " ", count: max(0, d.column - 1)))^")
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// Rewrites `generatedSource:LINE:COL:` diagnostics to notebook locations.
    static func relocate(_ lines: [String], document: Document, program: Program, generatedSource: String) -> [String] {
        let generatedNames: Set<String> = [generatedSource, "main.swift", (generatedSource as NSString).lastPathComponent]
        var result = lines
        for (k, line) in lines.enumerated() {
            guard let d = parse(line[...]), generatedNames.contains(d.file) || d.file.hasSuffix("/main.swift") else { continue }
            let message = line[line.firstRange(of: ": \(d.kind): ")!.lowerBound...]
            // A note just after it that points at an opening brace in the notebook names the cell.
            var target: (line: Int, cell: Int)?
            for next in lines[(k + 1)...].prefix(8) {
                if let n = parse(next[...]), n.file == document.path, n.kind == "note",
                   let cell = document.cells.first(where: { $0.codeLine <= n.line && n.line < $0.closingFenceLine }) {
                    target = (cell.closingFenceLine, cell.index); break
                }
            }
            if target == nil, let b = program.blamed(generatedLine: d.line) { target = (b.notebookLine, b.cell) }
            guard let (notebookLine, cell) = target else { continue }
            let place = cell > 0 ? " (at the end of cell \(cell))" : ""
            result[k] = "\(document.path):\(notebookLine):1\(message)\(place)"
        }
        return result
    }

    struct Diagnostic { var file: String; var line: Int; var column: Int; var kind: String }

    /// Parses `FILE:LINE:COL: KIND: message`.
    static func parse(_ line: Substring) -> Diagnostic? {
        for kind in ["error", "warning", "note"] {
            guard let r = line.firstRange(of: ": \(kind): ") else { continue }
            let head = line[..<r.lowerBound].split(separator: ":")
            guard head.count >= 3, let l = Int(head[head.count - 2]), let c = Int(head[head.count - 1]) else { return nil }
            return Diagnostic(file: head[..<(head.count - 2)].joined(separator: ":"), line: l, column: c, kind: kind)
        }
        return nil
    }
}
