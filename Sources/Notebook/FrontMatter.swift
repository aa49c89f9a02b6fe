import Yams

/// A notebook parameter's value, typed from its YAML default.
public enum ParameterValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int), double(Double), bool(Bool), string(String)

    /// The Swift type name used in the generated `Parameters` struct.
    public var swiftType: String {
        switch self {
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .string: return "String"
        }
    }

    /// A Swift literal for this value.
    public var swiftLiteral: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v):
            if v.isNaN { return "Double.nan" }
            if v.isInfinite { return v > 0 ? "Double.infinity" : "-Double.infinity" }
            return "\(v)"
        case .bool(let v): return v ? "true" : "false"
        case .string(let v): return swiftStringLiteral(v)
        }
    }

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return "\(v)"
        case .bool(let v): return v ? "true" : "false"
        case .string(let v): return v
        }
    }

    /// Parses `text` as a value of the same type as `self`, or returns nil.
    public func parsingOverride(_ text: String) -> ParameterValue? {
        let t = text.trimmingWhitespace()
        switch self {
        case .int: return Int(t).map(ParameterValue.int)
        case .double: return Double(t).map(ParameterValue.double)
        case .bool:
            switch t.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default: return nil
            }
        case .string: return .string(text)
        }
    }
}

/// What a notebook is, for the sections of the index page (front matter `kind:`).
public enum NotebookKind: String, CaseIterable, Sendable {
    case tutorial, example, gallery
}

/// One declared parameter, in front-matter order.
public struct Parameter: Equatable, Sendable {
    public var name: String
    public var value: ParameterValue
}

/// A notebook's document settings, from its YAML front matter.
public struct FrontMatter: Equatable, Sendable {
    public var title: String?
    public var subtitle: String?
    public var author: String?
    public var date: String?
    public var description: String?
    /// Where the notebook stands on the index page and in the previous/next links:
    /// `order: 1` comes first. Notebooks with an `order` come in increasing order (equal
    /// orders by title); notebooks without one come after them, by title.
    public var order: Int?
    /// What the notebook is, for the index page's sections: `kind: tutorial`, `example`
    /// (a worked example) or `gallery`. Notebooks without one are listed after the
    /// worked examples.
    public var kind: NotebookKind?
    /// The seed every random generator of the notebook starts from.
    public var seed: UInt64 = 42
    /// Seconds the program may run before it is stopped.
    public var timeout: Double = 300
    /// Declared parameters with their defaults, in order.
    public var params: [Parameter] = []

    public init() {}

    static let knownKeys: Set<String> = ["title", "subtitle", "author", "date", "description", "order", "kind", "seed", "timeout", "params", "format", "lang"]

    /// Parses the YAML between the `---` lines. `firstLine` is the file line of the
    /// first YAML line, so that errors name the notebook's line.
    static func parse(yaml: String, file: String, firstLine: Int) throws -> FrontMatter {
        var result = FrontMatter()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, file: file, firstLine: firstLine)
        } catch {
            throw NotebookError.invalidFrontMatter(file: file, line: firstLine, message: "\(error)")
        }
        guard let root else { return result }
        guard let mapping = root.mapping else {
            throw NotebookError.invalidFrontMatter(file: file, line: firstLine, message: "expected 'key: value' lines")
        }
        func line(_ node: Node) -> Int { firstLine - 1 + (node.mark?.line ?? 1) }
        func text(_ node: Node, _ key: String) throws -> String {
            guard let s = node.scalar?.string else {
                throw NotebookError.invalidFrontMatter(file: file, line: line(node), message: "'\(key)' must be a single line of text")
            }
            return s
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            switch key {
            case "title": result.title = try text(value, key)
            case "subtitle": result.subtitle = try text(value, key)
            case "author": result.author = try text(value, key)
            case "date": result.date = try text(value, key)
            case "description": result.description = try text(value, key)
            case "order":
                guard let s = value.scalar?.string, let order = Int(s.trimmingWhitespace()) else {
                    throw NotebookError.invalidFrontMatter(file: file, line: line(value), message: "'order' must be an integer (its place on the index page), not '\(value.scalar?.string ?? "…")'")
                }
                result.order = order
            case "kind":
                guard let s = value.scalar?.string, let kind = NotebookKind(rawValue: s.trimmingWhitespace()) else {
                    throw NotebookError.invalidFrontMatter(file: file, line: line(value), message: "'kind' must be one of \(NotebookKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value.scalar?.string ?? "…")'")
                }
                result.kind = kind
            case "seed":
                guard let s = value.scalar?.string, let seed = UInt64(s) else {
                    throw NotebookError.invalidFrontMatter(file: file, line: line(value), message: "'seed' must be a non-negative integer, not '\(value.scalar?.string ?? "…")'")
                }
                result.seed = seed
            case "timeout":
                guard let s = value.scalar?.string, let t = Double(s), t > 0 else {
                    throw NotebookError.invalidFrontMatter(file: file, line: line(value), message: "'timeout' must be a positive number of seconds, not '\(value.scalar?.string ?? "…")'")
                }
                result.timeout = t
            case "params":
                guard let params = value.mapping else {
                    throw NotebookError.invalidFrontMatter(file: file, line: line(value), message: "'params' must be 'name: default' lines")
                }
                for (nameNode, defaultNode) in params {
                    guard let name = nameNode.scalar?.string, isSwiftIdentifier(name) else {
                        throw NotebookError.invalidFrontMatter(file: file, line: line(nameNode), message: "parameter name '\(nameNode.scalar?.string ?? "…")' is not a Swift identifier")
                    }
                    guard let scalar = defaultNode.scalar else {
                        throw NotebookError.invalidFrontMatter(file: file, line: line(defaultNode), message: "parameter '\(name)' needs a single default value (a number, true/false or text)")
                    }
                    result.params.append(Parameter(name: name, value: typedValue(defaultNode, scalar)))
                }
            default:
                throw NotebookError.invalidFrontMatter(file: file, line: line(keyNode), message: "unknown key '\(key)'; known keys: \(knownKeys.sorted().joined(separator: ", "))")
            }
        }
        return result
    }

    private static func typedValue(_ node: Node, _ scalar: Node.Scalar) -> ParameterValue {
        if scalar.style == .plain {
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .int: if let v = node.int { return .int(v) }
            case .float: if let v = node.float { return .double(v) }
            case .bool: if let v = node.bool { return .bool(v) }
            default: break
            }
        }
        return .string(scalar.string)
    }

    private static func yamlError(_ error: YamlError, file: String, firstLine: Int) -> NotebookError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = [context.map { "\($0.text)" }, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .invalidFrontMatter(file: file, line: firstLine - 1 + mark.line, message: detail + " (column \(mark.column))")
        case let .duplicatedKeysInMapping(duplicates, context):
            return .invalidFrontMatter(file: file, line: firstLine - 1 + context.mark.line, message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return .invalidFrontMatter(file: file, line: firstLine, message: "\(error)")
        }
    }
}

/// True when `name` can be used as a Swift identifier (letters, digits, underscore).
func isSwiftIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
    let reserved: Set<String> = ["let", "var", "func", "class", "struct", "enum", "if", "else", "for", "in", "while", "return", "true", "false", "nil", "self", "Self", "init", "import", "protocol", "extension", "default", "switch", "case", "do", "try", "throw", "is", "as", "static", "public", "private", "internal", "operator", "repeat", "break", "continue", "where", "guard", "defer", "inout", "subscript", "typealias", "associatedtype", "deinit", "fallthrough", "super", "catch", "throws", "rethrows", "Any", "Type"]
    return !reserved.contains(name) && name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
}

/// A Swift string literal for `text`, with every special character escaped.
func swiftStringLiteral(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\0": out += "\\0"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let ws: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !ws($0) }) else { return "" }
        let end = lastIndex(where: { !ws($0) })!
        return String(self[start...end])
    }
}
