import ConnectorKit
import Foundation
import Testing
@testable import WhatsAppKit

@Suite struct WhatsAppMediaDownloadTests {
    let support = ClientTestSupport.self

    @Test func downloadLooksUpThenFetchesWithTheBearerToken() async throws {
        let url = "https://lookaside.example.test/whatsapp_business/attachments/?mid=123&ext=1&hash=abc"
        let transport = ScriptedTransport([
            .respond(.json(200, #"{"messaging_product":"whatsapp","url":"\#(url)","mime_type":"application/pdf","sha256":"abc","file_size":4,"id":"123"}"#)),
            .respond(InboundResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: [0x25, 0x50, 0x44, 0x46])),
        ])
        let media = try await support.client(transport).downloadMedia(id: "123")
        #expect(media.bytes == [0x25, 0x50, 0x44, 0x46])
        #expect(media.mimeType == "application/pdf")
        #expect(media.info == WhatsAppMediaInfo(id: "123", url: url, mimeType: "application/pdf", sha256: "abc", fileSize: 4))
        #expect(transport.requests.map(\.url) == ["https://graph.example.test/v23.0/123", url])
        #expect(transport.requests.allSatisfy { $0.method == .get && $0.headers.contains { $0.0 == "Authorization" && $0.1 == "Bearer \(support.token)" } })
    }

    @Test func readsAreRetriedAndMissingMediaIsTyped() async throws {
        let transport = ScriptedTransport([
            .respond(.json(503, "busy")),
            .respond(.json(200, #"{"url":"https://cdn.example.test/m","id":"9"}"#)),
            .respond(InboundResponse(status: 200, headers: [("Content-Type", "image/jpeg")], body: [1, 2, 3])),
            .respond(support.graphError(code: "100", status: 400, message: "Unsupported get request. Object with ID '404' does not exist")),
        ])
        let client = support.client(transport)
        let media = try await client.downloadMedia(id: "9")
        #expect(media.mimeType == "image/jpeg")
        #expect(transport.requests.count == 3)
        await #expect(throws: WhatsAppError.self) { try await client.mediaInfo(id: "404") }
    }
}
