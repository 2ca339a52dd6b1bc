import Foundation
import Testing
@testable import Sandbox

/// Simulated contacts: scripted replies with `context.id`, inbound types, media download.
@Suite struct WhatsAppSandboxContactTests {
    @Test func scriptedContactTapsButtonWithContextOfTheSentMessage() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.receive(from: "447700900123", .text("Hi, I'm the author"))
            let script = try await harness.admin(.POST, "/scripts",
                                                 #"{"wa_id":"447700900123","when":"buttons","reply":{"tap":"Approve"},"delay_ms":5,"once":true}"#)
            #expect(script.status == 201)
            let result = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","to":"447700900123","type":"interactive","interactive":{"type":"button","body":{"text":"Approve chapter 3?"},"action":{"buttons":[{"type":"reply","reply":{"id":"approve:req-42","title":"Approve"}},{"type":"reply","reply":{"id":"reject:req-42","title":"Reject"}}]}}}"#)
            let wamid = try #require(result.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually {
                harness.receiver.inboundMessages().contains { $0.at("type").string == "interactive" }
            })
            let reply = try #require(harness.receiver.inboundMessages().first { $0.at("type").string == "interactive" })
            #expect(reply.at("context", "id").string == wamid)
            #expect(reply.at("context", "from").string == harness.sandbox.configuration.displayPhoneNumber)
            #expect(reply.at("interactive", "type").string == "button_reply")
            #expect(reply.at("interactive", "button_reply", "id").string == "approve:req-42")
            #expect(reply.at("interactive", "button_reply", "title").string == "Approve")
            #expect(harness.sandbox.scripts().isEmpty)
        }
    }

    @Test func templateQuickReplyTapOpensTheWindow() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.addScript(WhatsAppContactScript(waID: "447700900123", trigger: .buttons, reply: .tap("Decline"),
                                                            delay: .milliseconds(5)))
            let result = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","to":"447700900123","type":"template","template":{"name":"rights_approval_request","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Lumen Verlag"},{"type":"text","text":"German translation"},{"type":"text","text":"The Salt Road"}]},{"type":"button","sub_type":"quick_reply","index":"1","parameters":[{"type":"payload","payload":"decline:req-7"}]}]}}"#)
            let wamid = try #require(result.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually { !harness.receiver.inboundMessages().isEmpty })
            let tap = try #require(harness.receiver.inboundMessages().first)
            #expect(tap.at("type").string == "button")
            #expect(tap.at("button", "payload").string == "decline:req-7")
            #expect(tap.at("button", "text").string == "Decline")
            #expect(tap.at("context", "id").string == wamid)
            #expect(harness.sandbox.serviceWindow(for: "447700900123").isOpen)
            let sent = try #require(harness.sandbox.sentMessage(wamid))
            #expect(sent.templateName == "rights_approval_request")
            #expect(sent.buttons.map(\.title) == ["Approve", "Decline", "Ask a question"])
            #expect(sent.body?.contains("German translation") == true)
        }
    }

    @Test func textScriptAndListReplyViaAdmin() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.receive(from: "447700900123", .text("Hello"))
            harness.sandbox.addScript(WhatsAppContactScript(waID: "447700900123", trigger: .textContaining("proofs"),
                                                            reply: .text("Got them, thanks"), delay: .milliseconds(5)))
            _ = try await harness.sendText("Your proofs are attached", to: "447700900123")
            #expect(await WhatsAppSandboxHarness.eventually {
                harness.receiver.inboundMessages().contains { $0.at("text", "body").string == "Got them, thanks" }
            })
            let posted = try await harness.admin(.POST, "/contacts/447700900123/messages",
                                                 #"{"type":"list_reply","id":"rev:anna","title":"Anna","description":"Senior editor"}"#)
            #expect(posted.status == 201)
            #expect(await WhatsAppSandboxHarness.eventually {
                harness.receiver.inboundMessages().contains { $0.at("interactive", "list_reply", "id").string == "rev:anna" }
            })
        }
    }

    @Test func mediaCanBeDownloadedWithTheBearerToken() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let bytes = Array("%PDF-1.4 contract".utf8)
            let upload = try await harness.admin(.POST, "/media",
                                                 #"{"mime_type":"application/pdf","filename":"contract.pdf","data_base64":"\#(Data(bytes).base64EncodedString())"}"#)
            let mediaID = try #require(upload.json.at("id").string)
            _ = try await harness.admin(.POST, "/contacts/447700900123/messages",
                                        #"{"type":"document","media_id":"\#(mediaID)","caption":"Signed"}"#)
            #expect(await WhatsAppSandboxHarness.eventually { !harness.receiver.inboundMessages().isEmpty })
            let document = try #require(harness.receiver.inboundMessages().first)
            #expect(document.at("document", "id").string == mediaID)
            #expect(document.at("document", "mime_type").string == "application/pdf")
            let metadata = try await harness.request(.GET, "/v23.0/\(mediaID)", token: WhatsAppSandboxHarness.token)
            #expect(metadata.status == 200)
            #expect(metadata.json.at("file_size").int == Int64(bytes.count))
            #expect(metadata.json.at("mime_type").string == "application/pdf")
            #expect(metadata.json.at("messaging_product").string == "whatsapp")
            let url = try #require(metadata.json.at("url").string)
            let unauthorised = try await harness.request(.GET, url, token: nil)
            #expect(unauthorised.status == 401)
            let download = try await harness.request(.GET, url, token: WhatsAppSandboxHarness.token)
            #expect(download.status == 200)
            #expect(download.body == bytes)
            let missing = try await harness.request(.GET, "/v23.0/123", token: WhatsAppSandboxHarness.token)
            #expect(missing.json.at("error", "code").int == 100)
        }
    }
}
