import ConnectorKit
import Foundation

/// Reading works with their contributions and products: one by id, page by page for change polling, and by contract.
extension ConsonanceClient {
    /// The work with this id, or `nil`.
    public func work(id: Int) async throws -> ConsonanceWork? {
        try await perform(ConsonanceDocuments.workByID, variables: ["id": .number(Double(id))], field: "work", as: ConsonanceWork?.self)
    }

    /// One page of works with an id greater than `after`, optionally only those probably changed since a day.
    ///
    /// `changedSince` includes changes to the work's series, contributors and products, and over-reports; compare
    /// against what you stored. An empty page means the walk is over.
    public func works(after: Int?, changedSince: CalendarDate? = nil) async throws -> ConsonancePage<ConsonanceWork> {
        try await list(ConsonanceDocuments.worksPage, variables: Self.pageVariables(after: after, changedSince: changedSince), field: "works", after: after)
    }

    /// The works a contract covers (`contractIdEq`).
    public func works(contractID: Int) async throws -> ConsonancePage<ConsonanceWork> {
        try await list(ConsonanceDocuments.worksByContract, variables: ["contractID": .number(Double(contractID))], field: "works", after: nil)
    }
}
