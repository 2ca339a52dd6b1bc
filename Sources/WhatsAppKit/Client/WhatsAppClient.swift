import ConnectorKit
import Foundation
import Logging

/// A typed client for the WhatsApp Business Cloud API: sends from one business number, read receipts and media downloads.
///
/// Requests go through ConnectorKit's ``HTTPTransport`` and ``RemoteCaller``. Every outgoing message is validated
/// first (``WhatsAppOutboundMessage/validate()``), so limit violations throw ``WhatsAppValidationError`` without a
/// request. Sends are attempted once by default (``WhatsAppConfiguration/sendRetryPolicy``): a Graph error becomes a
/// classified ``WhatsAppError`` whose ``WhatsAppError/suggestedAction`` tells the caller whether to back off, resend
/// as a template or give up; pacing (throughput, pair spacing, the 24-hour window) is the caller's, with the rule types
/// in this module. Reads are retried with back-off. The access token never appears in errors.
public struct WhatsAppClient: Sendable {
    public let configuration: WhatsAppConfiguration
    /// Every request is charged here; unlimited unless the server answers 429 without a Graph error.
    public let budget: RateLimitBudget
    let sendCaller: RemoteCaller
    let readCaller: RemoteCaller
    let redactor: TokenRedactor

    public init(configuration: WhatsAppConfiguration, transport: any HTTPTransport, logger: Logger = Logger(label: "switchboard.whatsapp"), onEvent: @escaping @Sendable (RemoteCallEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.budget = RateLimitBudget(name: "whatsapp", configuration: .unlimited)
        self.sendCaller = RemoteCaller(transport: GraphErrorPassThroughTransport(base: transport), retryPolicy: configuration.sendRetryPolicy, logger: logger, onEvent: onEvent)
        self.readCaller = RemoteCaller(transport: transport, retryPolicy: configuration.retryPolicy, logger: logger, onEvent: onEvent)
        self.redactor = TokenRedactor(secret: configuration.accessToken)
    }

    // MARK: Sending

    /// Validate and send `message`; returns the accepted message's `wamid`.
    public func send(_ message: WhatsAppOutboundMessage) async throws -> WhatsAppSendResult {
        try message.validate()
        return try await post(message.json) { response in
            guard let result = WhatsAppSendResult(body: response.body) else {
                throw RetryableResponseError(reason: "send answer without a message id (\(response.body.count) bytes)")
            }
            return result
        }
    }

    public func sendText(to recipient: String, _ body: String, previewURL: Bool = false, replyTo messageID: String? = nil, callbackData: String? = nil) async throws -> WhatsAppSendResult {
        try await send(WhatsAppOutboundMessage(to: recipient, content: .text(body: body, previewURL: previewURL), replyToMessageID: messageID, callbackData: callbackData))
    }

    public func sendTemplate(to recipient: String, _ template: WhatsAppTemplate, replyTo messageID: String? = nil, callbackData: String? = nil) async throws -> WhatsAppSendResult {
        try await send(WhatsAppOutboundMessage(to: recipient, content: .template(template), replyToMessageID: messageID, callbackData: callbackData))
    }

    public func sendInteractive(to recipient: String, _ interactive: WhatsAppInteractive, replyTo messageID: String? = nil, callbackData: String? = nil) async throws -> WhatsAppSendResult {
        try await send(WhatsAppOutboundMessage(to: recipient, content: .interactive(interactive), replyToMessageID: messageID, callbackData: callbackData))
    }

    public func sendMedia(to recipient: String, _ media: WhatsAppOutboundMedia, replyTo messageID: String? = nil, callbackData: String? = nil) async throws -> WhatsAppSendResult {
        try await send(WhatsAppOutboundMessage(to: recipient, content: .media(media), replyToMessageID: messageID, callbackData: callbackData))
    }

    /// React to a received message; an empty `emoji` removes the reaction.
    public func sendReaction(to recipient: String, messageID: String, emoji: String) async throws -> WhatsAppSendResult {
        try await send(WhatsAppOutboundMessage(to: recipient, content: .reaction(messageID: messageID, emoji: emoji)))
    }

    /// Mark a received message (and those before it) as read, optionally showing a typing indicator.
    public func markAsRead(messageID: String, showTypingIndicator: Bool = false) async throws {
        guard !messageID.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WhatsAppValidationError(problems: [.init(field: "message_id", rule: .empty)])
        }
        try await post(Self.readReceipt(messageID: messageID, showTypingIndicator: showTypingIndicator)) { response in
            let json = try? JSONValue.parse(response.body)
            guard json?.bool("success") == true else {
                throw RetryableResponseError(reason: "read receipt answered without success: true")
            }
        }
    }

    /// The body of a read receipt (reference §1.9).
    public static func readReceipt(messageID: String, showTypingIndicator: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = ["messaging_product": "whatsapp", "status": "read", "message_id": .string(messageID)]
        if showTypingIndicator { object["typing_indicator"] = ["type": "text"] }
        return .object(object)
    }

    // MARK: Media

    /// `GET /{version}/{media-id}`: where and what the media is.
    public func mediaInfo(id: String) async throws -> WhatsAppMediaInfo {
        let request = OutboundRequest(method: .get, url: configuration.mediaURL(id: id), headers: headers(json: false), timeout: configuration.requestTimeout)
        return try await read(request) { response in
            let json = try? JSONValue.parse(response.body)
            guard let json, let info = WhatsAppMediaInfo(json: json, requestedID: id) else {
                throw RetryableResponseError(reason: "media answer without a url (\(response.body.count) bytes)")
            }
            return info
        }
    }

    /// Look the media up, then fetch its bytes from the short-lived URL with the same bearer token.
    public func downloadMedia(id: String) async throws -> WhatsAppDownloadedMedia {
        let info = try await mediaInfo(id: id)
        let request = OutboundRequest(method: .get, url: info.url, headers: headers(json: false), timeout: configuration.requestTimeout)
        let response = try await read(request) { $0 }
        let bytes = response.body
        let contentType = response.header("Content-Type")
        if let expected = info.fileSize, expected != bytes.count {
            throw WhatsAppError(kind: .mediaFailed, message: "media \(id) should be \(expected) bytes, received \(bytes.count)")
        }
        return WhatsAppDownloadedMedia(info: info, bytes: bytes, mimeType: info.mimeType ?? contentType)
    }

    // MARK: Plumbing

    func headers(json: Bool) -> [(String, String)] {
        var headers = [("Authorization", "Bearer \(configuration.accessToken)"), ("Accept", "application/json"), ("User-Agent", configuration.userAgent)]
        if json { headers.append(("Content-Type", "application/json")) }
        return headers
    }

    func post<T: Sendable>(_ body: JSONValue, interpret: @escaping @Sendable (InboundResponse) throws -> T) async throws -> T {
        let request = OutboundRequest(method: .post, url: configuration.messagesURL, headers: headers(json: true), body: Array(body.jsonText.utf8), timeout: configuration.requestTimeout)
        return try await call(sendCaller, request, isSend: true, interpret: interpret)
    }

    func read<T: Sendable>(_ request: OutboundRequest, interpret: @escaping @Sendable (InboundResponse) throws -> T) async throws -> T {
        try await call(readCaller, request, isSend: false, interpret: interpret)
    }

    private func call<T: Sendable>(_ caller: RemoteCaller, _ request: OutboundRequest, isSend: Bool, interpret: @escaping @Sendable (InboundResponse) throws -> T) async throws -> T {
        let secret = configuration.accessToken
        do {
            return try await caller.call(request, budget: budget) { response in
                guard response.isSuccess else {
                    throw WhatsAppError(status: GraphErrorPassThroughTransport.originalStatus(of: response), body: response.body, redacting: secret)
                }
                return try interpret(response)
            }
        } catch let failure as RemoteCallFailure {
            throw failureError(failure, isSend: isSend)
        }
    }

    /// Retries ran out: classify the last answer if there was one, else report a transport failure.
    private func failureError(_ failure: RemoteCallFailure, isSend: Bool) -> WhatsAppError {
        let reason = redactor.redact(failure.errors.last ?? "unknown failure")
        if let response = failure.lastResponse, !response.isSuccess {
            var error = WhatsAppError(status: response.status, body: response.body, redacting: configuration.accessToken)
            error.message = redactor.redact("\(failure.request) failed after \(failure.attempts) attempt(s): ") + error.message
            // A gateway error on a send may come after Meta accepted the message.
            error.outcomeUnknown = isSend && response.status >= 500
            return error
        }
        return WhatsAppError(
            kind: .transportFailure, httpStatus: failure.lastResponse?.status,
            message: redactor.redact("\(failure.request) failed after \(failure.attempts) attempt(s): ") + reason,
            outcomeUnknown: isSend
        )
    }
}
