import Foundation

/// A pitch or submission an agent or author sent on WhatsApp, kept as an acquisition opportunity because
/// Consonance's API has no acquisition records (reference §9). Successive messages from the same sender within a
/// window attach to the same open opportunity, so a pitch followed by its manuscript and a cover letter is one record.
public struct AcquisitionOpportunity: Sendable, Equatable {
    public var id: String
    /// `open`, `accepted`, `declined` or `closed`; only `open` ones collect follow-ups.
    public var status: String
    /// The WhatsApp connection (business number) it arrived on.
    public var connection: String
    /// The sender's WhatsApp id (digits, no `+`).
    public var waID: String
    /// The directory contact, when the sender is (or was added to) the directory.
    public var contactID: String?
    public var senderName: String?
    /// The first message's text: the pitch itself.
    public var summary: String?
    /// Set when a message names an ISBN Consonance knows (a submission follow-up about an existing title).
    public var isbn13: String?
    public var workID: Int64?
    public var title: String?
    public var weblinkID: Int64?
    public var messageCount: Int
    public var attachmentCount: Int
    public var firstMessageAt: Int64
    public var lastMessageAt: Int64
    public var createdAt: Int64
    public var updatedAt: Int64

    public static let statuses = ["open", "accepted", "declined", "closed"]

    public init(id: String = PublishingIDs.make("opp"), status: String = "open", connection: String, waID: String, contactID: String?, senderName: String?,
                summary: String?, isbn13: String? = nil, workID: Int64? = nil, title: String? = nil, weblinkID: Int64? = nil, messageCount: Int = 0,
                attachmentCount: Int = 0, firstMessageAt: Int64, lastMessageAt: Int64? = nil, createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.status = status
        self.connection = connection
        self.waID = waID
        self.contactID = contactID
        self.senderName = senderName
        self.summary = summary
        self.isbn13 = isbn13
        self.workID = workID
        self.title = title
        self.weblinkID = weblinkID
        self.messageCount = messageCount
        self.attachmentCount = attachmentCount
        self.firstMessageAt = firstMessageAt
        self.lastMessageAt = lastMessageAt ?? firstMessageAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// One WhatsApp message of an opportunity; its `wamid` is the key, so a message is never counted twice.
public struct OpportunityMessage: Sendable, Equatable {
    public var wamid: String
    public var opportunityID: String
    public var kind: String
    public var body: String?
    public var receivedAt: Int64

    public init(wamid: String, opportunityID: String, kind: String, body: String?, receivedAt: Int64) {
        self.wamid = wamid
        self.opportunityID = opportunityID
        self.kind = kind
        self.body = body
        self.receivedAt = receivedAt
    }
}

/// A document or image sent with a pitch, downloaded through the Cloud API media endpoints (media ids expire after
/// about 7 days, so the bytes are kept). `status` says whether the bytes are here: `downloaded`, `too_large` or
/// `failed` (with `error`).
public struct OpportunityAttachment: Sendable, Equatable {
    public var id: String
    public var opportunityID: String
    public var wamid: String
    public var mediaID: String
    /// `image`, `document`, `video`, `audio` or `sticker`.
    public var type: String
    public var mimeType: String?
    public var filename: String?
    public var caption: String?
    public var sha256: String?
    public var size: Int64?
    public var status: String
    public var error: String?
    public var createdAt: Int64

    public init(id: String = PublishingIDs.make("att"), opportunityID: String, wamid: String, mediaID: String, type: String, mimeType: String?, filename: String?,
                caption: String?, sha256: String? = nil, size: Int64? = nil, status: String, error: String? = nil, createdAt: Int64) {
        self.id = id
        self.opportunityID = opportunityID
        self.wamid = wamid
        self.mediaID = mediaID
        self.type = type
        self.mimeType = mimeType
        self.filename = filename
        self.caption = caption
        self.sha256 = sha256
        self.size = size
        self.status = status
        self.error = error
        self.createdAt = createdAt
    }
}
