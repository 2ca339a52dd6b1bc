import Foundation

/// Deliberate crash points for testing crash safety, switched on by `SWITCHBOARD_FAILPOINTS`
/// (comma-separated), e.g. `after-send:zendesk.add_comment` kills the process with SIGKILL right after the
/// remote accepted a comment and before Switchboard recorded it — the worst moment for duplicates.
public struct FailPoints: Sendable {
    private let active: Set<String>

    public init(_ names: Set<String>) {
        self.active = names
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> FailPoints {
        FailPoints(Set((environment["SWITCHBOARD_FAILPOINTS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
    }

    public static let none = FailPoints([])

    /// Die here if `name` is switched on.
    public func hit(_ name: String) {
        guard active.contains(name) else { return }
        FileHandle.standardError.write(Data("failpoint \(name): killing the process\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
