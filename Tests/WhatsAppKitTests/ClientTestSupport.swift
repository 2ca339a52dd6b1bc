import ConnectorKit
import Foundation
@testable import WhatsAppKit

/// A client on a scripted transport, with a recognisable token to look for in errors.
enum ClientTestSupport {
    static let token = "EAAG-very-secret-token-1234"
    static let phoneNumberID = "106540352242922"

    static func client(_ transport: ScriptedTransport) -> WhatsAppClient {
        let configuration = WhatsAppConfiguration(
            baseURL: "https://graph.example.test/", apiVersion: GraphAPIVersion("v23.0"), phoneNumberID: phoneNumberID, accessToken: token,
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2))
        )
        return WhatsAppClient(configuration: configuration, transport: transport)
    }

    static let accepted = InboundResponse.json(200, #"{"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.OUT1","message_status":"accepted"}]}"#)

    static func graphError(code: String, status: Int = 400, message: String = "error", details: String = "details") -> InboundResponse {
        .json(status, #"{"error":{"message":"\#(message)","type":"OAuthException","code":\#(code),"error_data":{"messaging_product":"whatsapp","details":"\#(details)"},"fbtrace_id":"AXsgnV2Cm3ZMGF3dF_cfYIn"}}"#)
    }

    /// The body of a recorded request as text.
    static func body(_ request: OutboundRequest?) -> String {
        String(decoding: request?.body ?? [], as: UTF8.self)
    }

    /// Canonical JSON text (sorted keys) of Foundation-parsed bytes, for comparing documents independently of the encoder.
    static func canonical(_ bytes: [UInt8]) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
