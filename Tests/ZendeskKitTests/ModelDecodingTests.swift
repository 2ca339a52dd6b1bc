import ConnectorKit
import Foundation
import Testing
@testable import ZendeskKit

@Suite struct ModelDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .lenient
        return try decoder.decode(T.self, from: Data(try Fixture.bytes(path)))
    }

    @Test func cursorTicketExportFromARealAccount() throws {
        let page = try decode(CursorExportPage<ZendeskTicket>.self, "amp-labs/tickets.json")
        let tickets = page.records.compactMap { if case .success(let t) = $0 { t } else { nil } }
        #expect(tickets.count == page.records.count)
        let first = try #require(tickets.first)
        #expect(first.id == 5)
        #expect(first.generatedTimestamp == 1_708_014_261)
        #expect(first.updatedAt == LenientDate.parse("2024-02-15T16:24:20Z"))
        #expect(first.viaChannel == "sample_ticket")
        #expect(first.version == 1_708_014_261)
        #expect(page.afterCursor != nil)
    }

    @Test func userExportPagesWithSideFieldsOfMixedTypes() throws {
        let first = try decode(CursorExportPage<ZendeskUser>.self, "amp-labs/users-1-first-page.json")
        let last = try decode(CursorExportPage<ZendeskUser>.self, "amp-labs/users-2-last-page.json")
        #expect(first.endOfStream == false)
        #expect(last.endOfStream == true)
        let user = try #require(first.records.first.flatMap { if case .success(let u) = $0 { u } else { nil } })
        #expect(user.email == "customer@example.com")
        #expect(user.timeZone == "America/Los_Angeles")
    }

    @Test func timeBasedOrganizationExport() throws {
        let page = try decode(TimeExportPage<ZendeskOrganization>.self, "amp-labs/organizations.json")
        #expect(page.endOfStream)
        guard case .success(let organization)? = page.records.first else { Issue.record("organization did not decode"); return }
        #expect(organization.name == "Ampersand")
        #expect(organization.deletedAt == nil)
        #expect(organization.domainNames.isEmpty)
    }

    @Test func ticketEventsWithoutSideloadCarryNoCommentBodies() throws {
        let page = try decode(TimeExportPage<ZendeskTicketEvent>.self, "amp-labs/ticket_events.json")
        guard case .success(let event)? = page.records.first else { Issue.record("event did not decode"); return }
        #expect(event.ticketID == 1)
        #expect(event.via == "Sample Ticket")
        #expect(event.children.first?.eventType == "Comment")
        #expect(event.comments.isEmpty)
    }

    @Test func sideloadedCommentEventsBecomeCommentsWithTheParentsTicket() throws {
        let json = """
            {"ticket_events":[{"id":91048994468,"ticket_id":42,"timestamp":1246000000,"created_at":"2009-06-25T10:15:18Z","via":"Web form","event_type":"Audit",
              "child_events":[
                {"id":91048994488,"via":{"channel":"api","source":{"from":{},"to":{},"rel":null}},"type":"Comment","author_id":5031726587,
                 "body":"This is a comment","html_body":"<p>This</p>","public":false,"attachments":[],"audit_id":91048994468,"event_type":"Comment"},
                {"id":3,"event_type":"Change","field_name":"status","value":"open","previous_value":"new"},
                {"event_type":"Comment","body":"no id here"},
                "not an object"
              ]}],
             "next_page":"x","count":1,"end_of_stream":true,"end_time":1246000000}
            """
        let page = try JSONDecoder().decode(TimeExportPage<ZendeskTicketEvent>.self, from: Data(json.utf8))
        guard case .success(let event)? = page.records.first else { Issue.record("event did not decode"); return }
        let comment = try #require(event.comments.first)
        #expect(comment.ticketID == 42)
        #expect(comment.isPublic == false)
        #expect(comment.viaChannel == "api")
        #expect(comment.createdAt == LenientDate.parse("2009-06-25T10:15:18Z"))
        #expect(event.children[1].previousValue == .string("new"))
        #expect(event.children[2].problem?.contains("id") == true)
        #expect(event.children[3].problem == "child event is not an object")
    }

    @Test func offsetAndCursorListsAndSingleRecords() throws {
        let tickets = try decode(OffsetPage<ZendeskTicket>.self, "go-zendesk/tickets.json")
        #expect(!tickets.records.isEmpty)
        let comments = try decode(CursorPage<ZendeskComment>.self, "go-zendesk/ticket_comments.json")
        #expect(!comments.records.isEmpty)
        let ticket = try decode(Wrapped<ZendeskTicket>.self, "go-zendesk/ticket.json").value
        #expect(ticket.id > 0)
        let user = try decode(Wrapped<ZendeskUser>.self, "go-zendesk/user.json").value
        #expect(user.id > 0)
        let organizations = try decode(OffsetPage<ZendeskOrganization>.self, "go-zendesk/organizations.json")
        #expect(organizations.records.allSatisfy { if case .success = $0 { true } else { false } })
    }

    @Test func lenientFieldsToleratedStrictIDRequired() throws {
        let json = """
            {"tickets":[
              {"id":"77","status":"open","priority":5,"tags":["a",1,"b"],"custom_fields":[{"id":1,"value":["x","y"]},{"id":2,"value":12.5},{"id":"3","value":null},{"value":"no id"}],
               "updated_at":"2024-02-15T16:24:04.123456Z","assignee_id":null,"unknown":{"deep":[1]}},
              {"subject":"no id"}],
             "after_cursor":"c","end_of_stream":true}
            """
        let page = try JSONDecoder().decode(CursorExportPage<ZendeskTicket>.self, from: Data(json.utf8))
        guard case .success(let ticket) = page.records[0] else { Issue.record("ticket should decode"); return }
        #expect(ticket.id == 77)
        #expect(ticket.priority == "5")
        #expect(ticket.tags == ["a", "1", "b"])
        #expect(ticket.customFields.map(\.id) == [1, 2, 3])
        #expect(ticket.customFields[0].value == .array([.string("x"), .string("y")]))
        #expect(ticket.assigneeID == nil)
        #expect(abs((ticket.updatedAt?.timeIntervalSince1970 ?? 0) - 1_708_014_244.123456) < 0.00001)
        guard case .failure(let reason, let raw) = page.records[1] else { Issue.record("ticket without id must fail"); return }
        #expect(reason.contains("\"id\""))
        #expect(raw["subject"] == .string("no id"))
    }

    @Test func exportPageWithoutItsArrayIsMalformed() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CursorExportPage<ZendeskTicket>.self, from: Data(#"{"after_cursor":"x","end_of_stream":true}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TimeExportPage<ZendeskOrganization>.self, from: Data(#"{"organizations":[],"end_of_stream":true}"#.utf8))
        }
    }
}
