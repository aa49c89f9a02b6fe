import Foundation

/// Small file helpers shared by the stages.
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// Writes `bytes` to `path` through a temporary file (`PATH.tmp-PID`, flushed to
    /// disk) and a rename, so `path` holds either its old bytes or all the new ones.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let tmp = path + temporarySuffix + "\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw NotebookError.output(path: path, reason: "cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                close(fd); unlink(tmp)
                throw NotebookError.output(path: path, reason: reason)
            }
            written += n
        }
        fsync(fd)
        close(fd)
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw NotebookError.output(path: path, reason: reason)
        }
        // Flush the rename too, so that after a power loss the folder holds the new name.
        let folder = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    /// What `writeAtomically` appends to a temporary file's name (before the pid).
    static let temporarySuffix = ".tmp-"

    static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// Creates `path` and its parents.
    static func makeDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        catch { throw NotebookError.output(path: path, reason: error.localizedDescription) }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// A fresh private directory under the system's temporary folder.
    static func temporaryDirectory(prefix: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        guard let p = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw NotebookError.output(path: NSTemporaryDirectory(), reason: "cannot create a temporary directory")
        }
        return String(cString: p)
    }

    /// Sorted names in a directory (empty when it does not exist).
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
