import Foundation
import Hummingbird
import NIOCore

/// The request pipeline of the WhatsApp sandbox: `/_sandbox/…` admin endpoints (no token), then the Graph API
/// paths — `POST /{version}/{phone-number-id}/messages`, `GET /{version}/{media-id}` — and media downloads, each
/// behind the bearer token. Every refusal is a Graph error envelope (reference §4.1).
struct WhatsAppResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    static let maximumBodySize = 16 * 1024 * 1024

    let services: WhatsAppServices
    let admin: WhatsAppAdminEndpoints

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        var request = request
        if path == "/_sandbox" || path.hasPrefix("/_sandbox/") {
            let body = try await request.collectBody(upTo: WhatsAppResponder.maximumBodySize)
            return await admin.handle(method: request.method, path: path, query: QueryItems(request.uri.query),
                                      body: Array(body.readableBytesView), host: host(request, context)).hummingbirdResponse
        }
        let response: APIResponse
        do throws(GraphError) {
            response = try await api(&request, context: context)
        } catch {
            response = error.response(fbtraceID: services.fbtraceID())
        }
        return response.hummingbirdResponse
    }

    private func api(_ request: inout Request, context: Context) async throws(GraphError) -> APIResponse {
        let path = request.uri.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if path.hasPrefix(MediaEndpoints.downloadPath) {
            try authenticate(request)
            return try MediaEndpoints(services: services).download(QueryItems(request.uri.query))
        }
        guard let version = segments.first, Self.isVersion(version), segments.count >= 2 else {
            throw GraphError(code: 2500, httpStatus: 400, message: "Unknown path components: \(path)",
                             details: "Paths look like /v23.0/{phone-number-id}/messages")
        }
        try authenticate(request)
        switch (request.method, segments.count) {
        case (.get, 2):
            return try MediaEndpoints(services: services).metadata(id: segments[1], host: host(request, context))
        case (.post, 3) where segments[2] == "messages":
            guard segments[1] == services.configuration.phoneNumberID else {
                throw .missingObject(segments[1], method: "post")
            }
            let bytes: [UInt8]
            do {
                bytes = Array(try await request.collectBody(upTo: WhatsAppResponder.maximumBodySize).readableBytesView)
            } catch {
                throw .invalidParameter("The request body is too large")
            }
            guard let body = JSONValue.parse(bytes), body.objectValue != nil else { throw .malformedJSON() }
            switch services.send(body, raw: bytes) {
            case .failure(let error): throw error
            case .success(let outcome): return Self.json(outcome)
            }
        case (.post, 3) where segments[2] == "media":
            guard segments[1] == services.configuration.phoneNumberID else {
                throw .missingObject(segments[1], method: "post")
            }
            let bytes: [UInt8]
            do {
                bytes = Array(try await request.collectBody(upTo: WhatsAppResponder.maximumBodySize).readableBytesView)
            } catch {
                throw .invalidParameter("The file is too large for the sandbox (16 MB)")
            }
            return try MediaEndpoints(services: services).upload(contentType: request.headers[.contentType], body: bytes)
        default:
            throw .missingObject(segments.dropFirst().joined(separator: "/"), method: request.method.rawValue.lowercased())
        }
    }

    private func authenticate(_ request: Request) throws(GraphError) {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces) == services.configuration.accessToken else {
            throw .invalidToken()
        }
    }

    /// `v23.0`-style path versions.
    static func isVersion(_ text: String) -> Bool {
        guard text.first == "v" else { return false }
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    private static func json(_ outcome: SendOutcome) -> APIResponse {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        switch outcome {
        case .markedRead:
            writer.field("success", true)
        case .accepted(let wamid, let input, let waID, let isTemplate):
            writer.field("messaging_product", "whatsapp")
            writer.arrayField("contacts") { contacts in
                contacts.beginObject()
                contacts.field("input", input)
                contacts.field("wa_id", waID)
                contacts.endObject()
            }
            writer.arrayField("messages") { messages in
                messages.beginObject()
                messages.field("id", wamid)
                if isTemplate { messages.field("message_status", "accepted") }
                messages.endObject()
            }
        }
        writer.endObject()
        return .json(writer)
    }

    private func host(_ request: Request, _ context: Context) -> String {
        if let authority = request.head.authority { return authority }
        if let address = context.channel.localAddress, let port = address.port {
            return "\(address.ipAddress ?? "127.0.0.1"):\(port)"
        }
        return "127.0.0.1"
    }
}
