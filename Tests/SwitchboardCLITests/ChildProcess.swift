import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, in which every descriptor above standard error is closed.
///
/// Why not Foundation's `Process`: on Linux it emulates close-on-exec by listing `/proc/self/fd` and copying each
/// entry's name as a fixed 256-byte field, which reads past the end of the directory buffer. With the 1,400 or so
/// descriptors a full test run holds open, that read reached an unmapped page and killed the whole test process
/// with SIGSEGV (in CI, and once locally, both inside `Process.run()`). Here the child closes the rest itself
/// (`posix_spawn_file_actions_addclosefrom_np`, or one close per open descriptor where glibc lacks it).
final class ChildProcess: Sendable {
    let pid: pid_t
    /// The raw `waitpid` status once the child has been reaped.
    private let reaped = Mutex<Int32?>(nil)

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Start `executable` with its standard output and error written to the given descriptors, and its standard
    /// input read from `stdin` (or `/dev/null`). The child gets a process group of its own, as with `Process`.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      stdin: Int32?, stdout: Int32, stderr: Int32) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        try check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            try check(posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO), "adddup2 stdin")
        } else {
            try check(posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0), "addopen /dev/null")
        }
        try check(posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO), "adddup2 stdout")
        try check(posix_spawn_file_actions_adddup2(&actions, stderr, STDERR_FILENO), "adddup2 stderr")
        try closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        try check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }
        try check(posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP)), "posix_spawnattr_setflags")

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        try check(posix_spawn(&pid, executable, &actions, &attributes, argv, envp), "posix_spawn \(executable)")
        return ChildProcess(pid: pid)
    }

    /// Whether the child is still running (reaping it when it has ended).
    var isRunning: Bool { status == nil }

    /// The exit code, or the signal number for a child killed by a signal (as `Process.terminationStatus`);
    /// nil while it runs.
    var terminationStatus: Int32? {
        guard let status else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }

    private var status: Int32? {
        reaped.withLock { reaped in
            if reaped == nil {
                var status: Int32 = 0
                var result: pid_t
                repeat { result = waitpid(pid, &status, WNOHANG) } while result == -1 && errno == EINTR
                if result == pid { reaped = status }
            }
            return reaped
        }
    }

    func kill(signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Close every descriptor from 3 up in the child.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) throws {
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
            try check(addCloseFrom(&actions, 3), "addclosefrom_np")
            return
        }
        let limit = min(getdtablesize(), 1 << 16)
        for descriptor in 3..<max(limit, 3) where fcntl(descriptor, F_GETFD) != -1 {
            try check(posix_spawn_file_actions_addclose(&actions, descriptor), "addclose \(descriptor)")
        }
    }

    private static func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw ChildProcessError(operation: what, code: result) }
    }
}

/// A failed step in starting a child process, with the `errno`-style code it returned.
struct ChildProcessError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32
    var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}
