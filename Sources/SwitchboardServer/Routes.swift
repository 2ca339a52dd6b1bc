import Foundation
import HTTPTypes
import Hummingbird
import LooseJSON
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// The HTTP surface of `switchboard serve`: webhooks, health, metrics, the admin API and its OpenAPI document.
struct Routes {
    let store: Store
    let flows: FlowRegistry
    let zendeskWebhooks: ZendeskWebhookIngest
    let registry: PrometheusCollectorRegistry
    let metrics: RuntimeMetrics
    let configuration: ServerConfiguration
    let node: String
    let publishing: PublishingRoutes
    /// Resends WhatsApp messages whose dead letters are replayed.
    var whatsapp: WhatsAppClientPool? = nil

    func register(on router: Router<BasicRequestContext>) {
        router.post("webhooks/zendesk/:connection") { request, context in try await zendeskWebhook(request, context) }
        router.get("healthz") { _, _ in await health() }
        router.get("metrics") { _, _ in await prometheus() }
        router.get("openapi.yaml") { _, _ in openAPI() }
        let admin = router.group("api").add(middleware: AdminAuthMiddleware(token: configuration.adminToken))
        admin.get("flows") { _, _ in JSONResponse.make(.ok, .object(["flows": .array(flows.flows.map(AdminJSON.flow))])) }
        admin.get("runs") { request, _ in try await runs(request) }
        admin.get("runs/:id") { _, context in try await run(context.parameters.get("id") ?? "") }
        admin.get("deadletters") { request, _ in try await deadLetters(request) }
        admin.post("deadletters/:id/replay") { _, context in try await replay(context.parameters.get("id") ?? "") }
        admin.get("events") { request, _ in try await events(request) }
        publishing.register(admin: admin, on: router)
        ContactsRoutes(store: store).register(admin: admin)
        ProfileRoutes(store: store).register(admin: admin)
        ConversationRoutes(store: store, records: publishing.records, consonance: publishing.consonance).register(admin: admin)
    }

    func zendeskWebhook(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let connection = context.parameters.get("connection") ?? "default"
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch {
            return JSONResponse.error(.contentTooLarge, "webhook body larger than \(configuration.maxBodyBytes) bytes")
        }
        let body = Array(buffer.readableBytesView)
        let headers = request.headers
        let result = await zendeskWebhooks.receive(connection: connection, body: body) { name in
            HTTPField.Name(name).flatMap { headers[$0] }
        }
        switch result {
        case .accepted(let eventID, let runs): return JSONResponse.make(.ok, .object(["status": "accepted", "event_id": .string(eventID), "runs": .number(Double(runs))]))
        case .duplicate: return JSONResponse.make(.ok, .object(["status": "duplicate"]))
        case .rejected(let status, let reason): return JSONResponse.error(HTTPResponse.Status(code: status), reason)
        }
    }

    func health() async -> Response {
        do {
            _ = try await store.session { try await $0.scalar("SELECT 1 AS value") }
            return JSONResponse.make(.ok, .object(["status": "ok", "node": .string(node), "flows": .number(Double(flows.flows.count)),
                                                   "database": .string(store.dialect.rawValue)]))
        } catch {
            return JSONResponse.make(.serviceUnavailable, .object(["status": "unavailable", "error": .string("database: \(error)")]))
        }
    }

    func prometheus() async -> Response {
        if let (depth, dead) = try? await store.session({ session in (try await session.queueDepth(), try await session.openDeadLetterCount()) }) {
            metrics.queueDepth(queued: depth.queued, leased: depth.leased, openDeadLetters: dead)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }

    func openAPI() -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let data = try? Data(contentsOf: url) else {
            return JSONResponse.error(.internalServerError, "openapi.yaml is missing from this build")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func runs(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = min(max(Int(query["limit"].map(String.init) ?? "") ?? 50, 1), 500)
        let list = try await store.session { try await $0.runs(flow: query["flow"].map(String.init), status: query["status"].map(String.init), limit: limit) }
        return JSONResponse.make(.ok, .object(["runs": .array(list.map(AdminJSON.run))]))
    }

    func run(_ id: String) async throws -> Response {
        let detail = try await store.session { session -> JSONValue? in
            guard let run = try await session.run(id: id) else { return nil }
            let jobs = try await session.jobs(runID: id)
            var steps: [JSONValue] = []
            for step in try await session.steps(runID: id) {
                var attempts: [AttemptRecord] = []
                if let job = jobs.first(where: { $0.stepIndex == step.index }) { attempts = try await session.attempts(jobID: job.id) }
                steps.append(AdminJSON.step(step, attempts: attempts))
            }
            let event = try await session.event(id: run.eventID).map(AdminJSON.event) ?? .null
            return .object(["run": AdminJSON.run(run), "event": event, "steps": .array(steps)])
        }
        guard let detail else { return JSONResponse.error(.notFound, "no run \(id)") }
        return JSONResponse.make(.ok, detail)
    }

    func deadLetters(_ request: Request) async throws -> Response {
        let all = request.uri.queryParameters["all"] == "true"
        let list = try await store.session { try await $0.deadLetters(includeReplayed: all) }
        return JSONResponse.make(.ok, .object(["dead_letters": .array(list.map(AdminJSON.deadLetter))]))
    }

    func replay(_ id: String) async throws -> Response {
        switch try await DeadLetterReplay(store: store, whatsapp: whatsapp).replay(id: id) {
        case .queued: return JSONResponse.make(.ok, .object(["replayed": .bool(true), "id": .string(id)]))
        case .resent(let messageID, let wamid, let template):
            return JSONResponse.make(.ok, .object(["replayed": .bool(true), "id": .string(id), "message_id": .string(messageID),
                                                   "wamid": wamid.map(JSONValue.string) ?? .null, "template": template.map(JSONValue.string) ?? .null]))
        case .notResent(let reason): return JSONResponse.error(.unprocessableContent, "dead letter \(id) was not resent: \(reason)")
        case .notFound: return JSONResponse.error(.notFound, "no dead letter \(id)")
        case .alreadyReplayed: return JSONResponse.error(.conflict, "dead letter \(id) was already replayed")
        }
    }

    func events(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = min(max(Int(query["limit"].map(String.init) ?? "") ?? 50, 1), 500)
        let list = try await store.session { try await $0.events(source: query["source"].map(String.init), limit: limit) }
        return JSONResponse.make(.ok, .object(["events": .array(list.map(AdminJSON.event))]))
    }
}
