import ConnectorKit
import Foundation

/// Reading contracts (by id only: the API has no contract list) and contacts.
extension ConsonanceClient {
    /// The contract with this id, or `nil`. Find contract ids through the works they cover.
    public func contract(id: Int) async throws -> ConsonanceContract? {
        try await perform(ConsonanceDocuments.contractByID, variables: ["id": .number(Double(id))], field: "contract", as: ConsonanceContract?.self)
    }

    /// Contacts whose person name contains `text` (case-insensitive), with their emails, phones and web links.
    public func contacts(personNameContains text: String) async throws -> ConsonancePage<ConsonanceContact> {
        try await list(ConsonanceDocuments.contactsByPersonName, variables: ["name": .string(text)], field: "contacts", after: nil)
    }

    /// The person with this contact id, or `nil`.
    public func person(id: Int) async throws -> ConsonanceContact? {
        try await perform(ConsonanceDocuments.personByID, variables: ["id": .number(Double(id))], field: "person", as: ConsonanceContact?.self)
    }
}
