import Foundation
import Logging
import SwitchboardStore

/// Replays a dead letter of either kind, so the CLI and the admin API behave alike: a run's step is queued again
/// with fresh attempts (a running node picks it up and the run continues); a WhatsApp message is resent now by
/// ``WhatsAppMessageReplay``.
public struct DeadLetterReplay: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A step, queued again.
        case queued
        /// A WhatsApp message, sent again as `messageID`.
        case resent(messageID: String, wamid: String?, template: String?)
        /// A WhatsApp message that was not sent again, and why; the dead letter stays open.
        case notResent(String)
        case notFound
        case alreadyReplayed
    }

    public let store: Store
    /// Needed only for WhatsApp messages' dead letters.
    public let whatsapp: WhatsAppClientPool?
    public let logger: Logger

    public init(store: Store, whatsapp: WhatsAppClientPool?, logger: Logger = Logger(label: "switchboard.deadletters")) {
        self.store = store
        self.whatsapp = whatsapp
        self.logger = logger
    }

    public func replay(id: String) async throws -> Outcome {
        guard let letter = try await store.session({ try await $0.deadLetter(id: id) }) else { return .notFound }
        if letter.replayedAt != nil { return .alreadyReplayed }
        guard letter.isWhatsAppMessage else {
            let queued = try await store.transaction { try await $0.replayDeadLetter(id: id, nowMilliseconds: epochMilliseconds()) }
            return queued ? .queued : .alreadyReplayed
        }
        guard let whatsapp else { return .notResent("WhatsApp connections are not available here, so the message cannot be resent") }
        switch try await WhatsAppMessageReplay(store: store, whatsapp: whatsapp, logger: logger).replay(letter) {
        case .resent(let messageID, let wamid, let template): return .resent(messageID: messageID, wamid: wamid, template: template)
        case .notResent(let reason): return .notResent(reason)
        }
    }
}
