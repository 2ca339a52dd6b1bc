import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// One WhatsApp message Switchboard sent or received, with where it is on its way (``MessageDeliveryState``).
///
/// Outbound messages are recorded *before* they are sent, under an idempotency key (a flow run and step), so a step
/// retried after a crash finds the earlier record instead of messaging the person twice; the `wamid` the Cloud API
/// returns is attached afterwards and is what status webhooks and replies refer to. Inbound messages are recorded
/// once per `wamid`, however often Meta redelivers the webhook. ``correlation`` ties a message to the Switchboard
/// record it is about (`rights_review:rvw_42`), so a reply can be routed back.
public struct MessageRecord: Sendable, Equatable {
    public var id: String
    /// WhatsApp's message id (`wamid.…`): set on inbound messages, and on outbound ones once the Cloud API accepted them.
    public var wamid: String?
    /// The WhatsApp connection (business number) the message went through.
    public var connection: String
    public var contactID: String?
    /// The other party's WhatsApp id (recipient of an outbound message, sender of an inbound one).
    public var waID: String?
    public var direction: MessageDirection
    /// The Cloud API message type: `text`, `template`, `interactive`, `button`, `image`, `document`, `reaction`…
    public var kind: String
    public var templateName: String?
    public var templateLanguage: String?
    /// The text (or caption, or tapped button's title) for people reading the history.
    public var body: String?
    /// The request body sent, or the inbound message object received.
    public var payload: JSONValue?
    /// Inbound: the id of the tapped reply button or list row, or the template quick-reply payload.
    public var replyID: String?
    /// Outbound: the reply ids the message offers (button ids, list row ids, quick-reply payloads).
    public var replyOptions: [String]
    /// Inbound: the `wamid` of the message being replied to (`context.id`).
    public var contextWamid: String?
    /// The Switchboard record the message is about (`rights_review:rvw_42`).
    public var correlation: String?
    public var runID: String?
    public var stepKey: String?
    /// Unique: recording an outbound message with a key already used returns the earlier message.
    public var idempotencyKey: String?
    /// Inbound messages are stored as `delivered` (they reached Switchboard).
    public var status: MessageDeliveryState
    public var statusAt: Int64
    /// Why the message failed (set with ``MessageDeliveryState/failed``).
    public var error: MessageDeliveryError?
    /// Outbound: when it was recorded; inbound: the webhook's `timestamp`.
    public var createdAt: Int64
    public var updatedAt: Int64

    /// - Parameter idempotencyKey: defaults to `runID:stepKey` when both are given.
    public init(id: String = PublishingIDs.make("wam"), wamid: String? = nil, connection: String, contactID: String? = nil, waID: String? = nil,
                direction: MessageDirection, kind: String, templateName: String? = nil, templateLanguage: String? = nil, body: String? = nil,
                payload: JSONValue? = nil, replyID: String? = nil, replyOptions: [String] = [], contextWamid: String? = nil, correlation: String? = nil,
                runID: String? = nil, stepKey: String? = nil, idempotencyKey: String? = nil, status: MessageDeliveryState? = nil, statusAt: Int64? = nil,
                error: MessageDeliveryError? = nil, createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.wamid = wamid
        self.connection = connection
        self.contactID = contactID
        self.waID = waID
        self.direction = direction
        self.kind = kind
        self.templateName = templateName
        self.templateLanguage = templateLanguage
        self.body = body
        self.payload = payload
        self.replyID = replyID
        self.replyOptions = replyOptions
        self.contextWamid = contextWamid
        self.correlation = correlation
        self.runID = runID
        self.stepKey = stepKey
        if let idempotencyKey {
            self.idempotencyKey = idempotencyKey
        } else if let runID, let stepKey {
            self.idempotencyKey = runID + ":" + stepKey
        } else {
            self.idempotencyKey = nil
        }
        self.status = status ?? (direction == .inbound ? .delivered : .queued)
        self.statusAt = statusAt ?? createdAt
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// Why WhatsApp did not deliver a message: the Graph error `code` (branch on this), its `title`, and
/// `error_data.details` for people.
public struct MessageDeliveryError: Sendable, Equatable {
    public var code: Int64?
    public var title: String?
    public var details: String?

    public init(code: Int64?, title: String? = nil, details: String? = nil) {
        self.code = code
        self.title = title
        self.details = details
    }
}

/// Which messages ``StoreSession/whatsAppMessages(_:limit:)`` lists; `nil` fields do not filter.
public struct MessageRecordFilter: Sendable, Equatable {
    public var connection: String?
    public var contactID: String?
    public var waID: String?
    public var direction: MessageDirection?
    public var status: MessageDeliveryState?
    public var kind: String?
    public var correlation: String?
    /// Created at or after (Unix seconds).
    public var since: Int64?

    public init(connection: String? = nil, contactID: String? = nil, waID: String? = nil, direction: MessageDirection? = nil,
                status: MessageDeliveryState? = nil, kind: String? = nil, correlation: String? = nil, since: Int64? = nil) {
        self.connection = connection
        self.contactID = contactID
        self.waID = waID
        self.direction = direction
        self.status = status
        self.kind = kind
        self.correlation = correlation
        self.since = since
    }
}

extension MessageRecord {
    /// Decodes a `wa_messages` row; reply options are loaded separately.
    init(row: any SQLRow, replyOptions: [String]) throws {
        let directionText = try row.decode(column: "direction", as: String.self)
        let statusText = try row.decode(column: "status", as: String.self)
        guard let direction = MessageDirection(rawValue: directionText) else { throw WhatsAppStoreError.corruptRecord("message direction \(directionText)") }
        guard let status = MessageDeliveryState(rawValue: statusText) else { throw WhatsAppStoreError.corruptRecord("message status \(statusText)") }
        let errorCode = try row.decode(column: "error_code", as: Int64?.self)
        let errorTitle = try row.decode(column: "error_title", as: String?.self)
        let errorDetails = try row.decode(column: "error_details", as: String?.self)
        let hasError = errorCode != nil || errorTitle != nil || errorDetails != nil
        self.init(id: try row.decode(column: "id", as: String.self), wamid: try row.decode(column: "wamid", as: String?.self),
                  connection: try row.decode(column: "connection", as: String.self), contactID: try row.decode(column: "contact_id", as: String?.self),
                  waID: try row.decode(column: "wa_id", as: String?.self), direction: direction, kind: try row.decode(column: "kind", as: String.self),
                  templateName: try row.decode(column: "template_name", as: String?.self),
                  templateLanguage: try row.decode(column: "template_language", as: String?.self), body: try row.decode(column: "body", as: String?.self),
                  payload: JSONValue.stored(try row.decode(column: "payload", as: String?.self)), replyID: try row.decode(column: "reply_id", as: String?.self),
                  replyOptions: replyOptions, contextWamid: try row.decode(column: "context_wamid", as: String?.self),
                  correlation: try row.decode(column: "correlation", as: String?.self), runID: try row.decode(column: "run_id", as: String?.self),
                  stepKey: try row.decode(column: "step_key", as: String?.self), idempotencyKey: try row.decode(column: "idempotency_key", as: String?.self),
                  status: status, statusAt: try row.decode(column: "status_at", as: Int64.self),
                  error: hasError ? MessageDeliveryError(code: errorCode, title: errorTitle, details: errorDetails) : nil,
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}
