import ConsonanceKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// A title found for a ticket: the work, its formats, the product that matched (when an ISBN did) and how.
public struct TitleMatch: Sendable {
    public var connection: String
    public var work: CatalogueWork
    public var products: [CatalogueProduct]
    /// The product whose ISBN matched; nil when the title matched by name.
    public var product: CatalogueProduct?
    /// `isbn`, `tag`, `custom_field` or `title`.
    public var matchedBy: String
}

/// Finds the title a ticket is about: an `isbn_…` tag, an ISBN or exact title in a custom field, an ISBN in the
/// text (a low-confidence one — an unlabelled 10-digit number — only if Consonance knows it), or the subject or a
/// quoted phrase that is exactly a title. The local snapshot answers first; an ISBN it does not know is looked up in
/// Consonance and added to the snapshot.
struct TitleResolver {
    let store: Store
    let consonance: ConsonanceClientPool?
    let connection: String?

    struct Result {
        var match: TitleMatch?
        /// ISBN-like numbers with a bad check digit, to mention rather than drop silently.
        var rejected: [String]
    }

    func resolve(text: String, subject: String?, tags: [String], customFieldValues: [String]) async throws -> Result {
        let extraction = ISBNExtractor().extract(from: text)
        let rejected = extraction.rejected.filter { $0.reason == .badCheckDigit }.map(\.written)
        var candidates: [(ISBN, String, Bool)] = []
        for tag in tags { if let isbn = ZendeskTagName.isbn(fromTag: tag) { candidates.append((isbn, "tag", false)) } }
        for value in customFieldValues { if let isbn = ISBN(value) { candidates.append((isbn, "custom_field", false)) } }
        for match in extraction.matches.sorted(by: { $0.confidence > $1.confidence }) { candidates.append((match.isbn, "isbn", match.needsConfirmation)) }
        var seen: Set<String> = []
        for (isbn, how, _) in candidates where seen.insert(isbn.isbn13).inserted {
            if let match = try await lookup(isbn13: isbn.isbn13, matchedBy: how) { return Result(match: match, rejected: rejected) }
        }
        var titles: [(String, String)] = []
        if let subject { titles.append((Self.stripReplyPrefixes(subject), "title")) }
        for value in customFieldValues where ISBN(value) == nil { titles.append((value, "custom_field")) }
        for quoted in Self.quotedPhrases(text) { titles.append((quoted, "title")) }
        for (title, how) in titles where !NameNormalizer.titleKey(title).isEmpty {
            let works = try await store.session { try await $0.catalogueWorks(titled: title) }.filter { connection == nil || $0.connection == connection }
            guard works.count == 1, let work = works.first else { continue }
            let products = try await store.session { try await $0.catalogueProducts(connection: work.connection, workIDs: [work.id]) }
            return Result(match: TitleMatch(connection: work.connection, work: work, products: products, product: nil, matchedBy: how), rejected: rejected)
        }
        return Result(match: nil, rejected: rejected)
    }

    /// The title of the product with this ISBN: from the snapshot, else from Consonance (then remembered).
    func lookup(isbn13: String, matchedBy: String) async throws -> TitleMatch? {
        let local = try await store.session { try await $0.catalogueProducts(isbn13: isbn13) }.filter { connection == nil || $0.connection == connection }
        if let product = local.first {
            let (work, products) = try await store.session { session in
                (try await session.catalogueWork(connection: product.connection, id: product.workID),
                 try await session.catalogueProducts(connection: product.connection, workIDs: [product.workID]))
            }
            if let work { return TitleMatch(connection: product.connection, work: work, products: products, product: product, matchedBy: matchedBy) }
        }
        guard let consonance, await consonance.hasConnections() else { return nil }
        let (client, stored) = try await consonance.client(for: connection)
        guard let found = try await client.product(isbn13: isbn13), let workID = found.workID ?? found.work?.id,
              let work = try await client.work(id: workID) else { return nil }
        let rows = CatalogueSnapshot.rows(for: work, connection: stored.record.name, host: stored.record.baseURL)
        try await store.transaction { session in
            try await session.saveCatalogue(connection: stored.record.name, works: [rows.work], products: rows.products, contributors: rows.contributors,
                                            now: Int64(Date().timeIntervalSince1970))
        }
        return TitleMatch(connection: stored.record.name, work: rows.work, products: rows.products,
                          product: rows.products.first { $0.isbn13 == isbn13 }, matchedBy: matchedBy)
    }

    static func stripReplyPrefixes(_ subject: String) -> String {
        var text = subject.trimmingCharacters(in: .whitespaces)
        while let range = text.range(of: "^(re|fwd?|aw|sv|tr)\\s*:\\s*", options: [.regularExpression, .caseInsensitive]) { text.removeSubrange(range) }
        return text
    }

    /// Phrases in straight or typographic quotes (or guillemets), 3 to 120 characters long.
    static func quotedPhrases(_ text: String) -> [String] {
        let pattern = "[\"“«]([^\"”»\\n]{3,120})[\"”»]"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}

/// Title lookups for callers outside the engine (the admin API's `GET /api/titles/{isbn}` for the Zendesk sidebar
/// app, the CLI): the same data the title-context note is made of, as JSON.
public enum TitleLookup {
    /// The title with this ISBN (snapshot first, then Consonance), or nil.
    public static func context(isbn13: String, store: Store, consonance: ConsonanceClientPool?) async throws -> JSONValue? {
        let resolver = TitleResolver(store: store, consonance: consonance, connection: nil)
        guard let match = try await resolver.lookup(isbn13: isbn13, matchedBy: "isbn") else { return nil }
        let contracts = try await store.session { try await $0.catalogueContracts(connection: match.connection, workID: match.work.id) }
        return TitleContext(match: match, contracts: contracts).json
    }
}
