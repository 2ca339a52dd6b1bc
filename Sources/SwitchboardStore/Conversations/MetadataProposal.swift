import Foundation

/// New metadata for a title (subtitle, contributor names, cover copy, series) waiting for the title's people to
/// confirm it on WhatsApp before it goes to Consonance and on to the sales channels. Confirmed values Consonance's API
/// can take (the subtitle) are applied there; the others stay here as `pending_fields` for a person to enter.
public struct MetadataProposal: Sendable, Equatable {
    public var id: String
    /// `proposed` (waiting), `confirmed` (applied or handed to a person) or `corrected` (someone asked for a change).
    public var status: String
    public var isbn13: String
    public var workID: Int64?
    public var productID: Int64?
    /// The title as Consonance has it now.
    public var title: String
    public var subtitle: String?
    public var contributors: String?
    public var coverCopy: String?
    public var series: String?
    public var proposedBy: String?
    /// Fields written to Consonance on confirmation.
    public var appliedFields: [String]
    /// Confirmed fields Consonance's API cannot take, left for a person.
    public var pendingFields: [String]
    public var confirmedBy: String?
    public var confirmedByName: String?
    public var confirmedAt: Int64?
    /// Why applying to Consonance failed, when it did.
    public var applyError: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    public static let statuses = ["proposed", "confirmed", "corrected"]

    public init(id: String = PublishingIDs.make("mdp"), status: String = "proposed", isbn13: String, workID: Int64? = nil, productID: Int64? = nil, title: String,
                subtitle: String? = nil, contributors: String? = nil, coverCopy: String? = nil, series: String? = nil, proposedBy: String? = nil,
                appliedFields: [String] = [], pendingFields: [String] = [], confirmedBy: String? = nil, confirmedByName: String? = nil, confirmedAt: Int64? = nil,
                applyError: String? = nil, createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.status = status
        self.isbn13 = isbn13
        self.workID = workID
        self.productID = productID
        self.title = title
        self.subtitle = subtitle
        self.contributors = contributors
        self.coverCopy = coverCopy
        self.series = series
        self.proposedBy = proposedBy
        self.appliedFields = appliedFields
        self.pendingFields = pendingFields
        self.confirmedBy = confirmedBy
        self.confirmedByName = confirmedByName
        self.confirmedAt = confirmedAt
        self.applyError = applyError
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The proposed values by field name (`subtitle`, `contributors`, `cover_copy`, `series`), in that order.
    public var proposedValues: [(field: String, value: String)] {
        [("subtitle", subtitle), ("contributors", contributors), ("cover_copy", coverCopy), ("series", series)].compactMap { field, value in
            value.map { (field, $0) }
        }
    }
}

/// An answer to a metadata proposal received on WhatsApp: a confirmation, or a correction (the Correct button, a
/// quoted reply, or free text while the proposal is open). Keyed by the message's `wamid`.
public struct MetadataResponse: Sendable, Equatable {
    public var id: String
    public var proposalID: String
    public var wamid: String
    /// `confirm` or `correction`.
    public var kind: String
    public var contactID: String?
    public var contactName: String?
    public var body: String?
    public var createdAt: Int64

    public init(id: String = PublishingIDs.make("mdr"), proposalID: String, wamid: String, kind: String, contactID: String?, contactName: String?, body: String?,
                createdAt: Int64) {
        self.id = id
        self.proposalID = proposalID
        self.wamid = wamid
        self.kind = kind
        self.contactID = contactID
        self.contactName = contactName
        self.body = body
        self.createdAt = createdAt
    }
}
