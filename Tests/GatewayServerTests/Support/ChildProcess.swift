import Foundation
import Synchronization

/// A child process started with `posix_spawn`, its stdout and stderr on one pipe.
///
/// Stands in for Foundation's `Process`, whose `run()` on Linux (Swift 6.3.1) now and then
/// crashes the whole test run: `findMaximumOpenFromProcSelfFD()` copies 256 bytes of each
/// `/proc/self/fd` entry and reads past the end of glibc's buffer
/// (swiftlang/swift-corelibs-foundation#5472, fixed after 6.3.1).
final class ChildProcess: Sendable {
    let processIdentifier: pid_t
    private let exitStatus = Mutex<Int32?>(nil)
    /// The pipe's read end; held for the child's lifetime (released, it would close the pipe).
    private let reader: FileHandle

    /// Starts `executable` with `arguments` and `environment`; every chunk the child writes to
    /// stdout or stderr goes to `output` (on a reader thread), until the child closes them.
    init(executable: String, arguments: [String], environment: [String: String], output: @escaping @Sendable (Data) -> Void) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw ChildProcessError.spawn(errno) }
        // Neither end leaks into children spawned meanwhile by other tests.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        // Nothing else of the test process leaks into the child: sockets NIO opened without
        // close-on-exec (listeners of simulators among them, which would stay bound while the
        // child lives) and other children's pipes.
        let closing = Self.closeFrom(&actions, 3)
        guard closing == 0 else { throw ChildProcessError.spawn(closing) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw ChildProcessError.spawn(spawned)
        }
        processIdentifier = pid

        reader = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        reader.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { output(data) }
        }
    }

    /// Whether the child has not exited yet (reaps it once it has).
    var isRunning: Bool { status == nil }

    /// The exit code, or 128 + the signal that ended it; nil while it runs.
    var status: Int32? {
        exitStatus.withLock { stored in
            if let stored { return stored }
            var raw: Int32 = 0
            guard waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier else { return nil }
            let low = raw & 0x7f
            stored = low == 0 ? (raw >> 8) & 0xff : 128 + low
            return stored
        }
    }

    /// Sends `signal` unless the child has already exited.
    func send(_ signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }
}

extension ChildProcess {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which the Glibc module does
    /// not export to Swift.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    fileprivate static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        guard let addCloseFrom else { return ENOSYS }
        return addCloseFrom(actions, lowest)
    }
}

enum ChildProcessError: Error {
    case spawn(Int32)
}
