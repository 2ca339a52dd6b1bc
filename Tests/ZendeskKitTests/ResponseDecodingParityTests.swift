import ConnectorKit
import Foundation
import Testing
@testable import ZendeskKit

/// `ZendeskClient` reads responses with LooseJSON's `JSONValueDecoder` (parse once, no guess-by-failing for raw JSON
/// parts) instead of `JSONDecoder`. On every real response captured in the fixtures, and on the lenient and broken
/// cases below, it must read exactly what `JSONDecoder` reads.
@Suite struct ResponseDecodingParityTests {
    private struct AuditBody: Decodable {
        var audit: ZendeskAudit
    }

    private func both<T: Decodable>(_ type: T.Type, bytes: [UInt8]) -> (foundation: Result<T, any Error>, ours: Result<T, any Error>) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .lenient
        return (Result { try decoder.decode(T.self, from: Data(bytes)) }, Result { try JSONValueDecoder.lenient.decode(T.self, from: bytes) })
    }

    private func records<Record: ZendeskResource & Equatable>(_ type: Record.Type, _ pages: (foundation: Result<[Lossy<Record>], any Error>, ours: Result<[Lossy<Record>], any Error>),
                                                                 _ name: String) throws {
        let foundation = try pages.foundation.get()
        let ours = try pages.ours.get()
        #expect(!foundation.isEmpty, "\(name) has records")
        #expect(ours.map(\.value) == foundation.map(\.value), "\(name): the same records")
        #expect(ours.filter { $0.value == nil }.count == foundation.filter { $0.value == nil }.count, "\(name): the same failures")
    }

    @Test func everyCapturedResponseReadsTheSame() throws {
        func page<P: Decodable, R: ZendeskResource & Equatable>(_ type: P.Type, _ path: String, _ records: (P) -> [Lossy<R>]) throws {
            let (foundation, ours) = both(P.self, bytes: try Fixture.bytes(path))
            try self.records(R.self, (foundation.map(records), ours.map(records)), path)
        }
        try page(CursorExportPage<ZendeskTicket>.self, "amp-labs/tickets.json", \.records)
        try page(CursorExportPage<ZendeskUser>.self, "amp-labs/users-1-first-page.json", \.records)
        try page(CursorExportPage<ZendeskUser>.self, "amp-labs/users-2-last-page.json", \.records)
        try page(TimeExportPage<ZendeskOrganization>.self, "amp-labs/organizations.json", \.records)
        try page(TimeExportPage<ZendeskTicketEvent>.self, "amp-labs/ticket_events.json", \.records)
        try page(OffsetPage<ZendeskTicket>.self, "go-zendesk/tickets.json", \.records)
        try page(CursorPage<ZendeskComment>.self, "go-zendesk/ticket_comments.json", \.records)
        try page(OffsetPage<ZendeskOrganization>.self, "go-zendesk/organizations.json", \.records)
        try page(OffsetPage<ZendeskUser>.self, "go-zendesk/users.json", \.records)

        let ticket = both(Wrapped<ZendeskTicket>.self, bytes: try Fixture.bytes("go-zendesk/ticket.json"))
        #expect(try ticket.ours.get().value == ticket.foundation.get().value)
        let user = both(Wrapped<ZendeskUser>.self, bytes: try Fixture.bytes("go-zendesk/user.json"))
        #expect(try user.ours.get().value == user.foundation.get().value)
        let audit = both(AuditBody.self, bytes: try Fixture.bytes("go-zendesk/ticket_audit.json"))
        #expect(try audit.ours.get().audit == audit.foundation.get().audit)
        #expect(try audit.ours.get().audit.id > 0)
    }

    @Test func aTicketUpdateResponseReadsTheSame() throws {
        let body = #"""
            {"ticket":{"id":35436,"subject":"Help","status":"open","tags":["a","b"],"via":{"channel":"web","source":{"from":{},"to":{}}},
             "custom_fields":[{"id":27642,"value":"745"},{"id":27648,"value":["x",1,null]}],"updated_at":"2024-02-15T16:24:04.5Z","is_public":true},
             "audit":{"id":99,"ticket_id":35436,"created_at":1708014244,"metadata":{"custom":{"switchboard_key":"run-1:0"},"system":{}},
             "events":[{"id":7,"type":"Comment","body":"hi","public":false},{"id":8,"type":"Change","field_name":"status"}]}}
            """#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .lenient
        let foundation = try decoder.decode(TicketChangeEnvelope.self, from: Data(body.utf8))
        let ours = try JSONValueDecoder.lenient.decode(TicketChangeEnvelope.self, from: Array(body.utf8))
        #expect(ours.ticket == foundation.ticket)
        #expect(ours.audit == foundation.audit)
        #expect(ours.audit?.commentIDs == [7])
        #expect(ours.audit?.customMetadata == ["switchboard_key": "run-1:0"])
        #expect(ours.ticket.customFields.count == 2)
        #expect(ours.ticket.updatedAt == LenientDate.parse("2024-02-15T16:24:04.5Z"))
    }

    @Test func brokenResponsesFailAsTheyDoWithJSONDecoder() {
        for body in [#"{"ticket":{"subject":"no id"}}"#, #"{"ticket":"not an object"}"#, #"{"ticket":{"id":1.5}}"#, #"{"nothing":1}"#, #"{"ticket":"#, "[]"] {
            let (foundation, ours) = both(Wrapped<ZendeskTicket>.self, bytes: Array(body.utf8))
            #expect((try? foundation.get()) == nil, "JSONDecoder refuses \(body)")
            #expect((try? ours.get()) == nil, "JSONValueDecoder refuses \(body)")
        }
    }
}
