/// Percent-encoding (RFC 3986) for the file names the runner writes into links and
/// image sources, so that `100%.md`, `a#b.md`, spaces and non-ASCII names link right.
public enum URLEscaping {
    /// `name` as one path segment of a relative URL: every byte of its UTF-8 except the
    /// unreserved characters `A–Z a–z 0–9 - . _ ~` becomes `%XX`.
    public static func pathComponent(_ name: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%"); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
