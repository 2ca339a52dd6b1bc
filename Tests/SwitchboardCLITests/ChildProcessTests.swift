import Foundation
import Testing

/// The test suite's own process launcher: children see only standard input, output and error, and their exit
/// code or killing signal comes back as `Process` reported it.
@Suite struct ChildProcessTests {
    private func run(_ script: String, holding extra: Int = 0) async throws -> (status: Int32, stdout: String) {
        // Descriptors the child must not inherit: open files this process holds while spawning.
        let held = (0..<extra).map { _ in open("/dev/null", O_RDONLY) }
        defer { for descriptor in held { close(descriptor) } }
        let stdout = Pipe(), stderr = Pipe()
        let child = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", script], environment: ["PATH": "/usr/bin:/bin"],
                                           stdin: nil, stdout: stdout.fileHandleForWriting.fileDescriptor, stderr: stderr.fileHandleForWriting.fileDescriptor)
        try stdout.fileHandleForWriting.close()
        try stderr.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let deadline = ContinuousClock.now + .seconds(30)
        while child.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return (child.terminationStatus ?? -1, String(decoding: output, as: UTF8.self))
    }

    @Test func aChildInheritsOnlyItsStandardDescriptors() async throws {
        // `ls` opens the directory itself (one more descriptor, 3); anything above that would be inherited.
        let result = try await run("ls /proc/self/fd", holding: 50)
        let descriptors = result.stdout.split(whereSeparator: \.isNewline).compactMap { Int($0) }.sorted()
        #expect(result.status == 0)
        #expect(descriptors.first == 0)
        #expect(descriptors.allSatisfy { $0 <= 3 }, "inherited: \(descriptors)")
    }

    @Test func exitCodesAndSignalsAreReported() async throws {
        #expect(try await run("exit 7").status == 7)
        #expect(try await run("kill -9 $$").status == SIGKILL)
        #expect(try await run("cat").status == 0)  // standard input is /dev/null: cat ends at once
    }
}
