import ConnectorKit
import Foundation
import Logging
import ServiceLifecycle
import SwitchboardStore
import ZendeskKit

/// Keeps every Zendesk mirror and every Consonance snapshot current from inside `switchboard serve`
/// (`--sync-interval`), so flows with a `zendesk.mirror` or `consonance` trigger run without a cron job. Each interval is a slot claimed in the database like a schedule
/// slot: with several nodes, one of them runs the pass. Changes become events in the same transactions as the pages.
public struct MirrorSyncService: Service {
    public let store: Store
    public let secrets: SecretBox
    public let transport: any HTTPTransport
    public let runtime: FlowRuntime
    public let interval: Duration
    public let node: String
    public let logger: Logger

    public init(store: Store, secrets: SecretBox, transport: any HTTPTransport, runtime: FlowRuntime, interval: Duration, node: String,
                logger: Logger = Logger(label: "switchboard.sync")) {
        self.store = store
        self.secrets = secrets
        self.transport = transport
        self.runtime = runtime
        self.interval = interval
        self.node = node
        self.logger = logger
    }

    /// The pseudo-flow name under which sync slots are claimed.
    static let slotName = "switchboard:mirror-sync"

    public func run() async throws {
        let seconds = max(1, interval.components.seconds)
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let now = Int64(Date().timeIntervalSince1970)
            let slot = now - now % seconds
            let claimed = (try? await store.session { [node] in try await $0.claimScheduleSlot(flow: Self.slotName, slot: slot, node: node, now: now) }) ?? false
            if claimed { await syncAll() }
            let wait = Duration.seconds(slot + seconds - Int64(Date().timeIntervalSince1970))
            try? await cancelOnGracefulShutdown { try await Task.sleep(for: max(wait, .milliseconds(100))) }
        }
    }

    /// One incremental pass of every Zendesk connection, then one poll of every Consonance connection; a failing
    /// connection is logged and retried next slot.
    public func syncAll() async {
        let all: [ConnectionRecord]
        do {
            all = try await store.session { try await $0.connections() }
        } catch {
            logger.error("cannot list connections for the mirror sync", metadata: ["error": "\(error)"])
            return
        }
        await syncZendesk(all.filter { $0.kind == ZendeskConnections.kind }.map(\.name))
        await pollConsonance(all.filter { $0.kind == ConsonanceConnections.kind }.map(\.name))
    }

    func pollConsonance(_ names: [String]) async {
        for name in names {
            do {
                let connection = try await ConsonanceConnections(store: store, secrets: secrets).load(name: name)
                let poller = ConsonancePoller(store: store, client: connection.client(transport: transport), connection: name, host: connection.record.baseURL,
                                              settings: connection.settings, runtime: runtime, logger: logger)
                let summary = try await poller.poll()
                logger.info("consonance polled", metadata: ["connection": "\(name)", "works": "\(summary.works)", "events": "\(summary.events)"])
                runtime.signal?.notify()
            } catch {
                logger.error("consonance poll failed; the next interval resumes from the last saved page", metadata: ["connection": "\(name)", "error": "\(error)"])
            }
        }
    }

    func syncZendesk(_ names: [String]) async {
        let changeEvents = MirrorChangeEvents(runtime: runtime)
        for name in names {
            do {
                let connection = try await ZendeskConnections(store: store, secrets: secrets).load(name: name)
                let sync = ZendeskMirrorSync(
                    store: store, configuration: ZendeskConfiguration(baseURL: connection.record.baseURL, credentials: connection.credentials),
                    transport: transport, connection: name,
                    options: .init(includeComments: connection.settings.includeComments, pageSize: connection.settings.pageSize),
                    changeEvents: changeEvents, logger: logger)
                let summary = try await sync.run()
                let records = summary.streams.reduce(0) { $0 + $1.records }
                logger.info("mirror synced", metadata: ["connection": "\(name)", "records": "\(records)", "seconds": "\(summary.seconds)"])
                runtime.signal?.notify()
            } catch {
                logger.error("mirror sync failed; the next interval resumes from the last saved page",
                             metadata: ["connection": "\(name)", "error": "\(error)"])
            }
        }
    }
}
