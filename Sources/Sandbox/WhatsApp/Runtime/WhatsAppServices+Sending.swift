import Foundation

/// The answer to an accepted `POST …/messages`.
enum SendOutcome: Sendable {
    case accepted(wamid: String, input: String, waID: String, isTemplate: Bool)
    case markedRead
}

/// Why an accepted message will not reach the contact; reported asynchronously as a `failed` status.
struct AsyncFailure: Sendable {
    var code: Int
    var details: String
}

extension WhatsAppServices {
    /// Runs a send through the rules in Meta's order — injected fault, body validation, template registry,
    /// throughput (130429), pair rate (131056) — then records it and schedules its status webhooks. Failures that the
    /// real API reports later (an injected ``WhatsAppDeliveryFault``, 131047 outside the window, 131026 not on
    /// WhatsApp, 131053 unknown media) are accepted here and fail asynchronously.
    func send(_ body: JSONValue, raw: [UInt8]) -> Result<SendOutcome, GraphError> {
        if let fault = state.withLock({ $0.drawFault(to: body["to"]?.stringValue) }) { return .failure(fault) }
        let request: SendRequest
        do {
            request = try SendRequestParser.parse(body)
        } catch {
            return .failure(error)
        }
        let now = clock()
        switch request {
        case .markRead(let messageID):
            let admitted = state.withLock { state -> Bool in
                guard state.throughput.admit(at: now) else { return false }
                state.readReceipts.append(messageID)
                return true
            }
            return admitted ? .success(.markedRead) : .failure(.throughputReached(limit: state.withLock { $0.throughput.limit }))
        case .message(var draft):
            return accept(&draft, raw: raw, at: now)
        }
    }

    private func accept(_ draft: inout SendDraft, raw: [UInt8], at now: Date) -> Result<SendOutcome, GraphError> {
        let window = self.window(draft.waID)
        let result = state.withLock { state -> Result<(WhatsAppSentMessage, AsyncFailure?, String), GraphError> in
            var category = "service"
            if let call = draft.template {
                switch state.templates.sendable(name: call.name, language: call.language) {
                case .failure(let error): return .failure(error)
                case .success(let template):
                    do throws(GraphError) {
                        draft.buttons = try call.check(against: template)
                    } catch {
                        return .failure(error)
                    }
                    draft.body = template.renderBody(call.bodyParameters)
                    category = template.category
                }
            }
            guard state.throughput.admit(at: now) else {
                return .failure(.throughputReached(limit: state.throughput.limit))
            }
            guard state.pairLimit.admit(draft.waID, at: now) else { return .failure(.pairRateLimit(draft.waID)) }
            let contact = state.contact(draft.waID)
            let message = WhatsAppSentMessage(
                id: state.identifiers.wamid(waID: draft.waID, inbound: false), to: draft.to, waID: draft.waID,
                type: draft.type, interactiveType: draft.interactiveType, body: draft.body,
                templateName: draft.template?.name, templateLanguage: draft.template?.language,
                templateParameters: draft.template?.bodyParameters ?? [],
                headerParameters: draft.template?.headerParameters ?? [], buttons: draft.buttons,
                mediaID: draft.mediaID, mediaLink: draft.mediaLink, contextMessageID: draft.contextMessageID,
                bizOpaqueCallbackData: draft.bizOpaqueCallbackData, acceptedAt: now, statuses: [],
                requestBody: String(decoding: raw, as: UTF8.self))
            state.record(message)
            var failure = state.drawDeliveryFault(for: draft.waID)
            if failure != nil {
                // An injected delivery fault decides this message's fate.
            } else if !contact.isOnWhatsApp {
                failure = AsyncFailure(code: 131026, details: "Message failed to send because \(draft.waID) is not a WhatsApp user")
            } else if draft.template == nil, !window.isOpen {
                failure = AsyncFailure(code: 131047, details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")
            } else if let mediaID = draft.mediaID, state.media[mediaID] == nil {
                failure = AsyncFailure(code: 131053, details: "Media id \(mediaID) was not uploaded to this phone number")
            }
            return .success((message, failure, category))
        }
        switch result {
        case .failure(let error):
            return .failure(error)
        case .success(let (message, failure, category)):
            scheduleStatuses(for: message, failure: failure, category: category)
            return .success(.accepted(wamid: message.id, input: message.to, waID: message.waID,
                                      isTemplate: message.type == "template"))
        }
    }
}
