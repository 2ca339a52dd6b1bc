import Foundation
import LooseJSON
import SwitchboardCore
import Testing

/// The connector's rules as a pure decision (seed 003): which conversations sync, and the reason the others wait or
/// are blocked.
@Suite("Conversation sync decision")
struct ConversationSyncDecisionTests {
    func settings(_ mode: ChannelSyncSettings.Mode = .advisorReply, channel: String = "instagram", _ change: (inout ChannelSyncSettings) -> Void = { _ in }) -> ChannelSyncSettings {
        var value = ChannelSyncSettings(channel: channel)
        value.mode = mode
        change(&value)
        return value
    }

    @Test("mode 1 needs an association and a human reply; bot-only never syncs")
    func modeOne() {
        let base = settings()
        #expect(SyncDecision.decide(.init(settings: base, humanReplied: true)) == .wait("waiting for the contact to be associated with a Zendesk customer"))
        #expect(SyncDecision.decide(.init(settings: base, associatedUserID: 7)) == .wait("waiting for a human advisor reply (bot replies do not count)"))
        #expect(SyncDecision.decide(.init(settings: base, associatedUserID: 7, humanReplied: true)) == .sync)
    }

    @Test("an existing ticket keeps being updated after disassociation")
    func disassociated() {
        #expect(SyncDecision.decide(.init(settings: settings(), hasLiveTicket: true)) == .sync)
    }

    @Test("mode 2 needs the team and an email; missing configuration blocks")
    func modeTwo() {
        let configured = settings(.teamRouting) { $0.team = "support"; $0.emailField = "data.email" }
        #expect(SyncDecision.decide(.init(settings: configured, team: "sales", email: "a@b.c")) == .wait("waiting for the conversation to be routed to team support"))
        #expect(SyncDecision.decide(.init(settings: configured, team: "support")) == .wait("waiting for an email address in data.email"))
        #expect(SyncDecision.decide(.init(settings: configured, team: "support", email: "a@b.c")) == .sync)
        #expect(SyncDecision.decide(.init(settings: settings(.teamRouting), team: "support")) == .blocked("mode 2 needs the channel's team to be configured"))
    }

    @Test("a suspended customer blocks, with or without a ticket")
    func suspended() {
        #expect(SyncDecision.decide(.init(settings: settings(), associatedUserID: 9, humanReplied: true, customerSuspended: true, customerID: 9))
                == .blocked("customer 9 is suspended in Zendesk"))
        #expect(SyncDecision.decide(.init(settings: settings(), hasLiveTicket: true, customerSuspended: true, customerID: 9)) == .blocked("customer 9 is suspended in Zendesk"))
    }

    @Test("X forbids everything without a direct contract; content rules block; a disabled channel blocks")
    func contentRules() {
        let x = settings(channel: "x")
        #expect(x.effectiveForbidNames && x.effectiveForbidContent && x.effectiveForbidAttachments)
        #expect(SyncDecision.decide(.init(settings: x, hasLiveTicket: true)) == .blocked("channel x forbids sending content to third parties (X forbids it without a direct contract)"))
        #expect(SyncDecision.decide(.init(settings: settings(channel: "x") { $0.directContract = true }, hasLiveTicket: true)) == .sync)
        #expect(SyncDecision.decide(.init(settings: settings { $0.forbidContent = true }, hasLiveTicket: true)) == .blocked("channel instagram forbids sending content to third parties"))
        #expect(SyncDecision.decide(.init(settings: settings { $0.enabled = false }, hasLiveTicket: true)) == .blocked("synchronisation is turned off for channel instagram"))
    }

    @Test("names and attachments rules redact what is sent")
    func redaction() {
        let message = ConversationSyncMessage(conversationID: "c", sequence: 1, externalID: "m", author: .customer, text: "See this",
                                              attachments: [ConversationAttachment(url: "https://cdn/x.png", name: "x.png")], sentAt: 0)
        let open = ConversationSyncContent(settings: settings(), contactName: "Ada", contactHandle: "@ada")
        #expect(open.body(message) == "Ada: See this\nAttachment: x.png https://cdn/x.png")
        let closed = ConversationSyncContent(settings: settings { $0.forbidNames = true; $0.forbidAttachments = true }, contactName: "Ada", contactHandle: "@ada")
        #expect(closed.body(message) == "Customer: See this\n[1 attachment(s) not transferred: channel instagram forbids sending attachments to third parties]")
        #expect(closed.subject(account: "@p") == "Instagram conversation with Customer (@p)")
    }

    @Test("settings: partial updates, mode aliases, and clear errors")
    func settingsUpdates() throws {
        let updated = try settings().updated(with: .object(["mode": "2", "team": "support", "continue_after_ticket_creation": false,
                                                            "user_fields": .object(["user_fields.loyalty": "data.loyalty"])]))
        #expect(updated.mode == .teamRouting && updated.team == "support" && !updated.continueAfterTicketCreation && updated.userFields == ["loyalty": "data.loyalty"])
        #expect(throws: ChannelSyncSettingsError.self) { try settings().updated(with: .object(["colour": "red"])) }
        #expect(throws: ChannelSyncSettingsError.self) { try settings().updated(with: .object(["mode": "3"])) }
        #expect(ChannelSyncSettings(channel: "wa").continueAfterTicketCreation)
    }

    @Test("settings: the WhatsApp reply_template is set, kept through JSON, and cleared with null")
    func replyTemplate() throws {
        let set = try settings(channel: "whatsapp").updated(with: .object(["reply_template": "switchboard_notice", "reply_template_language": "en_US"]))
        #expect(set.replyTemplate == "switchboard_notice" && set.replyTemplateLanguage == "en_US")
        #expect(set.json["reply_template"] == .string("switchboard_notice"))
        #expect(ChannelSyncSettings.stored(channel: "whatsapp", json: set.json) == set)
        #expect(try set.updated(with: .object(["mode": "1"])).replyTemplate == "switchboard_notice")
        let cleared = try set.updated(with: .object(["reply_template": .null]))
        #expect(cleared.replyTemplate == nil && cleared.json["reply_template"] == .null)
        #expect(throws: ChannelSyncSettingsError.self) { try set.updated(with: .object(["reply_template": .number(3)])) }
    }

    @Test("inbound bodies are checked field by field")
    func inbound() throws {
        let good = try ConversationInbound.parse(try JSONValue.parse(#"{"conversation_id": "c", "account": "@p", "contact": {"handle": "@a", "email": "a@b.c"}, "message": {"id": "m", "author": "bot", "text": "hi"}, "tags": ["VIP ", "vip", "Late Order"]}"#))
        #expect(good.author == .bot && good.contactEmail == "a@b.c" && good.tags == ["late_order", "vip"])
        for (body, message) in [(#"[]"#, "the body must be a JSON object"), (#"{"account": "a", "contact": {"handle": "h"}, "message": {"id": "m", "author": "customer", "text": "t"}}"#, "conversation_id is required"),
                                (#"{"conversation_id": "c", "account": "a", "contact": {"handle": "h"}, "message": {"id": "m", "author": "customer"}}"#, "message.text is required (or at least one attachment)")] {
            #expect(throws: ConversationInboundError.self) { try ConversationInbound.parse(try JSONValue.parse(body)) }
            do { _ = try ConversationInbound.parse(try JSONValue.parse(body)) } catch { #expect(String(describing: error) == message) }
        }
        #expect(ConversationDataPath.read("data.email", in: .object(["data": .object(["email": "x@y.z"])])) == "x@y.z")
    }
}
