import ConnectorKit
import Foundation

/// A Zendesk resource that arrives in a list under a fixed key (`"tickets"`, `"users"`, …).
public protocol ZendeskResource: Decodable, Sendable {
    static var collectionKey: String { get }
}

/// A page of a cursor-paginated list (`page[size]` / `page[after]`, reference §3.1).
///
/// Stop on `hasMore == false`, never on a missing `links.next`: real comment and tag responses carry a
/// `next` link even on their last page.
public struct CursorPage<Record: ZendeskResource>: Sendable, Decodable {
    public var records: [Lossy<Record>]
    public var hasMore: Bool
    public var afterCursor: String?
    public var beforeCursor: String?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        records = try c.decodeIfPresent([Lossy<Record>].self, forKey: AnyKey(Record.collectionKey)) ?? []
        let meta = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("meta"))
        hasMore = meta?.lenientBool(AnyKey("has_more")) ?? false
        afterCursor = meta?.lenientString(AnyKey("after_cursor"))
        beforeCursor = meta?.lenientString(AnyKey("before_cursor"))
    }
}

/// A page of an offset-paginated list (`page` / `per_page`, reference §3.2).
public struct OffsetPage<Record: ZendeskResource>: Sendable, Decodable {
    public var records: [Lossy<Record>]
    public var nextPage: String?
    public var previousPage: String?
    public var count: Int?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        records = try c.decodeIfPresent([Lossy<Record>].self, forKey: AnyKey(Record.collectionKey)) ?? []
        nextPage = c.lenientString(AnyKey("next_page"))
        previousPage = c.lenientString(AnyKey("previous_page"))
        count = c.lenientInt64(AnyKey("count")).map(Int.init)
    }
}

/// A page of a cursor-based incremental export (tickets, users; reference §5.7).
public struct CursorExportPage<Record: ZendeskResource>: Sendable, Decodable {
    public var records: [Lossy<Record>]
    /// Resume point for the next call; present even when caught up.
    public var afterCursor: String?
    public var endOfStream: Bool

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard c.contains(AnyKey(Record.collectionKey)) else {
            throw DecodingError.keyNotFound(AnyKey(Record.collectionKey), .init(codingPath: [], debugDescription: "export page has no \"\(Record.collectionKey)\" array"))
        }
        records = try c.decode([Lossy<Record>].self, forKey: AnyKey(Record.collectionKey))
        afterCursor = c.lenientString(AnyKey("after_cursor"))
        guard let end = c.lenientBool(AnyKey("end_of_stream")) else {
            throw DecodingError.keyNotFound(AnyKey("end_of_stream"), .init(codingPath: [], debugDescription: "export page has no end_of_stream"))
        }
        endOfStream = end
    }
}

/// A page of a time-based incremental export (organizations, ticket events; reference §5.8).
///
/// Pages never split records that share a timestamp, and consecutive pages may overlap on `endTime`.
public struct TimeExportPage<Record: ZendeskResource>: Sendable, Decodable {
    public var records: [Lossy<Record>]
    /// The `start_time` for the next call.
    public var endTime: Int64
    public var endOfStream: Bool
    public var count: Int?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard c.contains(AnyKey(Record.collectionKey)) else {
            throw DecodingError.keyNotFound(AnyKey(Record.collectionKey), .init(codingPath: [], debugDescription: "export page has no \"\(Record.collectionKey)\" array"))
        }
        records = try c.decode([Lossy<Record>].self, forKey: AnyKey(Record.collectionKey))
        guard let end = c.lenientInt64(AnyKey("end_time")) else {
            throw DecodingError.keyNotFound(AnyKey("end_time"), .init(codingPath: [], debugDescription: "export page has no end_time"))
        }
        endTime = end
        endOfStream = c.lenientBool(AnyKey("end_of_stream")) ?? false
        count = c.lenientInt64(AnyKey("count")).map(Int.init)
    }
}

/// Where an incremental export should start: a time for the first call, the stored cursor afterwards.
public enum ExportStart: Sendable, Equatable {
    case startTime(Int64)
    case cursor(String)
}
