import Foundation

/// How a node runs jobs.
public struct RuntimeConfiguration: Sendable {
    /// This node's name in leases and attempt history (default: host name and process id).
    public var node: String
    /// Jobs run at the same time on this node.
    public var concurrency: Int
    /// Conservative, since a node's jobs share its store and its remotes' rate budgets. Nodes that mostly wait on
    /// remote APIs can run more (`--concurrency 32`); a free slot costs nothing, since the dispatcher leases as many
    /// jobs as there are free slots in one transaction (see the `webhooks` benchmark in docs/benchmarks.md).
    public static let defaultConcurrency = 8
    /// How long a leased job belongs to this node before others may take it; renewed while the job runs.
    public var lease: Duration
    /// How often to look for due jobs when nothing has woken the workers.
    public var pollInterval: Duration
    /// How long to wait for running jobs on shutdown before releasing their leases.
    public var shutdownGrace: Duration
    /// Finished runs older than this are deleted (dead-lettered runs are kept until replayed).
    public var retention: Duration
    /// When set, the node runs an incremental pass of every Zendesk mirror this often (one node per interval), so
    /// `zendesk.mirror` flows run without a separate `switchboard sync`.
    public var mirrorSyncInterval: Duration?
    /// This node's public address, for links to Switchboard's records (see ``PublicAddress``).
    public var publicURL: String
    /// How often the node looks for follow-up rungs (reminders, escalations) that fell due.
    public var followUpInterval: Duration
    /// How often the node feeds mirrored Zendesk user changes into profiles and relays profile changes to be pushed
    /// to Zendesk users (see ``ZendeskProfileSyncService``).
    public var profileSyncInterval: Duration = .seconds(5)

    public init(node: String = RuntimeConfiguration.defaultNodeName(), concurrency: Int = RuntimeConfiguration.defaultConcurrency, lease: Duration = .seconds(60),
                pollInterval: Duration = .milliseconds(500), shutdownGrace: Duration = .seconds(20), retention: Duration = .seconds(30 * 86_400),
                mirrorSyncInterval: Duration? = nil, publicURL: String = PublicAddress.resolve(), followUpInterval: Duration = .seconds(30)) {
        self.followUpInterval = followUpInterval
        self.node = node
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.pollInterval = pollInterval
        self.shutdownGrace = shutdownGrace
        self.retention = retention
        self.mirrorSyncInterval = mirrorSyncInterval
        self.publicURL = publicURL
    }

    public static func defaultNodeName() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())"
    }
}
