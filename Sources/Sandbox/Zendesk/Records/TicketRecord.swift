/// The sandbox's own representation of a Zendesk ticket, with every field of the wire shape (reference §5.1).
///
/// Deliberately independent of any client model so that a misunderstanding of the API cannot hide on both sides.
struct TicketRecord: Sendable, Equatable {
    static let statuses = ["new", "open", "pending", "hold", "solved", "closed"]
    static let priorities = ["low", "normal", "high", "urgent"]
    static let types = ["question", "incident", "problem", "task"]

    var id: Int64
    var externalID: String?
    var via: ViaChannel
    var createdAt: Int64
    /// Also the `generated_timestamp`: every change stamps both.
    var updatedAt: Int64
    var type: String?
    var subject: String
    var description: String
    var priority: String?
    /// One of `statuses`, or `deleted` once deleted.
    var status: String
    var recipient: String?
    var requesterID: Int64
    var submitterID: Int64
    var assigneeID: Int64?
    var organizationID: Int64?
    var groupID: Int64?
    var collaboratorIDs: [Int64]
    var followerIDs: [Int64]
    var dueAt: Int64?
    var tags: [String]
    var customFields: [CustomFieldValue]
    var satisfaction: SatisfactionRating?
    var brandID: Int64
    var ticketFormID: Int64
    var isPublic: Bool

    var isDeleted: Bool { status == "deleted" }

    /// Zendesk's per-status system custom status ids.
    var customStatusID: Int64 {
        343_000_000_000 + Int64((TicketRecord.statuses.firstIndex(of: status) ?? 0) + 1)
    }

    /// A short code derived from the id, shaped like Zendesk's `encoded_id` (e.g. `7WEDXZ-65X7X`).
    var encodedID: String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var value = UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15
        var characters: [Character] = []
        for position in 0..<11 {
            if position == 6 { characters.append("-") }
            characters.append(alphabet[Int(value & 31)])
            value >>= 5
        }
        return String(characters)
    }
}

/// One entry of `custom_fields` / `fields`; the value may be any JSON type.
struct CustomFieldValue: Sendable, Equatable {
    var id: Int64
    var value: JSONValue
}

/// `satisfaction_rating` when present: `{"score":…}` plus an id and comment for rated tickets.
struct SatisfactionRating: Sendable, Equatable {
    var score: String
    var id: Int64?
    var comment: String?
}
