import Foundation
import Testing
@testable import Sandbox

/// `POST /{version}/{phone-number-id}/messages`: authentication, the response shape, validation and the error envelope.
@Suite struct WhatsAppSandboxSendTests {
    @Test func wrongOrMissingTokenIsGraphError190() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let text = #"{"messaging_product":"whatsapp","to":"447700900123","type":"text","text":{"body":"hi"}}"#
            for token in ["wrong-token", nil] {
                let result = try await harness.sendMessage(text, token: token)
                #expect(result.status == 401)
                #expect(result.json.at("error", "code").int == 190)
                #expect(result.json.at("error", "type").string == "OAuthException")
                #expect(result.json.at("error", "message").string?.hasPrefix("(#190) ") == true)
                #expect(result.json.at("error", "fbtrace_id").string?.count == 23)
            }
            #expect(harness.sandbox.sentMessages().isEmpty)
        }
    }

    @Test func textSendAnswersMetaShapeWithFreshWamid() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.receive(from: "447700900123", .text("Hello"))
            let first = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","recipient_type":"individual","to":"+447700900123","type":"text","text":{"preview_url":false,"body":"Your proofs are ready."}}"#,
                version: "v21.0")
            #expect(first.status == 200)
            #expect(first.json.at("messaging_product").string == "whatsapp")
            #expect(first.json.at("contacts").array.first?.at("input").string == "+447700900123")
            #expect(first.json.at("contacts").array.first?.at("wa_id").string == "447700900123")
            let id = try #require(first.json.at("messages").array.first?.at("id").string)
            #expect(id.hasPrefix("wamid.HBgM"))
            let second = try await harness.sendText("Again", to: "447700900123")
            #expect(second.json.at("messages").array.first?.at("id").string != id)
            let sent = try #require(harness.sandbox.sentMessage(id))
            #expect(sent.type == "text" && sent.body == "Your proofs are ready." && sent.waID == "447700900123")
        }
    }

    @Test func unknownPhoneNumberIDAndMalformedBodiesAreCode100() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let unknown = try await harness.sendMessage(#"{"messaging_product":"whatsapp","to":"447700900123","text":{"body":"x"}}"#,
                                                        phoneNumberID: "999")
            #expect(unknown.status == 400 && unknown.json.at("error", "code").int == 100)
            #expect(unknown.json.at("error", "error_subcode").int == 33)
            for body in ["{not json", "[1,2]", #"{"messaging_product":"sms","to":"447700900123","type":"text","text":{"body":"x"}}"#,
                         #"{"messaging_product":"whatsapp","to":"447700900123","type":"fax","fax":{}}"#] {
                let result = try await harness.sendMessage(body)
                #expect(result.status == 400)
                #expect(result.json.at("error", "code").int == 100, "\(body)")
                #expect(result.json.at("error", "error_data", "messaging_product").string == "whatsapp")
            }
            let media = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","to":"447700900123","type":"image","image":{"id":"1","link":"https://example.com/a.jpg"}}"#)
            #expect(media.status == 400 && media.json.at("error", "code").int == 100)
        }
    }

    @Test func interactiveLimitViolationsAre131009() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            func buttons(_ titles: [String]) -> String {
                let list = titles.enumerated().map { #"{"type":"reply","reply":{"id":"b\#($0.offset)","title":"\#($0.element)"}}"# }
                return #"{"messaging_product":"whatsapp","to":"447700900123","type":"interactive","interactive":{"type":"button","body":{"text":"Approve?"},"action":{"buttons":[\#(list.joined(separator: ","))]}}}"#
            }
            for invalid in [buttons(["A", "B", "C", "D"]), buttons(["This title is far too long"]), buttons(["Same", "Same"]), buttons([])] {
                let result = try await harness.sendMessage(invalid)
                #expect(result.status == 400)
                #expect(result.json.at("error", "code").int == 131009, "\(result.text)")
            }
            let rows = (0..<11).map { #"{"id":"r\#($0)","title":"Row \#($0)"}"# }.joined(separator: ",")
            let list = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","to":"447700900123","type":"interactive","interactive":{"type":"list","body":{"text":"Pick"},"action":{"button":"Reviewers","sections":[{"title":"All","rows":[\#(rows)]}]}}}"#)
            #expect(list.json.at("error", "code").int == 131009)
            let ok = try await harness.sendMessage(buttons(["Approve", "Reject"]))
            #expect(ok.status == 200)
        }
    }

    @Test func templateRegistryErrors() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            func template(_ name: String, language: String = "en_US", parameters: [String]) -> String {
                let values = parameters.map { #"{"type":"text","text":"\#($0)"}"# }.joined(separator: ",")
                return #"{"messaging_product":"whatsapp","to":"447700900123","type":"template","template":{"name":"\#(name)","language":{"code":"\#(language)"},"components":[{"type":"body","parameters":[\#(values)]}]}}"#
            }
            let ok = try await harness.sendMessage(template("stage_update", parameters: ["The Salt Road", "copy-edit"]))
            #expect(ok.status == 200)
            #expect(ok.json.at("messages").array.first?.at("message_status").string == "accepted")
            #expect(try await harness.sendMessage(template("no_such_template", parameters: [])).json.at("error", "code").int == 132001)
            #expect(try await harness.sendMessage(template("stage_update", language: "fr", parameters: ["a", "b"])).json.at("error", "code").int == 132001)
            #expect(try await harness.sendMessage(template("stage_update", parameters: ["only one"])).json.at("error", "code").int == 132000)
            harness.sandbox.pauseTemplate("stage_update")
            #expect(try await harness.sendMessage(template("stage_update", parameters: ["a", "b"])).json.at("error", "code").int == 132015)
            let disabled = try await harness.admin(.POST, "/templates/stage_update/disable")
            #expect(disabled.status == 200)
            #expect(try await harness.sendMessage(template("stage_update", parameters: ["a", "b"])).json.at("error", "code").int == 132016)
            let created = try await harness.admin(.POST, "/templates",
                                                  #"{"name":"proof_ready","header":"Proofs: {{1}}","body":"Hi {{1}}","status":"PENDING"}"#)
            #expect(created.status == 201)
            #expect(try await harness.sendMessage(template("proof_ready", parameters: ["Ana"])).json.at("error", "code").int == 132001)
            harness.sandbox.approveTemplate("proof_ready")
            #expect(try await harness.sendMessage(template("proof_ready", parameters: ["Ana"])).json.at("error", "code").int == 132000)
        }
    }

    @Test func markAsReadAnswersSuccess() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let inbound = harness.sandbox.receive(from: "447700900123", .text("Hello"))
            let result = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","status":"read","message_id":"\#(inbound.id)","typing_indicator":{"type":"text"}}"#)
            #expect(result.status == 200)
            #expect(result.json.at("success") == .bool(true))
            #expect(harness.sandbox.readReceipts() == [inbound.id])
        }
    }
}
