import ConnectorKit
import Foundation

/// One answer of a Consonance list query, with the records that decoded and the ones that did not.
///
/// Consonance lists are plain arrays (no cursors, no counts). Paging walks by ascending id with `after`, so a page
/// carries ``lastID`` — the highest id it contained, including elements that failed to decode — which is the
/// `after` for the next page and the position a poller commits. A malformed element is kept in ``rejected`` with
/// its raw JSON instead of sinking the page.
public struct ConsonancePage<Record: Decodable & Sendable>: Sendable {
    /// An element that could not be decoded, kept for quarantine and diagnosis.
    public struct Rejected: Sendable {
        public var reason: String
        /// The element's `id`, when it had a readable one.
        public var id: Int?
        public var raw: JSONValue
    }

    public var records: [Record]
    public var rejected: [Rejected]
    /// The highest id in the page (decoded or rejected), or `nil` for an empty page.
    public var lastID: Int?
    /// The `after` this page was requested with.
    public var after: Int?

    public init(records: [Record], rejected: [Rejected] = [], lastID: Int?, after: Int? = nil) {
        self.records = records
        self.rejected = rejected
        self.lastID = lastID
        self.after = after
    }

    /// An empty page ends a walk.
    public var isEmpty: Bool { records.isEmpty && rejected.isEmpty }

    /// Split decoded elements; `id` reads each successful record's id.
    init(elements: [Lossy<Record>], after: Int?, id: (Record) -> Int) {
        var records: [Record] = []
        var rejected: [Rejected] = []
        var lastID: Int?
        for element in elements {
            switch element {
            case .success(let record):
                records.append(record)
                lastID = max(lastID ?? .min, id(record))
            case .failure(let reason, let raw):
                let rawID = raw["id"]?.int64Value.map(Int.init)
                rejected.append(Rejected(reason: reason, id: rawID, raw: raw))
                if let rawID { lastID = max(lastID ?? .min, rawID) }
            }
        }
        self.init(records: records, rejected: rejected, lastID: lastID, after: after)
    }
}
