import ConnectorKit
import Foundation
import Testing
@testable import WhatsAppKit

@Suite struct WebhookDecodingTests {
    func meta(_ name: String) throws -> WhatsAppWebhook {
        try WhatsAppWebhook.decode(try Fixture.bytes("meta-openapi-examples/webhook_examples/\(name).json"))
    }

    func pywa(_ file: String, _ variant: String) throws -> WhatsAppWebhook {
        let variants = try #require(try Fixture.foundationJSON(try Fixture.bytes("pywa/updates/\(file).json")) as? [String: Any])
        return try WhatsAppWebhook.decode(try Fixture.bytes(of: try #require(variants[variant])))
    }

    func onlyMessage(_ webhook: WhatsAppWebhook) throws -> WhatsAppInboundEvent {
        #expect(webhook.inboundMessages.count == 1)
        return try #require(webhook.inboundMessages.first)
    }

    @Test func interactiveButtonReply() throws {
        let event = try onlyMessage(try meta("interactive_button_reply_message"))
        #expect(event.phoneNumberID == "106540352242922")
        #expect(event.displayPhoneNumber == "15550783881")
        #expect(event.businessAccountID == "419561257915477")
        #expect(event.contactName == "Sheena Nelson")
        let message = event.message
        #expect(message.from == "16505551234")
        #expect(message.id == "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=")
        #expect(message.timestamp == Date(timeIntervalSince1970: 1_750_025_136))
        #expect(message.content == .interactive(.buttonReply(id: "cancel-button", title: "Cancel")))
        #expect(message.replyIdentifier == "cancel-button")
        #expect(message.contextMessageID == "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA")
        #expect(message.reply == WhatsAppReply(identifier: "cancel-button", title: "Cancel", source: .replyButton,
                                               contextMessageID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA"))
        #expect(message.context?.from == "15550783881")
    }

    @Test func interactiveListReply() throws {
        let message = try onlyMessage(try meta("interactive_list_reply_message")).message
        #expect(message.content == .interactive(.listReply(id: "priority_express", title: "Priority Mail Express", description: "Next Day to 2 Days")))
        #expect(message.reply?.source == .listRow)
        #expect(message.replyIdentifier == "priority_express")
        #expect(message.contextMessageID == "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA")
    }

    @Test func templateQuickReplyButton() throws {
        let message = try onlyMessage(try meta("button_message")).message
        #expect(message.type == "button")
        #expect(message.content == .button(payload: "Unsubscribe", text: "Unsubscribe"))
        #expect(message.replyIdentifier == "Unsubscribe")
        #expect(message.reply?.source == .templateButton)
        #expect(message.contextMessageID == "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA")
        #expect(message.timestamp == Date(timeIntervalSince1970: 1_750_091_045))
        #expect(OptOutKeywords().matches(message))
    }

    @Test func quickReplyWithoutContextStillYieldsItsPayload() throws {
        let event = try onlyMessage(try pywa("callback_button", "quick_reply_without_context"))
        #expect(event.message.context == nil)
        #expect(event.message.content == .button(payload: "callback_data", text: "title"))
        #expect(event.message.replyIdentifier == "callback_data")
        #expect(event.message.contextMessageID == nil)
        #expect(event.message.fromUserID == "US.13491208655302741918")
        #expect(event.contact?.userID == "US.13491208655302741918")
    }

    @Test func unsupportedMessageKeepsItsErrors() throws {
        let message = try onlyMessage(try meta("unsupported_message")).message
        #expect(message.content == .unsupported(type: nil))
        let error = try #require(message.errors.first)
        #expect(error.code == 131051)
        #expect(error.title == "Message type unknown")
        #expect(error.kind == .invalidRequest)
        #expect(error.details != nil)
        let typed = try onlyMessage(try pywa("message", "unsupported_with_type")).message
        #expect(typed.content == .unsupported(type: "pool"))
    }

    @Test func statusVariants() throws {
        let sent = try #require(try pywa("message_status", "sent").statusUpdates.first)
        #expect(sent.phoneNumberID == "1122334455667")
        #expect(sent.status.status == .sent)
        #expect(sent.status.recipientID == "972987654321")
        #expect(sent.status.conversation?.expiresAt == Date(timeIntervalSince1970: 1_698_339_900))
        #expect(sent.status.conversation?.originType == "service")
        #expect(sent.status.pricing?.billable == true)
        #expect(sent.status.pricing?.pricingModel == "CBP")
        #expect(try pywa("message_status", "delivered").statusUpdates.first?.status.status == .delivered)
        #expect(try pywa("message_status", "read").statusUpdates.first?.status.status == .read)
        #expect(try pywa("message_status", "played").statusUpdates.first?.status.status == .played)
        #expect(try pywa("message_status", "with_tracker").statusUpdates.first?.status.callbackData == "some data")
        #expect(try pywa("message_status", "group").statusUpdates.first?.status.recipientType == "group")

        let failed = try #require(try pywa("message_status", "failed").statusUpdates.first?.status)
        #expect(failed.status == .failed)
        #expect(failed.conversation == nil)
        let error = try #require(failed.errors.first)
        #expect(error.code == 130472)
        #expect(error.kind == .recipientUnavailable)
        #expect(error.details == "Failed to send message because this user's phone number is part of an experiment")
        #expect(error.href == "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")
        #expect(WhatsAppDeliveryStatus.read.rank > WhatsAppDeliveryStatus.delivered.rank)
        #expect(WhatsAppDeliveryStatus(rawValue: "warning") == .unknown("warning"))
    }

    @Test func messageTypesAreTyped() throws {
        #expect(try onlyMessage(try meta("text_message")).message.content == .text(body: "Does it come in another color?"))
        let image = try onlyMessage(try meta("image_message")).message
        #expect(image.content == .media(WhatsAppInboundMedia(kind: .image, id: "1003383421387256", mimeType: "image/jpeg",
                                                             sha256: "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", caption: "Taj Mahal")))
        #expect(image.textContent == "Taj Mahal")
        guard case .media(let voice) = try onlyMessage(try pywa("message", "voice")).message.content else { Issue.record("voice"); return }
        #expect(voice.kind == .audio && voice.isVoice == true)
        guard case .media(let document) = try onlyMessage(try pywa("message", "document")).message.content else { Issue.record("document"); return }
        #expect(document.filename == "filename.pdf")
        #expect(try onlyMessage(try meta("reaction_message")).message.content == .reaction(messageID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA", emoji: "👍"))
        #expect(try onlyMessage(try pywa("message", "unreaction_empty")).message.content == .reaction(messageID: "wamid.yzxyzx=", emoji: nil))
        #expect(try onlyMessage(try pywa("message", "unreaction_no_emoji")).message.content == .reaction(messageID: "wamid.yzxyzx=", emoji: nil))
        guard case .location(let location) = try onlyMessage(try meta("location_message")).message.content else { Issue.record("location"); return }
        #expect(location.name == "Philz Coffee" && abs(location.latitude - 37.44221496582) < 1e-9)
        guard case .contacts(let cards) = try onlyMessage(try meta("contact_sharing_message")).message.content else { Issue.record("contacts"); return }
        #expect(cards.first?["name"]?["formatted_name"] == "Lucía Gómez")
        guard case .order(let order) = try onlyMessage(try meta("order_message")).message.content else { Issue.record("order"); return }
        #expect(order.items.count == 2 && order.items.first?.quantity == 2 && order.catalogID == "194836987003835")
        guard case .system(let system) = try onlyMessage(try meta("system_message")).message.content else { Issue.record("system"); return }
        #expect(system.type == "user_changed_number" && system.newWaID == "12195555358")
        #expect(try onlyMessage(try pywa("deleted_message", "revoke")).message.content == .revoke(originalMessageID: "<ORIGINAL_WHATSAPP_MESSAGE_ID>"))
        guard case .edit(let original, let content) = try onlyMessage(try pywa("edited_message", "image")).message.content else { Issue.record("edit"); return }
        #expect(original == "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=")
        guard case .media(let edited)? = content else { Issue.record("edited image"); return }
        #expect(edited.caption == "Updated image caption")
        guard case .interactive(.flowReply(let name, _, let response)) = try onlyMessage(try pywa("flow_completion", "completion")).message.content else { Issue.record("flow"); return }
        #expect(name == "flow" && response?.contains("flow_token") == true)
        guard case .interactive(.other(let type, _)) = try onlyMessage(try pywa("call_permission_update", "accept")).message.content else { Issue.record("call permission"); return }
        #expect(type == "call_permission_reply")
        let forwarded = try onlyMessage(try pywa("message", "forwarded_many_times")).message
        #expect(forwarded.context?.frequentlyForwarded == true && forwarded.context?.id == nil)
        #expect(try onlyMessage(try meta("text_message_from_click_to_whatsapp_ad")).message.referral?["source_type"] == "ad")
    }

    @Test func otherChangeFieldsAreKeptVerbatim() throws {
        let webhook = try meta("group_settings_update")
        guard case .other(let field, let value, let account)? = webhook.events.first else { Issue.record("expected other change"); return }
        #expect(field == "group_settings_update")
        #expect(account == "102290129340398")
        #expect(value.list("groups").first?["type"] == "group_settings_update")
        let template = try pywa("template_status_update", "approved")
        #expect(template.entries.first?.changes.first?.field == "message_template_status_update")
        #expect(template.inboundMessages.isEmpty && template.statusUpdates.isEmpty)
    }

    @Test func systemErrorsAreDecoded() throws {
        let webhook = try pywa("message", "interactive_message_with_err")
        let error = try #require(webhook.systemErrors.first)
        #expect(error.error.code == 131000)
        #expect(error.error.kind == .temporarilyUnavailable)
        #expect(error.phoneNumberID == "1122334455667")
        // The message itself has no `interactive` object: kept, as unknown, with its raw JSON.
        guard case .unknown(let type, let raw) = try onlyMessage(webhook).message.content else { Issue.record("expected unknown"); return }
        #expect(type == "interactive")
        #expect(raw["id"] == "wamid.wegrchytvwcggt=")
    }

    @Test func malformedItemsAreSkippedAndReportedWithoutLosingTheOthers() throws {
        let body = #"""
        {"object":"whatsapp_business_account","entry":[
          {"id":"1","changes":[
            {"field":"messages","value":{"metadata":{"phone_number_id":"P1"},"contacts":[{"wa_id":"111","profile":{"name":"Ann"}}],
             "messages":[
               {"from":"111","id":"wamid.A","timestamp":"1700000000","type":"text","text":{"body":"hi"},"brand_new_field":{"x":1}},
               {"from":"111","timestamp":"1700000001","type":"text","text":{"body":"no id"}},
               "not an object",
               {"from":"111","id":"wamid.C","timestamp":1700000002,"type":"hologram","hologram":{"depth":3}},
               {"from":"111","id":"wamid.D","timestamp":"yesterday","type":"text","text":{"body":"bad time"}}
             ],
             "statuses":[{"id":"wamid.S","status":"delivered","timestamp":"1700000003","recipient_id":"111"},{"status":"read"}],
             "errors":[{"code":"130429","title":"Rate limit hit"},42]}},
            {"field":"brand_new_field","value":{"anything":[1,2,3]}},
            {"value":{"no":"field"}},
            7
          ]},
          "not an entry"
        ]}
        """#
        let webhook = try WhatsAppWebhook.decode(Array(body.utf8))
        #expect(webhook.inboundMessages.map(\.message.id) == ["wamid.A", "wamid.C"])
        #expect(webhook.inboundMessages.first?.contactName == "Ann")
        #expect(webhook.inboundMessages.first?.phoneNumberID == "P1")
        #expect(webhook.inboundMessages.last?.message.content == .unknown(type: "hologram", raw: ["from": "111", "id": "wamid.C", "timestamp": 1_700_000_002, "type": "hologram", "hologram": ["depth": 3]]))
        #expect(webhook.statusUpdates.map(\.status.id) == ["wamid.S"])
        #expect(webhook.systemErrors.map(\.error.code) == [130429])
        #expect(webhook.systemErrors.first?.error.kind == .throughputLimitReached)
        #expect(webhook.events.contains(.other(field: "brand_new_field", value: ["anything": [1, 2, 3]], businessAccountID: "1")))
        #expect(webhook.skipped.map(\.path) == [
            "entry[0].changes[0].value.messages[1]", "entry[0].changes[0].value.messages[2]", "entry[0].changes[0].value.messages[4]",
            "entry[0].changes[0].value.statuses[1]", "entry[0].changes[0].value.errors[1]",
            "entry[0].changes[2]", "entry[0].changes[3]", "entry[1]",
        ])
        #expect(webhook.skipped.first?.reason == "message has no id")
        #expect(webhook.skipped[2].raw["text"]?["body"] == "bad time")
    }

    @Test func bodiesThatAreNotJSONObjectsAreRefused() {
        #expect(throws: WhatsAppWebhook.DecodingFailure.notJSON) { try WhatsAppWebhook.decode(Array("{not json".utf8)) }
        #expect(throws: WhatsAppWebhook.DecodingFailure.notAnObject) { try WhatsAppWebhook.decode(Array("[1,2]".utf8)) }
        #expect((try? WhatsAppWebhook.decode(Array("{}".utf8)))?.recordCount == 0)
    }
}
