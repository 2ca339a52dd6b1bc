import Foundation
import Synchronization

/// Runs the built `switchboard` executable as a child process, the way a user or a script would.
struct CLIProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var succeeded: Bool { status == 0 }
    }

    /// The `switchboard` binary next to the test bundle (`.build/<triple>/debug/`), or `$SWITCHBOARD_BINARY`.
    static let binary: String = {
        if let override = ProcessInfo.processInfo.environment["SWITCHBOARD_BINARY"] { return override }
        var candidates: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("switchboard"))
                directory.deleteLastPathComponent()
            }
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/switchboard"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? ".build/debug/switchboard"
    }()

    let environment: [String: String]

    /// A child environment with its own `SWITCHBOARD_HOME` (so its key file and default database are private).
    init(home: String, extra: [String: String] = [:]) {
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHBOARD_HOME"] = home
        environment.removeValue(forKey: "SWITCHBOARD_MASTER_KEY")
        environment.removeValue(forKey: "SWITCHBOARD_POSTGRES_URL")
        environment.removeValue(forKey: "SWITCHBOARD_DB")
        for (key, value) in extra { environment[key] = value }
        self.environment = environment
    }

    /// Start the binary; `stdin` (when given) is the read end of a pipe the caller writes to.
    func start(_ arguments: [String], stdin: Pipe? = nil) throws -> RunningProcess {
        let stdout = Pipe()
        let stderr = Pipe()
        let child = try ChildProcess.spawn(executable: Self.binary, arguments: arguments, environment: environment,
                                           stdin: stdin?.fileHandleForReading.fileDescriptor,
                                           stdout: stdout.fileHandleForWriting.fileDescriptor, stderr: stderr.fileHandleForWriting.fileDescriptor)
        // The child holds its own copies; the parent keeps only the ends it reads from (or writes to).
        try stdout.fileHandleForWriting.close()
        try stderr.fileHandleForWriting.close()
        try stdin?.fileHandleForReading.close()
        return RunningProcess(child: child, stdout: stdout, stderr: stderr)
    }

    /// Run to completion (or until `timeout`, then kill and fail).
    func run(_ arguments: [String], timeout: Duration = .seconds(120)) async throws -> Result {
        let running = try start(arguments)
        return try await running.wait(timeout: timeout)
    }
}

/// A started child process whose output is collected as it arrives.
final class RunningProcess: @unchecked Sendable {
    /// Output collected from the pipes' handlers, which run on other threads.
    final class Collected: Sendable {
        let data = Mutex<(Data, Data)>((Data(), Data()))
    }

    private let child: ChildProcess
    /// Kept so their read ends stay open as long as output may arrive.
    private let pipes: [Pipe]
    private let output = Collected()

    init(child: ChildProcess, stdout: Pipe, stderr: Pipe) {
        self.child = child
        self.pipes = [stdout, stderr]
        let output = self.output
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.data.withLock { $0.0.append(data) }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.data.withLock { $0.1.append(data) }
        }
    }

    var pid: Int32 { child.pid }
    var stdout: String { output.data.withLock { String(decoding: $0.0, as: UTF8.self) } }
    var stderr: String { output.data.withLock { String(decoding: $0.1, as: UTF8.self) } }

    func kill(signal: Int32 = SIGKILL) {
        child.kill(signal: signal)
    }

    /// Wait for exit; kill the process and throw if it outlives `timeout`.
    func wait(timeout: Duration) async throws -> CLIProcess.Result {
        let deadline = ContinuousClock.now + timeout
        while child.isRunning {
            if ContinuousClock.now > deadline {
                kill()
                throw CLITestError.timedOut(stdout: stdout, stderr: stderr)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(50))
        return CLIProcess.Result(status: child.terminationStatus ?? -1, stdout: stdout, stderr: stderr)
    }

    /// Wait until standard output contains `text`.
    func waitForOutput(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while !stdout.contains(text) {
            guard child.isRunning, ContinuousClock.now < deadline else { throw CLITestError.timedOut(stdout: stdout, stderr: stderr) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return stdout
    }
}

enum CLITestError: Error, CustomStringConvertible {
    case timedOut(stdout: String, stderr: String)
    var description: String {
        switch self {
        case .timedOut(let stdout, let stderr): return "process timed out\nstdout: \(stdout)\nstderr: \(stderr)"
        }
    }
}

/// A temporary directory removed at the end of a test.
struct TemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
