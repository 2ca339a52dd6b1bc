import ConnectorKit
import Foundation

/// Reading products: by ISBN (one or a batch), by exact title, by id, and page by page for change polling.
///
/// Every product query selects the same fields (``ConsonanceDocuments``) including the parent work's summary.
extension ConsonanceClient {
    /// The product with this ISBN-13 (hyphens and spaces are ignored), or `nil`.
    public func product(isbn13: String) async throws -> ConsonanceProduct? {
        try await perform(ConsonanceDocuments.productByISBN, variables: ["isbn13": .string(Self.normalisedISBN(isbn13))], field: "product", as: ConsonanceProduct?.self)
    }

    /// The product with this Consonance id, or `nil`.
    public func product(id: Int) async throws -> ConsonanceProduct? {
        try await perform(ConsonanceDocuments.productByID, variables: ["id": .number(Double(id))], field: "product", as: ConsonanceProduct?.self)
    }

    /// Batch lookup (`isbn13In`). An empty list returns an empty page without a request: the API would read an
    /// empty filter as no filter at all.
    public func products(isbn13In isbns: [String]) async throws -> ConsonancePage<ConsonanceProduct> {
        let normalised = isbns.map(Self.normalisedISBN).filter { !$0.isEmpty }
        guard !normalised.isEmpty else { return ConsonancePage(records: [], lastID: nil) }
        return try await list(ConsonanceDocuments.productsByISBN, variables: ["isbn13In": .array(normalised.map(JSONValue.string))], field: "products", after: nil)
    }

    /// Products whose title is exactly `title` (case-sensitive).
    public func products(titleEq title: String) async throws -> ConsonancePage<ConsonanceProduct> {
        try await list(ConsonanceDocuments.productsByTitle, variables: ["title": .string(title)], field: "products", after: nil)
    }

    /// One page of products with an id greater than `after`, optionally only those probably changed since a day.
    ///
    /// `changedSince` over-reports (a sibling product's or the work's change can include a product); compare
    /// against what you stored. An empty page means the walk is over.
    public func products(after: Int?, changedSince: CalendarDate? = nil) async throws -> ConsonancePage<ConsonanceProduct> {
        try await list(ConsonanceDocuments.productsPage, variables: Self.pageVariables(after: after, changedSince: changedSince), field: "products", after: after)
    }

    /// 13 digits without hyphens or spaces, as `isbn13Eq` expects.
    static func normalisedISBN(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2011}" })
    }

    /// `after` and `changedSince`, leaving out the ones not given (so the server sees no filter rather than null).
    static func pageVariables(after: Int?, changedSince: CalendarDate?) -> [String: JSONValue] {
        var variables: [String: JSONValue] = [:]
        if let after { variables["after"] = .number(Double(after)) }
        if let changedSince { variables["changedSince"] = .string(changedSince.description) }
        return variables
    }

    /// Run a list query and split its elements into decoded records and rejects.
    func list<Record: Decodable & Sendable & Identifiable>(_ document: String, variables: [String: JSONValue], field: String, after: Int?) async throws -> ConsonancePage<Record> where Record.ID == Int {
        let elements = try await perform(document, variables: variables, field: field, as: [Lossy<Record>]?.self) ?? []
        return ConsonancePage(elements: elements, after: after, id: \.id)
    }
}
