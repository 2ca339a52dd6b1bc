import Foundation

/// The four things the Zendesk mirror keeps, each read from one incremental export.
public enum MirrorStream: String, Sendable, CaseIterable, Codable {
    case organizations
    case users
    case tickets
    /// Comments, read from `ticket_events` with `include=comment_events`.
    case comments

    /// The collection whose `…/count` endpoint estimates a backfill's size; comments have none.
    var countCollection: String? {
        switch self {
        case .organizations, .users, .tickets: return rawValue
        case .comments: return nil
        }
    }

    /// The order of a sync pass: organizations and users first, so customer matching sees them.
    public static let syncOrder: [MirrorStream] = [.organizations, .users, .tickets, .comments]
}
