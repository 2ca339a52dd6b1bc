/// The sandbox's own representation of a Zendesk organization (reference §5.5).
struct OrganizationRecord: Sendable, Equatable {
    var id: Int64
    var name: String
    var sharedTickets: Bool
    var sharedComments: Bool
    var externalID: String?
    var createdAt: Int64
    var updatedAt: Int64
    var domainNames: [String]
    var details: String?
    var notes: String?
    var groupID: Int64?
    var tags: [String]
    /// Set when the organization was deleted; deleted organizations still appear in the export.
    var deletedAt: Int64?
}
