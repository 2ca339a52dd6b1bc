import Foundation
import HTTPTypes
import Hummingbird
import LooseJSON
import SwitchboardEngine

/// `GET|POST /webhooks/whatsapp/{connection}`: the callback URL entered in Meta's app dashboard. `GET` answers the
/// subscription handshake with the challenge as plain text (403 for a wrong verify token); `POST` takes signed
/// notifications (401 for a missing or wrong `X-Hub-Signature-256`, with nothing stored).
struct WhatsAppRoutes {
    let ingest: WhatsAppWebhookIngest
    let maxBodyBytes: Int

    func register(on router: Router<BasicRequestContext>) {
        router.get("webhooks/whatsapp/:connection") { request, context in await handshake(request, context) }
        router.post("webhooks/whatsapp/:connection") { request, context in try await notification(request, context) }
    }

    func handshake(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let connection = context.parameters.get("connection") ?? "whatsapp"
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        switch await ingest.handshake(connection: connection, query: query) {
        case .challenge(let text):
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        case .rejected(let status, let reason): return JSONResponse.error(HTTPResponse.Status(code: status), reason)
        case .accepted: return JSONResponse.error(.internalServerError, "unexpected handshake outcome")
        }
    }

    func notification(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let connection = context.parameters.get("connection") ?? "whatsapp"
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            return JSONResponse.error(.contentTooLarge, "webhook body larger than \(maxBodyBytes) bytes")
        }
        let headers = request.headers
        let result = await ingest.receive(connection: connection, body: Array(buffer.readableBytesView)) { name in
            HTTPField.Name(name).flatMap { headers[$0] }
        }
        switch result {
        case .accepted(let summary):
            return JSONResponse.make(.ok, .object([
                "status": "accepted", "messages": .number(Double(summary.messages)), "duplicates": .number(Double(summary.duplicates)),
                "statuses": .number(Double(summary.statuses)), "opt_outs": .number(Double(summary.optOuts)), "events": .number(Double(summary.events)),
                "runs": .number(Double(summary.runs)), "skipped": .array(summary.skipped.map(JSONValue.string)),
            ]))
        case .rejected(let status, let reason): return JSONResponse.error(HTTPResponse.Status(code: status), reason)
        case .challenge: return JSONResponse.error(.internalServerError, "unexpected notification outcome")
        }
    }
}
