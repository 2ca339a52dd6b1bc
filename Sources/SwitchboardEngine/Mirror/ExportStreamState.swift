import Foundation

/// The resume point of one export stream, stored as JSON in `sync_cursors` so it can be inspected.
///
/// Cursor streams (tickets, users) keep Zendesk's opaque `cursor`. Time streams (organizations, ticket
/// events) keep the next `startTime` and the ids already seen at exactly that second: Zendesk's time-based
/// pages overlap on their boundary timestamp, and those ids let a rerun skip what it already has instead
/// of fetching it again.
public struct ExportStreamState: Codable, Sendable, Equatable {
    public var cursor: String?
    public var startTime: Int64?
    public var boundaryIDs: [Int64]?
    /// Set once a stream has reached `end_of_stream`: later runs are incremental.
    public var backfillComplete: Bool?

    public init(cursor: String? = nil, startTime: Int64? = nil, boundaryIDs: [Int64]? = nil, backfillComplete: Bool? = nil) {
        self.cursor = cursor
        self.startTime = startTime
        self.boundaryIDs = boundaryIDs
        self.backfillComplete = backfillComplete
    }

    enum CodingKeys: String, CodingKey {
        case cursor
        case startTime = "start_time"
        case boundaryIDs = "boundary_ids"
        case backfillComplete = "backfill_complete"
    }

    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    public static func decode(_ text: String) throws -> ExportStreamState {
        try JSONDecoder().decode(ExportStreamState.self, from: Data(text.utf8))
    }
}
