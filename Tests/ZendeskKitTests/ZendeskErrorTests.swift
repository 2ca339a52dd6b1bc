import ConnectorKit
import Foundation
import Testing
@testable import ZendeskKit

@Suite struct ZendeskErrorTests {
    @Test func envelopeOneSimpleCode() throws {
        let error = ZendeskError(status: 404, body: try Fixture.bytes("amp-labs/resource-not-found.json"))
        #expect(error.kind == .notFound)
        #expect(error.code == "InvalidEndpoint")
        #expect(error.message == "Not found")
        let missing = ZendeskError(status: 400, body: try Fixture.bytes("amp-labs/missing-parameter.json"))
        #expect(missing.code == "ParameterMissing")
        #expect(missing.kind == .badRequest)
    }

    @Test func envelopeOneDegenerate401() {
        let error = ZendeskError(status: 401, body: Array(#"{"error":"Couldn't authenticate you"}"#.utf8))
        #expect(error.kind == .unauthorized)
        #expect(error.code == "Couldn't authenticate you")
        #expect(error.description == "Zendesk answered 401 Couldn't authenticate you")
    }

    @Test func envelopeTwoRecordInvalidWithDetails() throws {
        let error = ZendeskError(status: 422, body: try Fixture.bytes("amp-labs/record-validation.json"))
        #expect(error.kind == .invalidRecord)
        #expect(error.fieldProblems.map(\.field) == ["name", "recipient_addresses.email", "route.subdomain"])
        #expect(error.fieldProblems[1] == .init(field: "recipient_addresses.email", code: "InvalidFormat", description: "Email is not properly formatted"))
        #expect(error.description.contains("name: Name: cannot be blank"))
        let duplicate = ZendeskError(status: 422, body: try Fixture.bytes("amp-labs/duplicate-error.json"))
        #expect(duplicate.fieldProblems.first?.code == "DuplicateValue")
    }

    @Test func envelopeThreeTitledObject() throws {
        let error = ZendeskError(status: 403, body: try Fixture.bytes("amp-labs/forbidden.json"))
        #expect(error.kind == .forbidden)
        #expect(error.code == "Forbidden")
        #expect(error.message?.hasPrefix("You do not have access") == true)
    }

    @Test func envelopeFourErrorsArray() {
        let error = ZendeskError(status: 400, body: Array(#"{"errors":[{"code":"InvalidPaginationDepth","title":"Invalid pagination depth"}]}"#.utf8))
        #expect(error.kind == .paginationTooDeep)
        #expect(error.message == "Invalid pagination depth")
    }

    @Test func plainTextAndServerErrors() throws {
        let server = ZendeskError(status: 500, body: try Fixture.bytes("amp-labs/server-error.json"))
        #expect(server.kind == .serverError)
        let html = ZendeskError(status: 503, body: Array("<html>Maintenance</html>".utf8))
        #expect(html.kind == .serverError)
        #expect(html.rawBody.contains("Maintenance"))
        let tooRecent = ZendeskError(status: 422, body: Array(#"{"error":"InvalidValue","description":"Too recent start_time. Use a start_time older than 5 minutes"}"#.utf8))
        #expect(tooRecent.kind == .startTimeTooRecent)
    }
}
