import ConsonanceKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Metadata proposals: created (with `metadata.proposed`) by the admin API and CLI, answered on WhatsApp. A
/// confirmation writes what Consonance's API accepts — the subtitle, on the work and on the proposal's product — and
/// leaves contributor names, cover copy and series (no mutation in the API) as `pending_fields` for a person.
extension PublishingRecords {
    /// What answering a proposal did.
    struct ProposalAnswer: Sendable {
        /// `confirmed`, `already_confirmed`, `held` (confirmed after a correction: nothing applied), `correction` or
        /// `duplicate` (this message was taken before).
        var outcome: String
        var proposal: MetadataProposal
    }

    /// Fields Consonance's API can write on confirmation.
    static let applicableMetadataFields: Set<String> = ["subtitle"]

    /// Propose new values for the title with `isbn`; the title is looked up in the catalogue snapshot, else in Consonance.
    public func proposeMetadata(isbn: String, subtitle: String?, contributors: String?, coverCopy: String?, series: String?, proposedBy: String?,
                                consonance: ConsonanceClientPool?) async throws -> MetadataProposal {
        func clean(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        guard let parsed = ISBN(isbn) else { throw RecordError.invalid("isbn: \"\(isbn)\" is not a valid ISBN-13 or ISBN-10") }
        let values = (subtitle: clean(subtitle), contributors: clean(contributors), coverCopy: clean(coverCopy), series: clean(series))
        guard values.subtitle != nil || values.contributors != nil || values.coverCopy != nil || values.series != nil else {
            throw RecordError.invalid("propose at least one of subtitle, contributors, cover_copy, series")
        }
        guard let match = try await TitleResolver(store: store, consonance: consonance, connection: nil).lookup(isbn13: parsed.isbn13, matchedBy: "isbn") else {
            throw RecordError.notFound("no title with ISBN \(parsed.isbn13) in Consonance (run switchboard sync consonance if it is new)")
        }
        let proposal = MetadataProposal(isbn13: parsed.isbn13, workID: match.work.id, productID: match.product?.id, title: match.work.title,
                                        subtitle: values.subtitle, contributors: values.contributors, coverCopy: values.coverCopy, series: values.series,
                                        proposedBy: clean(proposedBy), createdAt: Int64(Date().timeIntervalSince1970))
        let runtime = self.runtime, context = proposalContext
        try await store.transaction { session in
            try await session.createMetadataProposal(proposal)
            try await runtime.ingest(Self.event("metadata.proposed", "proposal:\(proposal.id):proposed", ["proposal": context(proposal)]), in: session)
        }
        return proposal
    }

    /// Take a WhatsApp answer (once per `wamid`). `confirm` applies the proposal unless a correction came first.
    func answerProposal(id: String, wamid: String, confirm: Bool, text: String?, contactID: String?, contactName: String?,
                        consonance: ConsonanceClientPool?, connection: String?) async throws -> ProposalAnswer {
        guard var proposal = try await store.session({ try await $0.metadataProposal(id: id) }) else {
            throw ActionError.permanent("no metadata proposal \(id)", response: nil)
        }
        if try await store.session({ try await $0.metadataResponses(proposalID: id) }).contains(where: { $0.wamid == wamid }) {
            return ProposalAnswer(outcome: "duplicate", proposal: proposal)
        }
        let now = Int64(Date().timeIntervalSince1970)
        let outcome: String
        if !confirm {
            outcome = "correction"
            if proposal.status == "proposed" { proposal.status = "corrected" }
        } else if proposal.status == "proposed" {
            outcome = "confirmed"
            try await apply(&proposal, consonance: consonance, connection: connection)
            proposal.status = "confirmed"
            proposal.confirmedBy = contactID
            proposal.confirmedByName = contactName
            proposal.confirmedAt = now
        } else {
            outcome = proposal.status == "confirmed" ? "already_confirmed" : "held"
        }
        proposal.updatedAt = now
        let response = MetadataResponse(proposalID: id, wamid: wamid, kind: confirm ? "confirm" : "correction", contactID: contactID, contactName: contactName,
                                        body: text, createdAt: now)
        let runtime = self.runtime, context = proposalContext, stored = proposal
        try await store.transaction { session in
            guard try await session.recordMetadataResponse(response) else { return }
            try await session.updateMetadataProposal(stored)
            if outcome == "confirmed" || outcome == "correction" {
                let type = outcome == "confirmed" ? "metadata.confirmed" : "metadata.corrected"
                try await runtime.ingest(Self.event(type, "proposal:\(id):\(outcome):\(wamid)", ["proposal": context(stored)]), in: session)
            }
        }
        return ProposalAnswer(outcome: outcome, proposal: proposal)
    }

    /// Write the confirmed subtitle to the work and the proposal's product; list what the API cannot take.
    private func apply(_ proposal: inout MetadataProposal, consonance: ConsonanceClientPool?, connection: String?) async throws {
        let values = proposal.proposedValues
        proposal.pendingFields = values.map(\.field).filter { !Self.applicableMetadataFields.contains($0) }
        guard let subtitle = proposal.subtitle else { return }
        guard let consonance, let workID = proposal.workID else {
            throw ActionError.permanent("cannot apply metadata proposal \(proposal.id): no Consonance connection on this node", response: nil)
        }
        let (client, _) = try await consonance.client(for: connection)
        try await client.updateWork(id: Int(workID), ConsonanceWorkUpdate(subtitle: subtitle))
        if let productID = proposal.productID { try await client.updateProduct(id: Int(productID), ConsonanceProductUpdate(subtitle: subtitle)) }
        proposal.appliedFields = ["subtitle"]
    }

    /// The proposed values as one line for the template's {{2}}: `Subtitle: "…"; Contributors: …`. Cover copy is
    /// shortened to 300 characters (template parameters must stay short and on one line).
    public static func proposalSummary(_ proposal: MetadataProposal) -> String {
        proposal.proposedValues.map { field, value in
            var text = value.split(whereSeparator: \.isNewline).joined(separator: " ")
            if field == "cover_copy", text.count > 300 { text = String(text.prefix(299)) + "…" }
            return "\(metadataFieldLabel(field)): \(text)"
        }.joined(separator: "; ")
    }

    static func metadataFieldLabel(_ field: String) -> String {
        ["subtitle": "Subtitle", "contributors": "Contributors", "cover_copy": "Cover copy", "series": "Series"][field] ?? field
    }

    func proposalContext(_ proposal: MetadataProposal) -> JSONValue {
        .object(["id": .string(proposal.id), "status": .string(proposal.status), "isbn13": .string(proposal.isbn13), "work_id": Self.number(proposal.workID),
                 "title": .string(proposal.title), "subtitle": Self.text(proposal.subtitle), "contributors": Self.text(proposal.contributors),
                 "cover_copy": Self.text(proposal.coverCopy), "series": Self.text(proposal.series), "summary": .string(Self.proposalSummary(proposal)),
                 "applied_fields": .array(proposal.appliedFields.map(JSONValue.string)), "pending_fields": .array(proposal.pendingFields.map(JSONValue.string)),
                 "confirmed_by_name": Self.text(proposal.confirmedByName), "url": .string(url("metadata-proposals", proposal.id))])
    }
}
