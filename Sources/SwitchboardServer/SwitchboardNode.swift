import ConnectorKit
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import UnixSignals
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// One running Switchboard node: the HTTP server (webhooks, health, metrics, admin API), the job workers, the
/// scheduler and retention, as services of one ServiceGroup that stops gracefully on SIGTERM/SIGINT — running
/// jobs get a grace period to finish, then their leases are released for other nodes.
public struct SwitchboardNode: Sendable {
    public let store: Store
    public let flows: FlowRegistry
    public let secrets: SecretBox?
    public let server: ServerConfiguration
    public let runtime: RuntimeConfiguration
    public let transport: any HTTPTransport
    public let failPoints: FailPoints
    public let logger: Logger
    public let registry: PrometheusCollectorRegistry
    /// Called after each run's final outcome is committed on this node.
    public let onRunFinished: @Sendable (RunCompletion) -> Void

    public init(store: Store, flows: FlowRegistry, secrets: SecretBox?, server: ServerConfiguration, runtime: RuntimeConfiguration,
                transport: any HTTPTransport, failPoints: FailPoints = .none, logger: Logger = Logger(label: "switchboard.serve"),
                onRunFinished: @escaping @Sendable (RunCompletion) -> Void = { _ in }) {
        self.store = store
        self.flows = flows
        self.secrets = secrets
        self.server = server
        self.runtime = runtime
        self.transport = transport
        self.failPoints = failPoints
        self.logger = logger
        self.registry = PrometheusCollectorRegistry()
        self.onRunFinished = onRunFinished
    }

    /// Serve until cancelled, signalled or asked through `shutdown`. `onStarted` receives the bound port.
    public func run(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint], shutdown: NodeShutdown? = nil,
                    onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let metrics = RuntimeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let signal = WorkSignal()
        let firstSteps = FirstStepCache()
        let flowRuntime = FlowRuntime(store: store, flows: flows, metrics: metrics, signal: signal, firstSteps: firstSteps)
        let zendesk = ZendeskClientPool(store: store, secrets: secrets, transport: transport) { _, event in
            if case .completed(_, let status, let duration) = event { metrics.remoteCall(connector: "zendesk", status: status, duration: duration) }
        }
        let consonance = ConsonanceClientPool(store: store, secrets: secrets, transport: transport)
        let whatsapp = WhatsAppClientPool(store: store, secrets: secrets, transport: transport) { _, event in
            if case .completed(_, let status, let duration) = event { metrics.remoteCall(connector: "whatsapp", status: status, duration: duration) }
        }
        var runtime = self.runtime
        runtime.publicURL = server.effectivePublicURL
        let executor = JobExecutor(store: store, flows: flows, actions: .standard, zendesk: zendesk, consonance: consonance, whatsapp: whatsapp, configuration: runtime, metrics: metrics,
                                   failPoints: failPoints, signal: signal, firstSteps: firstSteps, logger: logger, onRunFinished: onRunFinished)
        let secrets = self.secrets
        let store = self.store
        let webhookSecrets = WebhookSecretCache { connection in
            guard let secrets else { return nil }
            return try await ZendeskConnections(store: store, secrets: secrets).webhookSecret(connection: connection)
        }
        let webhooks = ZendeskWebhookIngest(runtime: flowRuntime) { try await webhookSecrets.secret(connection: $0) }
        let whatsappKeys = WhatsAppWebhookKeyCache(store: store, secrets: secrets)
        let whatsappWebhooks = WhatsAppWebhookIngest(runtime: flowRuntime, logger: logger) { try await whatsappKeys.keys(connection: $0) }
        let router = Router()
        WhatsAppRoutes(ingest: whatsappWebhooks, maxBodyBytes: server.maxBodyBytes).register(on: router)
        ConnectZendeskRoutes(store: store, secrets: secrets, transport: transport, adminToken: server.adminToken, publicURL: server.effectivePublicURL, logger: logger).register(on: router)
        let publishing = PublishingRoutes(store: store, records: PublishingRecords(store: store, runtime: flowRuntime, publicURL: server.effectivePublicURL,
                                                                                  linker: TitleLinker(consonance: consonance)),
                                          consonance: consonance, adminToken: server.adminToken, publicURL: server.effectivePublicURL)
        Routes(store: store, flows: flows, zendeskWebhooks: webhooks, registry: registry, metrics: metrics, configuration: server, node: runtime.node,
               publishing: publishing, whatsapp: whatsapp).register(on: router)
        ConversationSyncRoutes(store: store, inbox: ConversationSyncInbox(store: store, secrets: secrets, runtime: flowRuntime),
                               admin: ConversationSyncAdmin(store: store, runtime: flowRuntime, zendesk: zendesk), adminToken: server.adminToken,
                               maxBodyBytes: server.maxBodyBytes).register(on: router)
        var appLogger = logger
        appLogger.logLevel = max(logger.logLevel, .warning)  // Hummingbird's per-request logs only at warning and above
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(server.host, port: server.port)),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? server.port) },
            logger: appLogger)
        var services: [any Service] = [
            app, WorkerPool(executor: executor, signal: signal), Scheduler(runtime: flowRuntime, node: runtime.node, logger: logger),
            RetentionService(store: store, retention: runtime.retention, logger: logger),
            FollowUpChaser(runtime: flowRuntime, interval: runtime.followUpInterval, logger: logger),
            ZendeskProfileSyncService(runtime: flowRuntime, interval: runtime.profileSyncInterval, logger: logger),
        ]
        if let interval = runtime.mirrorSyncInterval, let secrets {
            services.append(MirrorSyncService(store: store, secrets: secrets, transport: transport, runtime: flowRuntime, interval: interval,
                                              node: runtime.node, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .ignore, failureTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
        await shutdown?.attach(group)
        try await group.run()
    }
}
