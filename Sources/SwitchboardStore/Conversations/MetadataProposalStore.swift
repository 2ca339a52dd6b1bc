import Foundation
import LooseJSON
import SQLKit

/// Metadata proposals and the answers to them (see ``MetadataProposal``).
extension StoreSession {
    public func createMetadataProposal(_ proposal: MetadataProposal) async throws {
        try await run("""
            INSERT INTO metadata_proposals (id, status, isbn13, work_id, product_id, title, subtitle, contributors, cover_copy, series, proposed_by,
                                            applied_fields, pending_fields, confirmed_by, confirmed_by_name, confirmed_at, apply_error, created_at, updated_at)
            VALUES (\(bind: proposal.id), \(bind: proposal.status), \(bind: proposal.isbn13), \(SQLValue.int(proposal.workID)), \(SQLValue.int(proposal.productID)),
                    \(bind: proposal.title), \(SQLValue.text(proposal.subtitle)), \(SQLValue.text(proposal.contributors)), \(SQLValue.text(proposal.coverCopy)),
                    \(SQLValue.text(proposal.series)), \(SQLValue.text(proposal.proposedBy)),
                    \(bind: Self.jsonList(proposal.appliedFields)), \(bind: Self.jsonList(proposal.pendingFields)), NULL, NULL, NULL, NULL,
                    \(bind: proposal.createdAt), \(bind: proposal.updatedAt))
            """)
    }

    public func metadataProposal(id: String) async throws -> MetadataProposal? {
        try await rows("SELECT * FROM metadata_proposals WHERE id = \(bind: id)").first.map(MetadataProposal.init(row:))
    }

    public func metadataProposals(status: String? = nil, limit: Int = 200) async throws -> [MetadataProposal] {
        var query: SQLQueryString = "SELECT * FROM metadata_proposals"
        if let status { query += " WHERE status = \(bind: status)" }
        query += " ORDER BY created_at DESC, id LIMIT \(literal: limit)"
        return try await rows(query).map(MetadataProposal.init(row:))
    }

    /// Record an answer once per `wamid`; false when it was recorded before (a retried step).
    public func recordMetadataResponse(_ response: MetadataResponse) async throws -> Bool {
        let inserted = try await rows("""
            INSERT INTO metadata_responses (id, proposal_id, wamid, kind, contact_id, contact_name, body, created_at)
            VALUES (\(bind: response.id), \(bind: response.proposalID), \(bind: response.wamid), \(bind: response.kind), \(SQLValue.text(response.contactID)),
                    \(SQLValue.text(response.contactName)), \(SQLValue.text(response.body)), \(bind: response.createdAt))
            ON CONFLICT (wamid) DO NOTHING RETURNING id
            """)
        return !inserted.isEmpty
    }

    public func metadataResponses(proposalID: String) async throws -> [MetadataResponse] {
        try await rows("SELECT * FROM metadata_responses WHERE proposal_id = \(bind: proposalID) ORDER BY created_at, id").map { row in
            MetadataResponse(id: try row.decode(column: "id", as: String.self), proposalID: try row.decode(column: "proposal_id", as: String.self),
                             wamid: try row.decode(column: "wamid", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                             contactID: try row.decode(column: "contact_id", as: String?.self), contactName: try row.decode(column: "contact_name", as: String?.self),
                             body: try row.decode(column: "body", as: String?.self), createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// Save the outcome of a confirmation or correction (status, who confirmed, what was applied or left for a person).
    public func updateMetadataProposal(_ proposal: MetadataProposal) async throws {
        try await run("""
            UPDATE metadata_proposals SET status = \(bind: proposal.status), work_id = \(SQLValue.int(proposal.workID)), product_id = \(SQLValue.int(proposal.productID)),
                applied_fields = \(bind: Self.jsonList(proposal.appliedFields)), pending_fields = \(bind: Self.jsonList(proposal.pendingFields)),
                confirmed_by = \(SQLValue.text(proposal.confirmedBy)), confirmed_by_name = \(SQLValue.text(proposal.confirmedByName)),
                confirmed_at = \(SQLValue.int(proposal.confirmedAt)), apply_error = \(SQLValue.text(proposal.applyError)), updated_at = \(bind: proposal.updatedAt)
            WHERE id = \(bind: proposal.id)
            """)
    }

    static func jsonList(_ values: [String]) -> String { JSONValue.array(values.map(JSONValue.string)).jsonText }

    static func list(_ text: String) -> [String] {
        guard case .array(let items)? = try? JSONValue.parse(Array(text.utf8)) else { return [] }
        return items.compactMap(\.stringValue)
    }
}

extension MetadataProposal {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), status: try row.decode(column: "status", as: String.self),
                  isbn13: try row.decode(column: "isbn13", as: String.self), workID: try row.decode(column: "work_id", as: Int64?.self),
                  productID: try row.decode(column: "product_id", as: Int64?.self), title: try row.decode(column: "title", as: String.self),
                  subtitle: try row.decode(column: "subtitle", as: String?.self), contributors: try row.decode(column: "contributors", as: String?.self),
                  coverCopy: try row.decode(column: "cover_copy", as: String?.self), series: try row.decode(column: "series", as: String?.self),
                  proposedBy: try row.decode(column: "proposed_by", as: String?.self),
                  appliedFields: StoreSession.list(try row.decode(column: "applied_fields", as: String.self)),
                  pendingFields: StoreSession.list(try row.decode(column: "pending_fields", as: String.self)),
                  confirmedBy: try row.decode(column: "confirmed_by", as: String?.self), confirmedByName: try row.decode(column: "confirmed_by_name", as: String?.self),
                  confirmedAt: try row.decode(column: "confirmed_at", as: Int64?.self), applyError: try row.decode(column: "apply_error", as: String?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}
