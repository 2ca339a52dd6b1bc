import Foundation

/// One step of a random opt-out scenario: something a contact, an administrator or a flow does. Contacts are named
/// by their index in the sequence's small cast, so a printed sequence reads as a script that can be replayed.
enum OptOutEvent: Sendable, CustomStringConvertible {
    /// `POST /api/contacts/{id}/opt-in` (a first opt-in, or a re-opt-in after a STOP).
    case optInByAdmin(Int)
    /// The contact writes something that is not an opt-out (opens their window; the auto-reply flow answers).
    case inbound(Int)
    /// The contact replies with an opt-out keyword (STOP, a variant, or the connection's own keyword).
    case stop(Int, keyword: String)
    /// A direct `whatsapp.send_template` / `send_text` / `send_buttons` against the sandbox over HTTP.
    case sendTemplate(Int)
    case sendText(Int)
    case sendButtons(Int)
    /// A task is created: a real flow run notifies the title's authors and texts the task's owner.
    case notifyByFlow(owner: Int)
    /// WhatsApp will accept the contact's next message and then report it failed (131000): the delivery-tracking flow
    /// resends it as a template — which must respect opt-outs too.
    case failNextDelivery(Int)

    var description: String {
        switch self {
        case .optInByAdmin(let contact): "opt-in(c\(contact))"
        case .inbound(let contact): "inbound(c\(contact))"
        case .stop(let contact, let keyword): "stop(c\(contact), \"\(keyword)\")"
        case .sendTemplate(let contact): "send_template(c\(contact))"
        case .sendText(let contact): "send_text(c\(contact))"
        case .sendButtons(let contact): "send_buttons(c\(contact))"
        case .notifyByFlow(let owner): "notify_by_flow(owner c\(owner))"
        case .failNextDelivery(let contact): "fail_next_delivery(c\(contact))"
        }
    }

    /// A random event among `contacts` people; opt-outs use the defaults' spellings and `customKeyword`.
    static func random(contacts: Int, customKeyword: String, using random: inout SeededRandom) -> OptOutEvent {
        let who = random.below(contacts)
        switch random.below(100) {
        case 0..<13: return .optInByAdmin(who)
        case 13..<26: return .inbound(who)
        case 26..<42:
            let keywords = ["STOP", "stop", " Stop. ", "UNSUBSCRIBE", "unsubscribe!", customKeyword, customKeyword.lowercased()]
            return .stop(who, keyword: keywords[random.below(keywords.count)])
        case 42..<57: return .sendTemplate(who)
        case 57..<69: return .sendText(who)
        case 69..<78: return .sendButtons(who)
        case 78..<88: return .notifyByFlow(owner: who)
        default: return .failNextDelivery(who)
        }
    }
}

/// SplitMix64: small, fast and seeded, so a failing sequence is reproduced exactly from the seed it prints.
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
