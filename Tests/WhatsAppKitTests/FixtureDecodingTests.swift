import ConnectorKit
import Foundation
import Testing
@testable import WhatsAppKit

/// Every webhook and send-response fixture decodes, and no record is lost.
@Suite struct FixtureDecodingTests {
    @Test func everyMetaWebhookExampleDecodesWithoutLosingARecord() throws {
        let files = try Fixture.jsonFiles(in: "meta-openapi-examples/webhook_examples")
        #expect(files.count == 16)
        for file in files {
            let bytes = try Fixture.bytes(file)
            let expected = Fixture.rawRecordCount(try Fixture.foundationJSON(bytes))
            let webhook = try WhatsAppWebhook.decode(bytes)
            #expect(expected > 0, "\(file) has records")
            #expect(webhook.recordCount == expected, "\(file): decoded \(webhook.recordCount) of \(expected) records")
            #expect(webhook.skipped.isEmpty, "\(file): skipped \(webhook.skipped)")
            #expect(webhook.object == "whatsapp_business_account")
        }
    }

    @Test func everyPywaVariantDecodesWithoutLosingARecord() throws {
        let files = try Fixture.jsonFiles(in: "pywa/updates")
        #expect(files.count == 19)
        var variants = 0
        for file in files {
            let variantsByName = try #require(try Fixture.foundationJSON(try Fixture.bytes(file)) as? [String: Any], "\(file) is an object of variants")
            for (name, envelope) in variantsByName.sorted(by: { $0.key < $1.key }) {
                let object = try #require(envelope as? [String: Any], "\(file)#\(name) is an envelope")
                #expect(object["entry"] is [Any], "\(file)#\(name) has entries")
                let expected = Fixture.rawRecordCount(object)
                let webhook = try WhatsAppWebhook.decode(try Fixture.bytes(of: object))
                #expect(expected > 0, "\(file)#\(name) has records")
                #expect(webhook.recordCount == expected, "\(file)#\(name): decoded \(webhook.recordCount) of \(expected)")
                #expect(webhook.skipped.isEmpty, "\(file)#\(name): skipped \(webhook.skipped)")
                variants += 1
            }
        }
        #expect(variants == 74)
    }

    @Test func pywaMessageVariantsAreTypedNotUnknown() throws {
        let variants = try #require(try Fixture.foundationJSON(try Fixture.bytes("pywa/updates/message.json")) as? [String: Any])
        // Only the interactive message without an `interactive` object (reported with a 131000 error) stays unknown.
        for (name, envelope) in variants {
            let webhook = try WhatsAppWebhook.decode(try Fixture.bytes(of: envelope))
            for event in webhook.inboundMessages {
                if case .unknown(let type, _) = event.message.content {
                    #expect(name == "interactive_message_with_err", "\(name) decoded as unknown \(type)")
                }
            }
        }
    }

    @Test func everySendResponseExampleDecodesIntoASendResult() throws {
        let files = try Fixture.jsonFiles(in: "meta-openapi-examples/send_message_response_examples")
        #expect(files.count == 44)
        var results = 0
        for file in files {
            let bytes = try Fixture.bytes(file)
            let raw = try #require(try Fixture.foundationJSON(bytes) as? [String: Any])
            if raw["success"] as? Bool == true {
                #expect(WhatsAppSendResult(body: bytes) == nil, "\(file) is a read receipt answer")
                continue
            }
            let messages = try #require(raw["messages"] as? [[String: Any]])
            let contacts = try #require(raw["contacts"] as? [[String: Any]])
            let result = try #require(WhatsAppSendResult(body: bytes), "\(file)")
            #expect(result.messageID == messages.first?["id"] as? String)
            #expect(result.input == contacts.first?["input"] as? String)
            #expect(result.waID == contacts.first?["wa_id"] as? String)
            results += 1
        }
        #expect(results == 43)
        let example = try #require(WhatsAppSendResult(body: try Fixture.bytes("meta-openapi-examples/send_message_response_examples/example_response.json")))
        #expect(example == WhatsAppSendResult(input: "+16505551234", waID: "16505551234", messageID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA"))
    }
}
