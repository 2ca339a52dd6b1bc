import Foundation
import LooseJSON

/// A ticket as the mirror stores it. Times are Unix seconds; JSON-valued fields are JSON text.
public struct MirrorTicket: Sendable, Equatable {
    public var id: Int64
    public var subject: String?
    public var status: String?
    public var priority: String?
    public var type: String?
    public var requesterID: Int64?
    public var submitterID: Int64?
    public var assigneeID: Int64?
    public var organizationID: Int64?
    public var groupID: Int64?
    public var brandID: Int64?
    public var externalID: String?
    public var viaChannel: String?
    public var tags: [String]
    public var customFieldsJSON: String
    public var createdAt: Int64?
    public var updatedAt: Int64?
    /// Newer versions replace older ones; older copies (from overlapping export pages) are ignored.
    public var version: Int64

    public init(id: Int64, subject: String? = nil, status: String? = nil, priority: String? = nil, type: String? = nil, requesterID: Int64? = nil,
                submitterID: Int64? = nil, assigneeID: Int64? = nil, organizationID: Int64? = nil, groupID: Int64? = nil, brandID: Int64? = nil,
                externalID: String? = nil, viaChannel: String? = nil, tags: [String] = [], customFieldsJSON: String = "[]",
                createdAt: Int64? = nil, updatedAt: Int64? = nil, version: Int64) {
        self.id = id; self.subject = subject; self.status = status; self.priority = priority; self.type = type
        self.requesterID = requesterID; self.submitterID = submitterID; self.assigneeID = assigneeID
        self.organizationID = organizationID; self.groupID = groupID; self.brandID = brandID; self.externalID = externalID
        self.viaChannel = viaChannel; self.tags = tags; self.customFieldsJSON = customFieldsJSON
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.version = version
    }
}

/// A comment (public reply or internal note) as the mirror stores it.
public struct MirrorComment: Sendable, Equatable {
    public var id: Int64
    public var ticketID: Int64
    public var authorID: Int64?
    public var body: String?
    public var isPublic: Bool
    public var viaChannel: String?
    public var attachmentsJSON: String
    public var auditID: Int64?
    public var createdAt: Int64?

    public init(id: Int64, ticketID: Int64, authorID: Int64?, body: String?, isPublic: Bool, viaChannel: String? = nil, attachmentsJSON: String = "[]", auditID: Int64? = nil, createdAt: Int64?) {
        self.id = id; self.ticketID = ticketID; self.authorID = authorID; self.body = body; self.isPublic = isPublic
        self.viaChannel = viaChannel; self.attachmentsJSON = attachmentsJSON; self.auditID = auditID; self.createdAt = createdAt
    }
}

/// A user (end user or agent) as the mirror stores it.
public struct MirrorUser: Sendable, Equatable {
    public var id: Int64
    public var name: String?
    public var email: String?
    public var phone: String?
    public var role: String?
    public var organizationID: Int64?
    public var externalID: String?
    public var active: Bool?
    public var suspended: Bool?
    public var timeZone: String?
    public var locale: String?
    public var tags: [String]
    public var userFieldsJSON: String
    public var createdAt: Int64?
    public var updatedAt: Int64?
    public var version: Int64

    public init(id: Int64, name: String? = nil, email: String? = nil, phone: String? = nil, role: String? = nil, organizationID: Int64? = nil,
                externalID: String? = nil, active: Bool? = nil, suspended: Bool? = nil, timeZone: String? = nil, locale: String? = nil,
                tags: [String] = [], userFieldsJSON: String = "{}", createdAt: Int64? = nil, updatedAt: Int64? = nil, version: Int64) {
        self.id = id; self.name = name; self.email = email; self.phone = phone; self.role = role; self.organizationID = organizationID
        self.externalID = externalID; self.active = active; self.suspended = suspended; self.timeZone = timeZone; self.locale = locale
        self.tags = tags; self.userFieldsJSON = userFieldsJSON; self.createdAt = createdAt; self.updatedAt = updatedAt; self.version = version
    }
}

/// An organization as the mirror stores it.
public struct MirrorOrganization: Sendable, Equatable {
    public var id: Int64
    public var name: String?
    public var domainNames: [String]
    public var externalID: String?
    public var details: String?
    public var notes: String?
    public var groupID: Int64?
    public var tags: [String]
    public var organizationFieldsJSON: String
    public var createdAt: Int64?
    public var updatedAt: Int64?
    public var deletedAt: Int64?
    public var version: Int64

    public init(id: Int64, name: String?, domainNames: [String] = [], externalID: String? = nil, details: String? = nil, notes: String? = nil,
                groupID: Int64? = nil, tags: [String] = [], organizationFieldsJSON: String = "{}", createdAt: Int64? = nil, updatedAt: Int64? = nil,
                deletedAt: Int64? = nil, version: Int64) {
        self.id = id; self.name = name; self.domainNames = domainNames; self.externalID = externalID; self.details = details; self.notes = notes
        self.groupID = groupID; self.tags = tags; self.organizationFieldsJSON = organizationFieldsJSON; self.createdAt = createdAt
        self.updatedAt = updatedAt; self.deletedAt = deletedAt; self.version = version
    }
}

/// What an upsert did with each record, so callers can report and react to real changes only.
public struct UpsertOutcome: Sendable, Equatable {
    public var inserted: [Int64] = []
    public var updated: [Int64] = []
    /// Records that were not newer than the stored copy (overlapping pages, redelivery).
    public var unchanged: Int = 0

    public init() {}

    public var written: Int { inserted.count + updated.count }
}

/// Encodes string arrays as JSON text for storage.
enum JSONText {
    static func array(_ values: [String]) -> String {
        JSONValue.array(values.map(JSONValue.string)).jsonText
    }

    static func decodeArray(_ text: String?) -> [String] {
        guard let text, let values = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return values
    }
}
