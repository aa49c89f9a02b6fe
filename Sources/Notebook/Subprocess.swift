import Foundation

/// Runs a short command to completion and collects its output (stdout and stderr
/// merged), in a session of its own that `ChildSessions` kills on SIGINT/SIGTERM (for swiftc).
enum Subprocess {
    /// Exit status and stdout and stderr together.
    struct Result { var status: Int32; var output: String }

    static func run(_ executable: String, _ arguments: [String], workingDirectory: String? = nil) throws -> Result {
        let pipe = try ChildProcess.closeOnExecPipe()
        let fds = [pipe.read, pipe.write]
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(executable, arguments, environment: ProcessInfo.processInfo.environment,
                                           workingDirectory: workingDirectory, stdout: fds[1], stderr: fds[1])
        } catch {
            close(fds[0]); close(fds[1])
            throw error
        }
        close(fds[1])
        return ChildSessions.shared.tracking(child) {
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                output += buffer[0..<n]
            }
            close(fds[0])
            let status: Int32
            switch child.wait(timeout: nil) {
            case .exited(let code)?: status = code
            case .signalled(let sig)?: status = 128 + sig
            case nil: status = -1
            }
            return Result(status: status, output: String(decoding: output, as: UTF8.self))
        }
    }
}
