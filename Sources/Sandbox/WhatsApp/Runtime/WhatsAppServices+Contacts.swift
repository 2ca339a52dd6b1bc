import Foundation

extension WhatsAppServices {
    /// A contact writes to the business now: the message is recorded, opens (or restarts) the contact's 24-hour
    /// window and is delivered as a `messages` webhook. Returns the inbound message with its new wamid.
    @discardableResult
    func receive(from waID: String, _ content: WhatsAppInboundContent, context: String?) -> WhatsAppInboundMessage {
        let now = clock()
        let (message, name, media) = state.withLock { state -> (WhatsAppInboundMessage, String, StoredMedia?) in
            var contact = state.contact(waID)
            contact.lastInboundAt = now
            state.contacts[waID] = contact
            let message = WhatsAppInboundMessage(id: state.identifiers.wamid(waID: waID, inbound: true), from: waID,
                                                 content: content, contextMessageID: context, time: now)
            state.inbound.append(message)
            if state.inbound.count > 50_000 { state.inbound.removeFirst(1_000) }
            var media: StoredMedia?
            switch content {
            case .image(let id, _), .document(let id, _, _): media = state.media[id]
            default: break
            }
            return (message, contact.name, media)
        }
        webhooks.enqueue(kind: "message", messageID: message.id, detail: message.type,
                         body: envelope.message(message, contactName: name, media: media))
        return message
    }

    /// Fires the scripts of the message's recipient that match it (each after its delay); `once` scripts are removed.
    func runScripts(answering message: WhatsAppSentMessage) {
        let replies = state.withLock { state -> [(WhatsAppInboundContent, Duration)] in
            var replies: [(WhatsAppInboundContent, Duration)] = []
            var fired: Set<String> = []
            for script in state.scripts where script.matches(message) {
                guard let content = script.content(answering: message) else { continue }
                replies.append((content, script.delay))
                if script.once { fired.insert(script.id) }
            }
            state.scripts.removeAll { fired.contains($0.id) }
            return replies
        }
        for (content, delay) in replies {
            tasks.spawn {
                do { try await Task.sleep(for: delay) } catch { return }
                self.receive(from: message.waID, content, context: message.id)
            }
        }
    }

    /// Stores media and returns its id.
    func storeMedia(mimeType: String, filename: String?, bytes: [UInt8]) -> StoredMedia {
        state.withLock { state in
            let media = StoredMedia(id: state.identifiers.numericID(), mimeType: mimeType, filename: filename, bytes: bytes)
            state.media[media.id] = media
            return media
        }
    }
}
