import ConnectorKit
import Foundation

/// Writing: product, work and contract updates, and web links (the one place another system can leave a pointer on a title).
///
/// Every mutation is Relay style (`input:` → payload with `errors: [String!]!`); a non-empty `errors` list throws
/// ``ConsonanceError/Kind/mutationRejected``. Updates and deletes are retried like queries (repeating them is
/// harmless). ``createWebLink(productID:link:role:note:includeInOnix:)`` is not retried after a failure, because a
/// repeat could create a second link; on a `RemoteCallFailure` read the owner's links before trying again.
extension ConsonanceClient {
    /// Change a product's fields; returns the product as saved.
    @discardableResult
    public func updateProduct(id: Int, _ update: ConsonanceProductUpdate) async throws -> ConsonanceProduct {
        let payload = try await mutate(ConsonanceDocuments.updateProduct, field: "updateProduct", input: update.input(id: id), object: "product", as: ConsonanceProduct.self)
        return try Self.require(payload.object, from: "updateProduct")
    }

    /// Change a work's fields; returns the work as saved (with contributions and products).
    @discardableResult
    public func updateWork(id: Int, _ update: ConsonanceWorkUpdate) async throws -> ConsonanceWork {
        let payload = try await mutate(ConsonanceDocuments.updateWork, field: "updateWork", input: update.input(id: id), object: "work", as: ConsonanceWork.self)
        return try Self.require(payload.object, from: "updateWork")
    }

    /// Change a contract's fields; returns the contract as saved.
    @discardableResult
    public func updateContract(id: Int, _ update: ConsonanceContractUpdate) async throws -> ConsonanceContract {
        let payload = try await mutate(ConsonanceDocuments.updateContract, field: "updateContract", input: update.input(id: id), object: "contract", as: ConsonanceContract.self)
        return try Self.require(payload.object, from: "updateContract")
    }

    /// Add a web link to a product. `role` is an ONIX List 73 code (`"01"`); pass `includeInOnix: false` to keep
    /// the link out of the publisher's ONIX feeds.
    @discardableResult
    public func createWebLink(productID: Int, link: String, role: String, note: String? = nil, includeInOnix: Bool? = nil) async throws -> ConsonanceWebLink {
        try await createWebLink(owner: ("productId", productID), link: link, role: role, note: note, includeInOnix: includeInOnix)
    }

    /// Add a web link to a contact (person or organisation); see ``createWebLink(productID:link:role:note:includeInOnix:)``.
    @discardableResult
    public func createWebLink(contactID: Int, link: String, role: String, note: String? = nil, includeInOnix: Bool? = nil) async throws -> ConsonanceWebLink {
        try await createWebLink(owner: ("contactId", contactID), link: link, role: role, note: note, includeInOnix: includeInOnix)
    }

    /// Change a web link; returns the link as saved.
    @discardableResult
    public func updateWebLink(id: Int, _ update: ConsonanceWebLinkUpdate) async throws -> ConsonanceWebLink {
        let payload = try await mutate(ConsonanceDocuments.updateWebLink, field: "updateWebLink", input: update.input(id: id), object: "webLink", as: ConsonanceWebLink.self)
        return try Self.require(payload.object, from: "updateWebLink")
    }

    /// Delete a web link. Returns the deleted id as the API reports it.
    @discardableResult
    public func deleteWebLink(id: Int) async throws -> Int? {
        let payload = try await mutate(ConsonanceDocuments.deleteWebLink, field: "deleteWebLink", input: ["id": .number(Double(id))], object: "webLink", as: ConsonanceWebLink.self)
        return payload.id
    }

    private func createWebLink(owner: (key: String, id: Int), link: String, role: String, note: String?, includeInOnix: Bool?) async throws -> ConsonanceWebLink {
        var fields = InputFields()
        fields.set(owner.key, owner.id)
        fields.set("link", link)
        fields.set(code: "role", role)
        fields.set("note", note)
        fields.set("includeInOnix", includeInOnix)
        let payload = try await mutate(ConsonanceDocuments.createWebLink, field: "createWebLink", input: fields.values, object: "webLink", as: ConsonanceWebLink.self, retrying: false)
        return try Self.require(payload.object, from: "createWebLink")
    }

    static func require<Object>(_ object: Object?, from mutation: String) throws -> Object {
        guard let object else {
            throw ConsonanceError(kind: .unexpectedResponse, message: "\(mutation) reported no errors but returned no object")
        }
        return object
    }
}
