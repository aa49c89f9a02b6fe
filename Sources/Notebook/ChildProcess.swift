import Foundation

/// A program started in a session of its own (posix_spawn with `POSIX_SPAWN_SETSID`),
/// so that it and every process it starts can be killed together: on a timeout, on a
/// failure, after it exits, and when mixbook itself gets SIGINT or SIGTERM (see
/// `ChildSessions`). Used for the notebook program and for swiftc.
struct ChildProcess {
    /// The child's pid, which is also its session id.
    let pid: pid_t

    /// How the child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `executable`. `stdout`/`stderr` are open descriptors the child gets as 1
    /// and 2; its standard input is /dev/null.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                      workingDirectory: String?, stdout: Int32, stderr: Int32) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let workingDirectory {
            guard let addChdir = addChdir else {
                throw NotebookError.toolchain("this C library has no posix_spawn_file_actions_addchdir_np (glibc 2.29 or later is needed)")
            }
            _ = workingDirectory.withCString { addChdir(&actions, $0) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session; default handlers for the signals mixbook itself catches; no mask.
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults); sigaddset(&defaults, SIGINT); sigaddset(&defaults, SIGTERM); sigaddset(&defaults, SIGPIPE)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(ChildProcess.spawnSetSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw NotebookError.toolchain("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child to end, up to `timeout` seconds (nil: no limit), calling
    /// `tick` about every `tickInterval` seconds meanwhile. Returns nil on a timeout
    /// (the child still runs).
    func wait(timeout: Double?, tickInterval: Double = 0.25, tick: () -> Void = {}) -> Termination? {
        let start = Date()
        var lastTick = start
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return ChildProcess.termination(status) }
            if r < 0 && errno != EINTR { return .exited(-1) }
            let now = Date()
            if let timeout, now.timeIntervalSince(start) >= timeout { return nil }
            if now.timeIntervalSince(lastTick) >= tickInterval { tick(); lastTick = now }
            usleep(10_000)
        }
    }

    /// Kills the child's whole session and reaps the child.
    func killSession() {
        ChildSessions.kill(session: pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    /// glibc's `POSIX_SPAWN_SETSID` (a GNU extension Swift's Glibc module does not export).
    static let spawnSetSID: Int32 = 0x80

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let pipe2Function: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// A pipe whose two ends are closed on exec (so no other child inherits them).
    static func closeOnExecPipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard let pipe2Function, pipe2Function(&fds, O_CLOEXEC) == 0 else {
            throw NotebookError.toolchain("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        return (fds[0], fds[1])
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    /// glibc's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module does not export.
    private static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
}

/// The sessions of the programs mixbook is running and the temporary folders it is
/// using, so that SIGINT and SIGTERM kill the former and remove the latter before
/// mixbook exits. Signals are process-wide, so this is the one process-wide registry of
/// the runner.
final class ChildSessions: @unchecked Sendable {
    static let shared = ChildSessions()

    private let lock = NSLock()
    private var sessions: Set<pid_t> = []
    private var folders: Set<String> = []
    private var sources: [DispatchSourceSignal] = []

    /// Runs `body` with `child`'s session registered; kills the session afterwards
    /// whatever happened, so no process the child started outlives it.
    func tracking<T>(_ child: ChildProcess, _ body: () throws -> T) rethrows -> T {
        lock.lock(); sessions.insert(child.pid); lock.unlock()
        defer {
            ChildSessions.kill(session: child.pid)
            lock.lock(); sessions.remove(child.pid); lock.unlock()
        }
        return try body()
    }

    /// Creates a temporary folder, runs `body` with it and removes it on every way out
    /// (a return, a thrown error, or SIGINT/SIGTERM to mixbook).
    func withTemporaryFolder<T>(prefix: String, _ body: (String) throws -> T) throws -> T {
        let folder = try FileBytes.temporaryDirectory(prefix: prefix)
        lock.lock(); folders.insert(folder); lock.unlock()
        defer {
            FileBytes.remove(folder)
            lock.lock(); folders.remove(folder); lock.unlock()
        }
        return try body(folder)
    }

    /// Catches SIGINT and SIGTERM (once per process): kill every registered session,
    /// remove every registered folder, then die of the same signal.
    func installSignalHandlers() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [unowned self] in self.shutDown(signal: sig) }
            source.resume()
            sources.append(source)
        }
    }

    private func shutDown(signal sig: Int32) {
        lock.lock()
        let running = sessions, temporary = folders
        lock.unlock()
        for session in running { ChildSessions.kill(session: session) }
        for folder in temporary { FileBytes.remove(folder) }
        signal(sig, SIG_DFL)
        Foundation.kill(getpid(), sig)
    }

    /// Sends SIGKILL to every process of session `sid` (found through /proc), until none is left.
    static func kill(session sid: pid_t) {
        Foundation.kill(-sid, SIGKILL)
        for _ in 0..<20 {
            let members = processes(inSession: sid)
            if members.isEmpty { return }
            for pid in members { Foundation.kill(pid, SIGKILL) }
            usleep(2_000)
        }
    }

    /// The names in /proc, read with readdir(3) (entries come and go while it is read).
    static func processEntries() -> [String] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let first = name.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { names.append(name) }
        }
        return names
    }

    /// A /proc file's bytes (its size is reported as 0, so it is read to its end).
    static func readProcFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    /// The live (not zombie) processes whose session id is `sid`.
    static func processes(inSession sid: pid_t) -> [pid_t] {
        processEntries().compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let bytes = readProcFile("/proc/\(entry)/stat") else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { return nil }
            // After "pid (comm)": state ppid pgrp session …
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 3, fields[0] != "Z", let session = pid_t(fields[3]) else { return nil }
            return session == sid ? pid : nil
        }
    }
}
