import Foundation
import LooseJSON
@testable import SwitchboardEngine
import SwitchboardStore
import Testing

/// The delivery-tracking table: which `failed` codes are resent as a template and which are dead-lettered, and how a
/// sent message is read back for a resend or a replay.
@Suite struct FailedMessageRecoveryTests {
    static func isResend(_ decision: FailedMessageRecovery) -> Bool {
        if case .resendAsTemplate = decision { return true }
        return false
    }

    @Test(arguments: [131047, 130429, 131056, 1, 2, 131000, 131016, 131057, 4, 80007])
    func recoverableCodesAreResentAsATemplateOnce(_ code: Int) {
        #expect(Self.isResend(FailedMessageRecovery.decide(code: code, kind: "text", isResend: false)))
        // A resend that fails too is not resent again.
        #expect(!Self.isResend(FailedMessageRecovery.decide(code: code, kind: "template", isResend: true)))
    }

    @Test(arguments: [131026, 130472, 130497, 131050, 131049, 132000, 132001, 132005, 132007, 132008, 132012, 132015, 132016, 131052, 131053,
                      190, 0, 10, 200, 131005, 33, 131030, 100, 131008, 368, 131048, 135000, 999_999])
    func otherCodesAreDeadLettered(_ code: Int) {
        let decision = FailedMessageRecovery.decide(code: code, kind: "text", isResend: false)
        #expect(!Self.isResend(decision))
        #expect(!decision.reason.isEmpty)
    }

    @Test func aTemplateOutsideTheWindowAndAFailureWithoutACodeAreDeadLettered() {
        #expect(!Self.isResend(FailedMessageRecovery.decide(code: 131047, kind: "template", isResend: false)))
        #expect(Self.isResend(FailedMessageRecovery.decide(code: 131000, kind: "template", isResend: false)))
        #expect(!Self.isResend(FailedMessageRecovery.decide(code: nil, kind: "text", isResend: false)))
        #expect(FailedMessageRecovery.decide(code: 131026, kind: "text", isResend: false).reason.contains("131026"))
    }

    @Test func aSentTemplateAndFreeFormMessageAreReadBackAsSent() throws {
        let template: JSONValue = [
            "type": "template",
            "template": ["name": "title_blocked", "language": ["code": "en_GB"], "components": [
                ["type": "body", "parameters": [["type": "text", "text": "Dune"], ["type": "currency", "currency": ["fallback_value": "£9.99"]]]],
                ["type": "button", "sub_type": "quick_reply", "index": "1", "parameters": [["type": "payload", "payload": "no:7"]]],
                ["type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [["type": "payload", "payload": "yes:7"]]],
            ]],
        ]
        let call = try #require(SentMessageContent.templateCall(template))
        #expect(call == TemplateCall(name: "title_blocked", language: "en_GB", bodyParams: ["Dune", "£9.99"], quickReplies: ["yes:7", "no:7"]))
        #expect(SentMessageContent.templateCall(["type": "text", "text": ["body": "Hi"]]) == nil)

        let text = try #require(SentMessageContent.freeForm(["type": "text", "text": ["body": "Proofs?", "preview_url": true]]))
        #expect(text.content == .text(body: "Proofs?", previewURL: true))
        let buttons = try #require(SentMessageContent.freeForm([
            "type": "interactive",
            "interactive": ["type": "button", "header": ["type": "text", "text": "Cover"], "body": ["text": "Approve?"], "footer": ["text": "SB"],
                            "action": ["buttons": [["type": "reply", "reply": ["id": "ok", "title": "OK"]], ["type": "reply", "reply": ["id": "no", "title": "No"]]]]],
        ]))
        #expect(buttons.replyOptions == ["ok", "no"])
        #expect(buttons.content == .interactive(.replyButtons(.init(header: .text("Cover"), body: "Approve?", footer: "SB",
                                                                    buttons: [.init(id: "ok", title: "OK"), .init(id: "no", title: "No")]))))
        #expect(SentMessageContent.freeForm(["type": "image"]) == nil)
    }
}
