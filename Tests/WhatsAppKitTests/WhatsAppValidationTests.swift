import ConnectorKit
import Foundation
import Testing
@testable import WhatsAppKit

@Suite struct WhatsAppValidationTests {
    let support = ClientTestSupport.self

    func problems(_ interactive: WhatsAppInteractive) async throws -> [WhatsAppValidationError.Problem] {
        let transport = ScriptedTransport([.respond(support.accepted)])
        do {
            _ = try await support.client(transport).sendInteractive(to: "16505551234", interactive)
            Issue.record("expected a validation error")
            return []
        } catch let error as WhatsAppValidationError {
            #expect(transport.requests.isEmpty, "no request is made for an invalid message")
            return error.problems
        }
    }

    func buttons(_ buttons: [WhatsAppReplyButton], body: String = "Body", header: String? = nil, footer: String? = nil) -> WhatsAppInteractive {
        .replyButtons(WhatsAppReplyButtons(header: header.map(WhatsAppInteractiveHeader.text), body: body, footer: footer, buttons: buttons))
    }

    @Test func replyButtonLimits() async throws {
        #expect(try await problems(buttons([])) == [.init(field: "interactive.action.buttons", rule: .tooFew(minimum: 1, actual: 0))])
        let four = (1...4).map { WhatsAppReplyButton(id: "id\($0)", title: "T\($0)") }
        #expect(try await problems(buttons(four)) == [.init(field: "interactive.action.buttons", rule: .tooMany(maximum: 3, actual: 4))])
        let long = WhatsAppReplyButton(id: "a", title: String(repeating: "x", count: 21))
        #expect(try await problems(buttons([long])) == [.init(field: "interactive.action.buttons[0].reply.title", rule: .tooLong(limit: 20, actual: 21))])
        let duplicate = try await problems(buttons([WhatsAppReplyButton(id: "same", title: "A"), WhatsAppReplyButton(id: "same", title: "B")]))
        #expect(duplicate == [.init(field: "interactive.action.buttons[1].reply.id", rule: .duplicate("same"))])
        let longID = try await problems(buttons([WhatsAppReplyButton(id: String(repeating: "i", count: 257), title: "A")]))
        #expect(longID == [.init(field: "interactive.action.buttons[0].reply.id", rule: .tooLong(limit: 256, actual: 257))])
        let frame = try await problems(buttons([WhatsAppReplyButton(id: " a", title: "A")], body: String(repeating: "b", count: 1025),
                                                header: String(repeating: "h", count: 61), footer: String(repeating: "f", count: 61)))
        #expect(Set(frame.map(\.field)) == ["interactive.header.text", "interactive.body.text", "interactive.footer.text", "interactive.action.buttons[0].reply.id"])
        #expect(frame.contains(.init(field: "interactive.body.text", rule: .tooLong(limit: 1024, actual: 1025))))
        // Exactly at the limits is fine.
        try WhatsAppInteractiveValidator.validate(buttons((1...3).map { WhatsAppReplyButton(id: String(repeating: "\($0)", count: 256), title: String(repeating: "\($0)", count: 20)) },
                                                          body: String(repeating: "b", count: 1024), header: String(repeating: "h", count: 60), footer: String(repeating: "f", count: 60)))
    }

    @Test func listLimits() async throws {
        func list(_ sections: [WhatsAppListSection], button: String = "Choose") -> WhatsAppInteractive {
            .list(WhatsAppListMessage(body: "Body", buttonTitle: button, sections: sections))
        }
        func rows(_ count: Int, prefix: String = "r") -> [WhatsAppListRow] { (0..<count).map { WhatsAppListRow(id: "\(prefix)\($0)", title: "Row \($0)") } }

        #expect(try await problems(list([])) == [.init(field: "interactive.action.sections", rule: .tooFew(minimum: 1, actual: 0))])
        let eleven = try await problems(list([WhatsAppListSection(title: "A", rows: rows(6, prefix: "a")), WhatsAppListSection(title: "B", rows: rows(5, prefix: "b"))]))
        #expect(eleven == [.init(field: "interactive.action.sections[].rows", rule: .tooMany(maximum: 10, actual: 11))])
        let sections = try await problems(list((0..<11).map { WhatsAppListSection(title: "S\($0)", rows: [WhatsAppListRow(id: "r\($0)", title: "R")]) }))
        #expect(sections.contains(.init(field: "interactive.action.sections", rule: .tooMany(maximum: 10, actual: 11))))
        let row = WhatsAppListRow(id: "r", title: String(repeating: "t", count: 25), description: String(repeating: "d", count: 73))
        let rowProblems = try await problems(list([WhatsAppListSection(rows: [row])], button: String(repeating: "b", count: 21)))
        #expect(rowProblems == [
            .init(field: "interactive.action.button", rule: .tooLong(limit: 20, actual: 21)),
            .init(field: "interactive.action.sections[0].rows[0].title", rule: .tooLong(limit: 24, actual: 25)),
            .init(field: "interactive.action.sections[0].rows[0].description", rule: .tooLong(limit: 72, actual: 73)),
        ])
        let untitled = try await problems(list([WhatsAppListSection(rows: rows(1, prefix: "a")), WhatsAppListSection(title: "B", rows: rows(1, prefix: "b"))]))
        #expect(untitled == [.init(field: "interactive.action.sections[0].title", rule: .empty)])
        try WhatsAppInteractiveValidator.validate(list([WhatsAppListSection(title: String(repeating: "s", count: 24), rows: rows(10))], button: String(repeating: "b", count: 20)))
    }

    @Test func otherMessageRules() {
        func problems(_ message: WhatsAppOutboundMessage) -> [WhatsAppValidationError.Problem] {
            do { try message.validate(); return [] } catch { return error.problems }
        }
        #expect(problems(WhatsAppOutboundMessage(to: "", content: .text(body: " "))).map(\.field) == ["to", "text.body"])
        #expect(problems(WhatsAppOutboundMessage(to: "1", content: .text(body: String(repeating: "x", count: 4097)))) == [.init(field: "text.body", rule: .tooLong(limit: 4096, actual: 4097))])
        #expect(problems(WhatsAppOutboundMessage(to: "1", content: .media(WhatsAppOutboundMedia(kind: .audio, source: .id("1"), caption: "no")))) == [.init(field: "audio.caption", rule: .notAllowed)])
        #expect(problems(WhatsAppOutboundMessage(to: "1", content: .media(WhatsAppOutboundMedia(kind: .image, source: .link("ftp://x/y.jpg"), filename: "y.jpg")))).map(\.field) == ["image.link", "image.filename"])
        #expect(problems(WhatsAppOutboundMessage(to: "1", content: .template(WhatsAppTemplate(name: "t", languageCode: "en", buttons: [.quickReply(index: 10, payload: "p")])))).first?.rule == .outOfRange("0…9"))
        #expect(problems(WhatsAppOutboundMessage(to: "1", content: .reaction(messageID: "", emoji: "👍"))) == [.init(field: "reaction.message_id", rule: .empty)])
        let error = WhatsAppValidationError(problems: [.init(field: "interactive.action.buttons[0].reply.title", rule: .tooLong(limit: 20, actual: 21))])
        #expect(error.description == "message not sent: interactive.action.buttons[0].reply.title is 21 characters long; at most 20 allowed")
    }
}
