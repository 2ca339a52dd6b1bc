import Foundation

extension WhatsAppSandbox {
    /// Contacts the sandbox knows (named, written to, or written by), sorted by wa_id.
    public func contacts() -> [WhatsAppContact] {
        services.state.withLock { $0.contacts.values.sorted { $0.waID < $1.waID } }
    }

    /// Names a contact and says whether its number is on WhatsApp (sends to one that is not fail with 131026).
    public func setContact(_ waID: String, name: String? = nil, isOnWhatsApp: Bool = true) {
        let id = WhatsAppID.normalise(waID) ?? waID
        services.state.withLock { state in
            var contact = state.contact(id)
            if let name { contact.name = name }
            contact.isOnWhatsApp = isOnWhatsApp
            state.contacts[id] = contact
        }
    }

    /// The contact writes to the business now (opening its 24-hour window); `context` is the wamid of a business
    /// message it replies to. Returns the inbound message; its webhook is delivered in the background.
    @discardableResult
    public func receive(from waID: String, _ content: WhatsAppInboundContent, replyingTo context: String? = nil) -> WhatsAppInboundMessage {
        services.receive(from: WhatsAppID.normalise(waID) ?? waID, content, context: context)
    }

    /// The contact taps a button, list row or quick reply of a business message (by id, payload or title), as the
    /// matching inbound type with `context.id` = that message. `nil` when no such message or button exists.
    @discardableResult
    public func tap(_ button: String, on messageID: String) -> WhatsAppInboundMessage? {
        guard let message = sentMessage(messageID) else { return nil }
        let script = WhatsAppContactScript(waID: message.waID, trigger: .anyMessage, reply: .tap(button))
        guard let content = script.content(answering: message) else { return nil }
        return services.receive(from: message.waID, content, context: message.id)
    }

    /// Messages contacts sent, oldest first.
    public func inboundMessages() -> [WhatsAppInboundMessage] {
        services.state.withLock { $0.inbound }
    }

    /// The contact's customer service window now.
    public func serviceWindow(for waID: String) -> WhatsAppServiceWindow {
        services.window(WhatsAppID.normalise(waID) ?? waID)
    }

    /// Moves the contact's last inbound message to `date` (`nil` closes the window as if it never wrote).
    public func setLastInbound(_ waID: String, at date: Date?) {
        let id = WhatsAppID.normalise(waID) ?? waID
        services.state.withLock { state in
            var contact = state.contact(id)
            contact.lastInboundAt = date
            state.contacts[id] = contact
        }
    }

    // MARK: Scripts

    /// Adds a script; returns its id.
    @discardableResult
    public func addScript(_ script: WhatsAppContactScript) -> String {
        var script = script
        script.waID = WhatsAppID.normalise(script.waID) ?? script.waID
        services.state.withLock { $0.scripts.append(script) }
        return script.id
    }

    public func scripts() -> [WhatsAppContactScript] {
        services.state.withLock { $0.scripts }
    }

    /// Removes one script, or all when `id` is `nil`.
    public func removeScripts(id: String? = nil) {
        services.state.withLock { state in state.scripts.removeAll { id == nil || $0.id == id } }
    }

    // MARK: Media

    /// Stores a file a contact can send (`.image(mediaID:…)`, `.document(mediaID:…)`) or the business can send by
    /// id; returns the media id.
    @discardableResult
    public func uploadMedia(_ bytes: [UInt8], mimeType: String, filename: String? = nil) -> String {
        services.storeMedia(mimeType: mimeType, filename: filename, bytes: bytes).id
    }

    public func media(_ id: String) -> StoredMedia? {
        services.state.withLock { $0.media[id] }
    }
}
