import ConnectorKit
import Foundation

/// Hands Graph error answers to the client instead of letting ``RemoteCaller`` wait out or retry them.
///
/// Meta answers throughput (130429) and pair-rate (131056) limits with HTTP 429 and some transient failures with 5xx,
/// always with an error envelope whose `code` decides what to do: back off the whole number, back off one recipient,
/// or resend as a template. `RemoteCaller` would treat every 429 as "wait for the budget" and every 5xx as "retry",
/// so for sends this wrapper re-labels such answers as `400` (keeping the real status in ``originalStatusHeader``)
/// and the client turns them into a classified ``WhatsAppError``. Answers without an envelope pass unchanged.
struct GraphErrorPassThroughTransport: HTTPTransport {
    static let originalStatusHeader = "X-WhatsAppKit-Original-Status"

    let base: any HTTPTransport

    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        var response = try await base.send(request)
        guard response.status == 429 || response.status >= 500, Self.hasGraphError(response.body) else { return response }
        response.headers.append((Self.originalStatusHeader, String(response.status)))
        response.status = 400
        return response
    }

    static func hasGraphError(_ body: [UInt8]) -> Bool {
        guard let json = try? JSONValue.parse(body) else { return false }
        return json.object("error") != nil
    }

    /// The status the server really sent.
    static func originalStatus(of response: InboundResponse) -> Int {
        response.header(originalStatusHeader).flatMap { Int($0) } ?? response.status
    }
}
