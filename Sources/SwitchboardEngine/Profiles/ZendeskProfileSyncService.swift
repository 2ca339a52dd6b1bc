import Foundation
import Logging
import ServiceLifecycle
import SwitchboardStore

/// Keeps profiles and Zendesk users in step from inside `switchboard serve`: every
/// ``RuntimeConfiguration/profileSyncInterval`` it feeds the mirror's new user versions of every Zendesk connection
/// into profiles (``ZendeskProfileInbound``), then relays profile changes made by other sources as `profile.changed`
/// events (``ProfileChangeRelay``). Every node runs one; both steps are idempotent and commit with their cursors, so
/// several nodes, or a crash, never apply or push a change twice.
public struct ZendeskProfileSyncService: Service {
    public let runtime: FlowRuntime
    public let interval: Duration
    public let logger: Logger

    public init(runtime: FlowRuntime, interval: Duration = .seconds(5), logger: Logger = Logger(label: "switchboard.profiles")) {
        self.runtime = runtime
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await tick()
            try? await cancelOnGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }

    /// One inbound feed of every Zendesk connection, then one relay. Failures are logged and retried next tick.
    public func tick() async {
        await Self.syncOnce(runtime: runtime, connections: nil, logger: logger)
    }

    /// Feed `connections` (nil: every stored Zendesk connection) and relay; what `switchboard sync zendesk` runs
    /// after a pass.
    public static func syncOnce(runtime: FlowRuntime, connections: [String]?, logger: Logger) async {
        let names: [String]
        if let connections {
            names = connections
        } else {
            do {
                names = try await runtime.store.session { try await $0.connections() }.filter { $0.kind == ZendeskConnections.kind }.map(\.name)
            } catch {
                logger.error("cannot list connections for profile sync", metadata: ["error": "\(error)"])
                return
            }
        }
        for name in names {
            do {
                let report = try await ZendeskProfileInbound(store: runtime.store).feed(connection: name)
                if report.activities > 0 {
                    logger.info("zendesk users fed into profiles", metadata: ["connection": "\(name)", "activities": "\(report.activities)",
                                                                             "changes": "\(report.changes)", "echoes": "\(report.echoes)"])
                }
            } catch {
                logger.error("feeding zendesk users into profiles failed; the next tick resumes from the cursor", metadata: ["connection": "\(name)", "error": "\(error)"])
            }
        }
        do {
            let events = try await ProfileChangeRelay(runtime: runtime).relay()
            if events > 0 { logger.info("profile changes relayed for zendesk", metadata: ["events": "\(events)"]) }
        } catch {
            logger.error("relaying profile changes failed; the next tick resumes from the cursor", metadata: ["error": "\(error)"])
        }
    }
}
