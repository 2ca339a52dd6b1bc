import Foundation
import NIOCore
import NIOHTTP1
import WhatsAppKit

/// The full inbound path: signed Cloud API webhooks (one text message each, from the fan-out's contacts, every one a
/// new `wamid`) POSTed to the node's `/webhooks/whatsapp/{connection}` — signature check, decoding, the message
/// recorded, the contact's window opened, a `message.received` event stored, all in one transaction per delivery.
struct WhatsAppIngestPhase {
    let connection: String
    let appSecret: String
    let phoneNumberID: String
    let senders: [String]

    /// `count` signed deliveries for batch `batch`.
    func requests(batch: String, count: Int) -> [PreparedRequest] {
        let timestamp = Int64(Date().timeIntervalSince1970)
        return (0..<count).map { index in
            let from = senders[index % senders.count]
            let body = Array("""
                {"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
                "metadata":{"display_phone_number":"15550783881","phone_number_id":"\(phoneNumberID)"},"contacts":[{"profile":{"name":"Author \(index)"},"wa_id":"\(from)"}],\
                "messages":[{"from":"\(from)","id":"wamid.bench-\(batch)-\(index)","timestamp":"\(timestamp)","type":"text","text":{"body":"Thanks, the proofs arrived."}}]}}]}]}
                """.utf8)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: WhatsAppWebhookVerifier.signatureHeader, value: WhatsAppWebhookVerifier.signatureHeaderValue(appSecret: appSecret, body: body))
            return PreparedRequest(path: "/webhooks/whatsapp/\(connection)", headers: headers, body: ByteBuffer(bytes: body))
        }
    }
}
