import Foundation

/// How a node runs jobs.
public struct RuntimeConfiguration: Sendable {
    /// This node's name in leases and attempt history (default: host name and process id).
    public var node: String
    /// Jobs run at the same time on this node.
    public var concurrency: Int
    /// How long a leased job belongs to this node before others may take it; renewed while the job runs.
    public var lease: Duration
    /// How often to look for due jobs when nothing has woken the workers.
    public var pollInterval: Duration
    /// How long to wait for running jobs on shutdown before releasing their leases.
    public var shutdownGrace: Duration
    /// Finished runs older than this are deleted (dead-lettered runs are kept until replayed).
    public var retention: Duration

    public init(node: String = RuntimeConfiguration.defaultNodeName(), concurrency: Int = 8, lease: Duration = .seconds(60),
                pollInterval: Duration = .milliseconds(500), shutdownGrace: Duration = .seconds(20), retention: Duration = .seconds(30 * 86_400)) {
        self.node = node
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.pollInterval = pollInterval
        self.shutdownGrace = shutdownGrace
        self.retention = retention
    }

    public static func defaultNodeName() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())"
    }
}
