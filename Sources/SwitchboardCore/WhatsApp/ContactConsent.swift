import Foundation

/// Whether a contact agreed to receive WhatsApp messages from the publisher, and whether they withdrew.
///
/// WhatsApp requires opt-in before a business starts a conversation, and an opt-out ("STOP", a tapped unsubscribe
/// button, a request to the team) must be honoured for every later notification. Consent changes carry their time so
/// a stale change (an import or a webhook that arrives late) never overrides a newer one.
public struct ContactConsent: Sendable, Equatable {
    public var optedIn: Bool
    public var optedInAt: Int64?
    public var optedOutAt: Int64?
    public var optOutReason: String?

    public init(optedIn: Bool = false, optedInAt: Int64? = nil, optedOutAt: Int64? = nil, optOutReason: String? = nil) {
        self.optedIn = optedIn
        self.optedInAt = optedInAt
        self.optedOutAt = optedOutAt
        self.optOutReason = optOutReason
    }

    /// The contact withdrew consent and has not given it again.
    public var isOptedOut: Bool { !optedIn && optedOutAt != nil }

    /// Consent after an opt-in at `time`; unchanged when a later opt-out is already known.
    public func optingIn(at time: Int64) -> ContactConsent {
        if let optedOutAt, optedOutAt > time { return self }
        return ContactConsent(optedIn: true, optedInAt: time, optedOutAt: optedOutAt, optOutReason: optOutReason)
    }

    /// Consent after an opt-out at `time`; unchanged when a later opt-in is already known.
    public func optingOut(at time: Int64, reason: String?) -> ContactConsent {
        if optedIn, let optedInAt, optedInAt > time { return self }
        return ContactConsent(optedIn: false, optedInAt: optedInAt, optedOutAt: time, optOutReason: reason)
    }

    /// May Switchboard send this contact a message for `purpose`, given whether their conversation window is open?
    ///
    /// An opted-out contact gets nothing. A notification (a business-initiated message) needs an opt-in. A reply to
    /// the contact's own message needs no opt-in, only an open window.
    public func decision(for purpose: MessagingPurpose, windowOpen: Bool) -> ConsentDecision {
        if isOptedOut { return .optedOut(reason: optOutReason) }
        if optedIn { return .allowed }
        if purpose == .reply, windowOpen { return .allowed }
        return .notOptedIn
    }
}

/// Why Switchboard is about to message a contact; consent rules differ (see ``ContactConsent/decision(for:windowOpen:)``).
public enum MessagingPurpose: String, Sendable, Hashable, CaseIterable {
    /// Business-initiated: a reminder, an alert, an approval request.
    case notification
    /// An answer to a message the contact sent, inside their conversation window.
    case reply
}

/// The answer to "may we message this contact?", with the reason when the answer is no.
public enum ConsentDecision: Sendable, Equatable, CustomStringConvertible {
    case allowed
    case notOptedIn
    case optedOut(reason: String?)
    case unknownContact

    public var isAllowed: Bool { self == .allowed }

    public var description: String {
        switch self {
        case .allowed: return "allowed"
        case .notOptedIn: return "the contact has not opted in to WhatsApp messages"
        case .optedOut(let reason): return "the contact opted out" + (reason.map { " (\($0))" } ?? "")
        case .unknownContact: return "no such contact"
        }
    }
}
