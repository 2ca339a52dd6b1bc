import ConnectorKit
import Foundation
import Testing
@testable import WhatsAppKit

@Suite struct WhatsAppClientSendTests {
    let support = ClientTestSupport.self

    @Test func textRequestAndResponse() async throws {
        let transport = ScriptedTransport([.respond(support.accepted)])
        let result = try await support.client(transport).sendText(to: "+16505551234", "Your proofs are ready.", replyTo: "wamid.IN1", callbackData: "req-42")
        #expect(result == WhatsAppSendResult(input: "+16505551234", waID: "16505551234", messageID: "wamid.OUT1", messageStatus: "accepted"))
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.method == .post)
        #expect(request.url == "https://graph.example.test/v23.0/106540352242922/messages")
        #expect(request.headers.contains { $0.0 == "Authorization" && $0.1 == "Bearer \(support.token)" })
        #expect(request.headers.contains { $0.0 == "Content-Type" && $0.1 == "application/json" })
        #expect(support.body(request) == #"{"biz_opaque_callback_data":"req-42","context":{"message_id":"wamid.IN1"},"messaging_product":"whatsapp","recipient_type":"individual","text":{"body":"Your proofs are ready.","preview_url":false},"to":"+16505551234","type":"text"}"#)
    }

    @Test func templateRequest() async throws {
        let transport = ScriptedTransport([.respond(support.accepted)])
        let template = WhatsAppTemplate(
            name: "approval_request", languageCode: "en_US",
            headerParameters: [.text("Manuscript X")],
            bodyParameters: [.text("Chapter 3"), .currency(fallbackValue: "$100.99", code: "USD", amount1000: 100_990), .dateTime(fallbackValue: "February 25, 1977")],
            buttons: [.quickReply(index: 0, payload: "approve:req-42"), .quickReply(index: 1, payload: "reject:req-42"), .url(index: 2, text: "req-42")]
        )
        _ = try await support.client(transport).sendTemplate(to: "16505551234", template, callbackData: "req-42")
        #expect(support.body(transport.requests.first) == #"{"biz_opaque_callback_data":"req-42","messaging_product":"whatsapp","recipient_type":"individual","template":{"components":[{"parameters":[{"text":"Manuscript X","type":"text"}],"type":"header"},{"parameters":[{"text":"Chapter 3","type":"text"},{"currency":{"amount_1000":100990,"code":"USD","fallback_value":"$100.99"},"type":"currency"},{"date_time":{"fallback_value":"February 25, 1977"},"type":"date_time"}],"type":"body"},{"index":"0","parameters":[{"payload":"approve:req-42","type":"payload"}],"sub_type":"quick_reply","type":"button"},{"index":"1","parameters":[{"payload":"reject:req-42","type":"payload"}],"sub_type":"quick_reply","type":"button"},{"index":"2","parameters":[{"text":"req-42","type":"text"}],"sub_type":"url","type":"button"}],"language":{"code":"en_US"},"name":"approval_request"},"to":"16505551234","type":"template"}"#)
    }

    @Test func templateMediaParameters() throws {
        let template = WhatsAppTemplate(name: "cover", languageCode: "en", headerParameters: [.image(.link("https://example.com/c.jpg"))],
                                        bodyParameters: [.document(.id("77"), filename: "proofs.pdf"), .video(.link("https://example.com/v.mp4"))])
        let message = WhatsAppOutboundMessage(to: "1", content: .template(template))
        try message.validate()
        #expect(message.json["template"]?["components"] == [
            ["type": "header", "parameters": [["type": "image", "image": ["link": "https://example.com/c.jpg"]]]],
            ["type": "body", "parameters": [["type": "document", "document": ["id": "77", "filename": "proofs.pdf"]], ["type": "video", "video": ["link": "https://example.com/v.mp4"]]]],
        ])
        #expect(message.isAllowedOutsideServiceWindow)
    }

    @Test func interactiveButtonsAndListRequests() async throws {
        let transport = ScriptedTransport([.respond(support.accepted), .respond(support.accepted)])
        let client = support.client(transport)
        let buttons = WhatsAppReplyButtons(header: .text("Approval needed"), body: "Approve chapter 3 of Manuscript X?", footer: "Switchboard",
                                           buttons: [WhatsAppReplyButton(id: "approve:req-42", title: "Approve"), WhatsAppReplyButton(id: "reject:req-42", title: "Reject")])
        _ = try await client.sendInteractive(to: "16505551234", .replyButtons(buttons))
        #expect(support.body(transport.requests.first) == #"{"interactive":{"action":{"buttons":[{"reply":{"id":"approve:req-42","title":"Approve"},"type":"reply"},{"reply":{"id":"reject:req-42","title":"Reject"},"type":"reply"}]},"body":{"text":"Approve chapter 3 of Manuscript X?"},"footer":{"text":"Switchboard"},"header":{"text":"Approval needed","type":"text"},"type":"button"},"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"interactive"}"#)

        let list = WhatsAppListMessage(header: "Choose reviewer", body: "Who should review chapter 3?", footer: "Switchboard", buttonTitle: "Reviewers",
                                       sections: [WhatsAppListSection(title: "Editors", rows: [WhatsAppListRow(id: "rev:anna", title: "Anna", description: "Senior editor"), WhatsAppListRow(id: "rev:ben", title: "Ben")])])
        _ = try await client.sendInteractive(to: "16505551234", .list(list))
        #expect(support.body(transport.requests.last) == #"{"interactive":{"action":{"button":"Reviewers","sections":[{"rows":[{"description":"Senior editor","id":"rev:anna","title":"Anna"},{"id":"rev:ben","title":"Ben"}],"title":"Editors"}]},"body":{"text":"Who should review chapter 3?"},"footer":{"text":"Switchboard"},"header":{"text":"Choose reviewer","type":"text"},"type":"list"},"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"interactive"}"#)
    }

    @Test func mediaReactionAndReadRequests() async throws {
        let transport = ScriptedTransport([.respond(support.accepted), .respond(support.accepted), .respond(support.accepted), .respond(.json(200, #"{"success":true}"#))])
        let client = support.client(transport)
        _ = try await client.sendMedia(to: "16505551234", .document(.id("1234567890"), caption: "Proofs", filename: "proofs.pdf"))
        _ = try await client.sendMedia(to: "16505551234", .image(.link("https://example.com/cover.jpg"), caption: "Cover draft"), replyTo: "wamid.IN2")
        _ = try await client.sendReaction(to: "16505551234", messageID: "wamid.IN3", emoji: "👍")
        try await client.markAsRead(messageID: "wamid.IN4", showTypingIndicator: true)
        let bodies = transport.requests.map { support.body($0) }
        #expect(bodies[0] == #"{"document":{"caption":"Proofs","filename":"proofs.pdf","id":"1234567890"},"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document"}"#)
        #expect(bodies[1] == #"{"context":{"message_id":"wamid.IN2"},"image":{"caption":"Cover draft","link":"https://example.com/cover.jpg"},"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"image"}"#)
        #expect(bodies[2] == #"{"messaging_product":"whatsapp","reaction":{"emoji":"👍","message_id":"wamid.IN3"},"recipient_type":"individual","to":"16505551234","type":"reaction"}"#)
        #expect(bodies[3] == #"{"message_id":"wamid.IN4","messaging_product":"whatsapp","status":"read","typing_indicator":{"type":"text"}}"#)
        #expect(WhatsAppClient.readReceipt(messageID: "wamid.X").jsonText == #"{"message_id":"wamid.X","messaging_product":"whatsapp","status":"read"}"#)
    }

    @Test func ourRequestsMatchMetasExamples() throws {
        let to = "{{Recipient-Phone-Number}}"
        let cases: [(String, JSONValue)] = [
            ("send_text_message", WhatsAppOutboundMessage(to: to, content: .text(body: "text-message-content")).json),
            ("send_reply_to_text_message", WhatsAppOutboundMessage(to: to, content: .text(body: "<TEXT_MSG_CONTENT>"), replyToMessageID: "<MSGID_OF_PREV_MSG>").json),
            ("send_reply_button", WhatsAppOutboundMessage(to: to, content: .interactive(.replyButtons(WhatsAppReplyButtons(body: "<BUTTON_TEXT>", buttons: [
                WhatsAppReplyButton(id: "<UNIQUE_BUTTON_ID_1>", title: "<BUTTON_TITLE_1>"), WhatsAppReplyButton(id: "<UNIQUE_BUTTON_ID_2>", title: "<BUTTON_TITLE_2>"),
            ])))).json),
            ("send_list_message", WhatsAppOutboundMessage(to: to, content: .interactive(.list(WhatsAppListMessage(header: "<HEADER_TEXT>", body: "<BODY_TEXT>", footer: "<FOOTER_TEXT>", buttonTitle: "<BUTTON_TEXT>", sections: [1, 2].map { section in
                WhatsAppListSection(title: "<LIST_SECTION_\(section)_TITLE>", rows: [1, 2].map { row in
                    WhatsAppListRow(id: "<LIST_SECTION_\(section)_ROW_\(row)_ID>", title: "<SECTION_\(section)_ROW_\(row)_TITLE>", description: "<SECTION_\(section)_ROW_\(row)_DESC>")
                })
            })))).json),
            ("send_image_message_by_url", WhatsAppOutboundMessage(to: to, content: .media(.image(.link("http(s)://image-url")))).json),
            ("send_image_message_by_id", WhatsAppOutboundMessage(to: to, content: .media(.image(.id("<IMAGE_OBJECT_ID>")))).json),
            ("send_reply_to_image_message_by_id", WhatsAppOutboundMessage(to: to, content: .media(.image(.id("<IMAGE_OBJECT_ID>"))), replyToMessageID: "<MSGID_OF_PREV_MSG>").json),
            ("send_document_message_by_id", WhatsAppOutboundMessage(to: to, content: .media(.document(.id("<DOCUMENT_OBJECT_ID>"), caption: "<DOCUMENT_CAPTION_TO_SEND>", filename: "<DOCUMENT_FILENAME>"))).json),
            ("send_document_message_by_url", WhatsAppOutboundMessage(to: to, content: .media(.document(.link("<http(s)://document-url>"), caption: "<DOCUMENT-CAPTION-TEXT>"))).json),
            ("send_video_message_by_id", WhatsAppOutboundMessage(to: to, content: .media(.video(.id("<VIDEO_OBJECT_ID>"), caption: "<VIDEO_CAPTION_TEXT>"))).json),
            ("send_audio_message_by_url", WhatsAppOutboundMessage(to: to, content: .media(.audio(.link("<http(s)://audio-url>")))).json),
            ("send_sticker_message_by_id", WhatsAppOutboundMessage(to: to, content: .media(.sticker(.id("<MEDIA_OBJECT_ID>")))).json),
            ("send_reply_with_reaction_message", WhatsAppOutboundMessage(to: to, content: .reaction(messageID: "wamid.HBgLM...", emoji: "😀")).json),
            ("send_typing_indicator_and_read_receipt", WhatsAppClient.readReceipt(messageID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=", showTypingIndicator: true)),
        ]
        for (name, json) in cases {
            let expected = try support.canonical(try Fixture.bytes("meta-openapi-examples/send_message_request_examples/\(name).json"))
            #expect(try support.canonical(Array(json.jsonText.utf8)) == expected, "\(name)")
        }
    }

    @Test func configurationNeverPrintsTheToken() {
        let configuration = WhatsAppConfiguration(phoneNumberID: "1", accessToken: support.token)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), dumped] {
            #expect(!text.contains(support.token))
        }
        #expect(configuration.messagesURL == "https://graph.facebook.com/v23.0/1/messages")
        #expect(WhatsAppConfiguration(apiVersion: GraphAPIVersion("21.0"), phoneNumberID: "1/../x", accessToken: "t").messagesURL == "https://graph.facebook.com/v21.0/1%2F..%2Fx/messages")
    }
}
