import ConsonanceKit
import Sandbox
import Testing

/// Every GraphQL document ConsonanceKit sends is valid against the schema the Consonance sandbox serves (which is
/// the reference's schema subset): an unknown field or a wrong argument type fails here, not against a tenant.
@Suite struct ConsonanceDocumentTests {
    @Test(arguments: ConsonanceDocuments.all.keys.sorted())
    func theClientsDocumentIsValidAgainstTheServedSchema(_ name: String) throws {
        let document = try #require(ConsonanceDocuments.all[name])
        #expect(ConsonanceSandbox.validationErrors(for: document).isEmpty, "\(name): \(ConsonanceSandbox.validationErrors(for: document))")
    }

    @Test func aDocumentAskingForAFieldConsonanceDoesNotHaveIsRejected() {
        let errors = ConsonanceSandbox.validationErrors(for: "query { works(workSearch: {after: 0}) { id title toDoList { id } } }")
        #expect(errors.contains { $0.contains("toDoList") }, "\(errors)")
        #expect(!ConsonanceSandbox.validationErrors(for: "query { works(workSearch: {pageSize: 10}) { id } }").isEmpty, "no pagination arguments exist")
    }
}
