import Foundation
import Logging
import ServiceLifecycle
import SwitchboardStore

/// Deletes finished runs (and what only they need) once they are older than the retention period.
/// Runs with open dead letters are kept until replayed.
public struct RetentionService: Service {
    public let store: Store
    public let retention: Duration
    public let interval: Duration
    public let logger: Logger

    public init(store: Store, retention: Duration, interval: Duration = .seconds(3600), logger: Logger = Logger(label: "switchboard.retention")) {
        self.store = store
        self.retention = retention
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let cutoff = Int64(Date().timeIntervalSince1970) - retention.components.seconds
                let pruned = try await store.transaction { try await $0.pruneRuns(finishedBefore: cutoff) }
                if pruned > 0 { logger.info("pruned old runs", metadata: ["runs": "\(pruned)"]) }
            } catch {
                logger.error("pruning failed", metadata: ["error": "\(error)"])
            }
            // Sleep until the next pass, but wake for a graceful shutdown rather than holding the node up.
            try? await cancelOnGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }
}
