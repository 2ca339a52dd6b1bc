import ConnectorKit
import Foundation

/// Every page of a Consonance list, fetched one at a time as the caller asks for it.
///
/// Consonance has no cursors: a walk asks for ids greater than `after`, sets `after` to the page's
/// ``ConsonancePage/lastID`` and stops at the first empty page. Pages are fetched lazily (nothing is read ahead),
/// so a caller that commits each page with its ``ConsonancePage/lastID`` can stop at any point and later resume
/// with `startingAfter:`. A page whose ids do not move past `after` ends the walk with
/// ``ConsonanceError/Kind/unexpectedResponse`` instead of looping.
public struct ConsonancePages<Record: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = ConsonancePage<Record>

    public let startingAfter: Int?
    let fetch: @Sendable (Int?) async throws -> ConsonancePage<Record>

    public init(startingAfter: Int?, fetch: @escaping @Sendable (_ after: Int?) async throws -> ConsonancePage<Record>) {
        self.startingAfter = startingAfter
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(after: startingAfter, fetch: fetch)
    }

    /// Fetches the next page on each call to ``next()``.
    public struct Iterator: AsyncIteratorProtocol {
        /// The `after` of the next request: the last id seen so far.
        public private(set) var after: Int?
        private var finished = false
        let fetch: @Sendable (Int?) async throws -> ConsonancePage<Record>

        init(after: Int?, fetch: @escaping @Sendable (Int?) async throws -> ConsonancePage<Record>) {
            self.after = after
            self.fetch = fetch
        }

        public mutating func next() async throws -> ConsonancePage<Record>? {
            guard !finished else { return nil }
            let page: ConsonancePage<Record>
            do {
                page = try await fetch(after)
            } catch {
                finished = true
                throw error
            }
            if page.isEmpty {
                finished = true
                return nil
            }
            guard let last = page.lastID else {
                finished = true
                throw ConsonanceError(kind: .unexpectedResponse, message: "a page of \(page.rejected.count) elements carried no readable ids, so paging cannot continue after \(after.map(String.init) ?? "the start")")
            }
            if let after, last <= after {
                finished = true
                throw ConsonanceError(kind: .unexpectedResponse, message: "paging after id \(after) returned ids up to \(last); the server did not honour `after`")
            }
            after = last
            return page
        }
    }
}

/// Walking whole lists for change polling and full reconciliation.
extension ConsonanceClient {
    /// Every work (with contributions and products), page by page in ascending id order.
    ///
    /// - Parameters:
    ///   - changedSince: only works probably changed on or after this day (day-granular; use the last run's day
    ///     minus one so nothing is missed across midnight).
    ///   - startingAfter: resume after this work id (the ``ConsonancePage/lastID`` committed with the last page).
    public func allWorks(changedSince: CalendarDate?, startingAfter: Int? = nil) -> ConsonancePages<ConsonanceWork> {
        ConsonancePages(startingAfter: startingAfter) { after in
            try await works(after: after, changedSince: changedSince)
        }
    }

    /// Every product, page by page in ascending id order; see ``allWorks(changedSince:startingAfter:)``.
    public func allProducts(changedSince: CalendarDate?, startingAfter: Int? = nil) -> ConsonancePages<ConsonanceProduct> {
        ConsonancePages(startingAfter: startingAfter) { after in
            try await products(after: after, changedSince: changedSince)
        }
    }
}
