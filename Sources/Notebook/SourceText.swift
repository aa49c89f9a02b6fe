/// Decoding a notebook's bytes into lines, with a clear error for bytes that are not UTF-8.
enum SourceText {
    /// Decodes `bytes` as UTF-8, or throws `NotebookError.invalidUTF8` naming the first
    /// bad byte's offset and line. A leading byte-order mark is dropped; CRLF and a lone CR become LF.
    static func decode(_ bytes: [UInt8], file: String) throws -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: break loop
            case .error:
                let line = bytes[..<offset].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                throw NotebookError.invalidUTF8(file: file, byteOffset: offset, line: line)
            }
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(13) {
            // CRLF (Windows) and a lone CR (classic Mac OS) both end a line, as LF does.
            text = text.replacingOccurrencesOf("\r\n", with: "\n").replacingOccurrencesOf("\r", with: "\n")
        }
        return text
    }

    /// The lines of `text` without their terminators (a final newline gives no empty line).
    static func lines(_ text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { result.removeLast() }
        return result
    }
}

extension String {
    /// Plain substring replacement without Foundation.
    func replacingOccurrencesOf(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
