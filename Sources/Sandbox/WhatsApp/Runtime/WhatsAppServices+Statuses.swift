import Foundation

extension WhatsAppServices {
    /// Plays out an accepted message in the background: `sent`, `delivered` (which wakes the contact's scripts) and
    /// `read` at the configured delays — or a single `failed` status carrying `failure`.
    func scheduleStatuses(for message: WhatsAppSentMessage, failure: AsyncFailure?, category: String) {
        let (timing, conversationID) = state.withLock { ($0.timing, $0.identifiers.conversationID()) }
        tasks.spawn {
            let start = ContinuousClock.now
            do {
                try await Task.sleep(until: start + timing.sent, clock: .continuous)
                if let failure {
                    self.emitStatus("failed", of: message, category: category, conversationID: conversationID, error: failure)
                    return
                }
                self.emitStatus("sent", of: message, category: category, conversationID: conversationID)
                try await Task.sleep(until: start + max(timing.sent, timing.delivered), clock: .continuous)
                self.emitStatus("delivered", of: message, category: category, conversationID: conversationID)
                self.runScripts(answering: message)
                guard let read = timing.read else { return }
                try await Task.sleep(until: start + max(timing.delivered, read), clock: .continuous)
                self.emitStatus("read", of: message, category: category, conversationID: conversationID)
            } catch {
                return  // cancelled by stop()
            }
        }
    }

    private func emitStatus(_ status: String, of message: WhatsAppSentMessage, category: String, conversationID: String,
                            error: AsyncFailure? = nil) {
        let now = clock()
        guard state.withLock({ $0.appendStatus(WhatsAppStatusEvent(status: status, time: now, errorCode: error?.code),
                                              to: message.id) }) != nil else { return }  // reset meanwhile
        let update = StatusUpdate(
            messageID: message.id, status: status, time: now, recipientID: message.waID,
            bizOpaqueCallbackData: message.bizOpaqueCallbackData, conversationID: conversationID, category: category,
            error: error.map { (code: $0.code, title: GraphError.title(for: $0.code), details: $0.details) })
        webhooks.enqueue(kind: "status", messageID: message.id, detail: status, body: envelope.status(update))
    }
}
