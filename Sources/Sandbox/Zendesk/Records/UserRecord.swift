/// The sandbox's own representation of a Zendesk user (reference §5.4).
struct UserRecord: Sendable, Equatable {
    var id: Int64
    var name: String
    var email: String?
    var createdAt: Int64
    var updatedAt: Int64
    var timeZone: String
    var ianaTimeZone: String
    var phone: String?
    var locale: String
    var localeID: Int
    var organizationID: Int64?
    /// `end-user`, `agent` or `admin`.
    var role: String
    var verified: Bool
    var externalID: String?
    var tags: [String]
    var active: Bool
    var lastLoginAt: Int64?
    var details: String?
    var notes: String?
    var suspended: Bool
    var defaultGroupID: Int64?
    var userFields: [String: JSONValue]

    var isStaff: Bool { role != "end-user" }
}
