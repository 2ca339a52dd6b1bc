import Foundation

/// What the sync engine knows about a conversation when it decides whether to synchronise it.
public struct ConversationSyncFacts: Sendable, Equatable {
    public var settings: ChannelSyncSettings
    /// A ticket already exists for this conversation and may still be updated (not closed in Zendesk).
    public var hasLiveTicket: Bool
    /// Zendesk customer the contact is associated with (mode 1), if any.
    public var associatedUserID: Int64?
    /// A human advisor (not a bot) has replied in Switchboard.
    public var humanReplied: Bool
    /// The team the conversation is routed to.
    public var team: String?
    /// Mode 2: the email read from the configured field.
    public var email: String?
    /// Whether the customer the ticket would belong to is suspended in Zendesk; nil when not looked up yet.
    public var customerSuspended: Bool?
    /// The Zendesk id of that customer, for the reason text.
    public var customerID: Int64?

    public init(settings: ChannelSyncSettings, hasLiveTicket: Bool = false, associatedUserID: Int64? = nil, humanReplied: Bool = false, team: String? = nil,
                email: String? = nil, customerSuspended: Bool? = nil, customerID: Int64? = nil) {
        self.settings = settings
        self.hasLiveTicket = hasLiveTicket
        self.associatedUserID = associatedUserID
        self.humanReplied = humanReplied
        self.team = team
        self.email = email
        self.customerSuspended = customerSuspended
        self.customerID = customerID
    }
}

/// Whether a conversation is synchronised now, and if not why — the reason is stored and shown by the API and CLI.
public enum SyncDecision: Sendable, Equatable, CustomStringConvertible {
    case sync
    /// Not yet: it will sync by itself once the condition is met.
    case wait(String)
    /// Not while the rule stands: a setting or the customer's state forbids it.
    case blocked(String)

    public var state: String {
        switch self {
        case .sync: return "syncing"
        case .wait: return "waiting"
        case .blocked: return "blocked"
        }
    }

    public var reason: String? {
        switch self {
        case .sync: return nil
        case .wait(let reason), .blocked(let reason): return reason
        }
    }

    public var description: String { reason.map { "\(state): \($0)" } ?? state }

    /// The connector's rules (seed 003), in order: the channel switch, the content rules, an existing ticket keeps
    /// being updated (even after disassociation), then mode 1 (association and a human reply) or mode 2 (routed to
    /// the team, with an email), and finally a suspended customer stops everything.
    public static func decide(_ facts: ConversationSyncFacts) -> SyncDecision {
        let settings = facts.settings
        guard settings.enabled else { return .blocked("synchronisation is turned off for channel \(settings.channel)") }
        if settings.effectiveForbidContent {
            let why = settings.isXWithoutContract ? " (X forbids it without a direct contract)" : ""
            return .blocked("channel \(settings.channel) forbids sending content to third parties\(why)")
        }
        if !facts.hasLiveTicket {
            switch settings.mode {
            case .advisorReply:
                guard facts.associatedUserID != nil else { return .wait("waiting for the contact to be associated with a Zendesk customer") }
                guard facts.humanReplied else { return .wait("waiting for a human advisor reply (bot replies do not count)") }
            case .teamRouting:
                guard let team = settings.team else { return .blocked("mode 2 needs the channel's team to be configured") }
                guard let field = settings.emailField else { return .blocked("mode 2 needs the channel's email field to be configured") }
                guard facts.team == team else { return .wait("waiting for the conversation to be routed to team \(team)") }
                guard facts.email != nil else { return .wait("waiting for an email address in \(field)") }
            }
        }
        if facts.customerSuspended == true {
            return .blocked("customer \(facts.customerID.map(String.init) ?? "?") is suspended in Zendesk")
        }
        return .sync
    }
}
