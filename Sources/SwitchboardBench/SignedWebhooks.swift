import Foundation
import LooseJSON
import NIOCore
import NIOHTTP1
import ZendeskKit

/// Zendesk `zen:event-type:ticket.created` deliveries for the webhook benchmark, signed the way Zendesk signs them
/// (`X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + body))). Every event has its own id;
/// the tickets are the sandbox's open ones (closed tickets refuse updates), in turn.
struct SignedWebhooks {
    let connection: String
    let secret: String
    let actorID: Int64
    let tickets: [Int64]

    /// The event id of delivery `index` in a batch named `batch`; the store keeps it as the event's external id.
    static func eventID(batch: String, index: Int) -> String { "bench-\(batch)-\(index)" }

    func ticketID(_ index: Int) -> Int64 { tickets.isEmpty ? Int64(index + 1) : tickets[index % tickets.count] }

    /// `count` signed deliveries, all stamped with the current time (valid for five minutes).
    func requests(batch: String, count: Int) -> [PreparedRequest] {
        let timestamp = ISO8601DateFormatter().string(from: Date())
        return (0..<count).map { index in
            let body = Array(payload(id: Self.eventID(batch: batch, index: index), ticketID: ticketID(index), timestamp: timestamp).utf8)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: ZendeskWebhookVerifier.timestampHeader, value: timestamp)
            headers.add(name: ZendeskWebhookVerifier.signatureHeader, value: ZendeskWebhookVerifier.signature(secret: secret, timestamp: timestamp, body: body))
            return PreparedRequest(path: "/webhooks/zendesk/\(connection)", headers: headers, body: ByteBuffer(bytes: body))
        }
    }

    /// A ticket.created envelope shaped like Zendesk's (reference §8.2): string ids, `"0"` for none, upper-case enums.
    private func payload(id: String, ticketID: Int64, timestamp: String) -> String {
        let detail: JSONValue = .object([
            "actor_id": .string(String(actorID)), "assignee_id": "0", "brand_id": "340000000001", "created_at": .string(timestamp), "custom_status": "0",
            "description": "Our order of 40 copies arrived with water damage; please advise on a replacement.", "external_id": "",
            "form_id": "341000000001", "group_id": "350000000001", "id": .string(String(ticketID)), "is_public": true, "organization_id": "0",
            "priority": "NORMAL", "requester_id": .string(String(actorID)), "status": "NEW", "subject": .string("Damaged shipment (bench \(id))"),
            "submitter_id": .string(String(actorID)), "tags": ["bench", "shipping"], "type": "PROBLEM", "updated_at": .string(timestamp),
            "via": ["channel": "web_service"],
        ])
        let envelope: JSONValue = .object([
            "type": "zen:event-type:ticket.created", "account_id": 10_000_001, "id": .string(id), "time": .string(timestamp),
            "zendesk_event_version": "2022-11-06", "subject": .string("zen:ticket:\(ticketID)"), "detail": detail, "event": .object([:]),
        ])
        // LooseJSON's writer, not `JSONSerialization`: with sorted keys the latter compares keys through ICU, and
        // preparing 10,000 deliveries took seconds of the benchmark's setup.
        return envelope.jsonText
    }
}
