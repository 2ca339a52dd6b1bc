import ConnectorKit
import Foundation
import LooseJSON
import Sandbox
import ZendeskKit

/// The `webhooks` benchmark's second reference: the outbound call alone. `calls` internal notes added through
/// `ZendeskClient` to the same sandbox, `concurrency` at a time, over the transport the node uses: the cost of the
/// bench flow's one action without the webhook, the queue or the database, to set beside the trivial request (the
/// ceiling) and the whole durable run.
struct ZendeskExchangePhase {
    let sandbox: ZendeskSandbox
    let sandboxURL: String
    let calls: Int
    let concurrency: Int

    struct Figures {
        var callsPerSecond: Double
        var cpuMillisecondsPerCall: Double
    }

    func run() async throws -> Figures {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30), maxConnectionsPerHost: AsyncHTTPTransport.connectionsPerHost(concurrent: concurrency))
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: sandboxURL, credentials: ZendeskSandbox.benchCredentials,
                                                                       requestTimeout: .seconds(30)),
                                   transport: transport)
        let tickets = sandbox.openTicketIDs
        guard !tickets.isEmpty else { throw BenchError("the sandbox has no open ticket to comment on") }
        let commentsBefore = sandbox.commentCount()
        let started = ContinuousClock.now
        let (_, cpu) = try await ProcessCPUTime.millisecondsPerItem(items: calls) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                let next = TicketCounter()
                for _ in 0..<min(concurrency, calls) {
                    group.addTask {
                        while true {
                            let index = next.take()
                            guard index < calls else { return }
                            let fields: JSONValue = .object(["comment": .object(["body": .string("Switchboard bench exchange \(index)"), "public": .bool(false)]),
                                                             "metadata": .object(["custom": .object(["switchboard_key": .string("exchange-\(index)")])])])
                            _ = try await client.updateTicketForAudit(id: tickets[index % tickets.count], fields)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let seconds = (ContinuousClock.now - started).seconds
        try await transport.shutdown()
        let added = sandbox.commentCount() - commentsBefore
        guard added == calls else { throw BenchError("exchange: the sandbox gained \(added) comments for \(calls) calls") }
        return Figures(callsPerSecond: Double(calls) / max(seconds, 0.000_001), cpuMillisecondsPerCall: cpu)
    }
}
