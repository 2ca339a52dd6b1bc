import Foundation
import Testing
@testable import Sandbox

@Suite struct CursorExportTests {
    @Test func ticket_export_returns_every_ticket_once_in_order() async throws {
        try await SandboxHarness.with(ticketCount: 250) { harness in
            let walker = ExportWalker(harness: harness)
            let (tickets, cursor) = try await walker.cursorExport(
                "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=40", key: "tickets")
            #expect(tickets.compactMap { $0.at("id").int } == Array(1...250))
            let stamps = tickets.compactMap { $0.at("generated_timestamp").int }
            #expect(stamps == stamps.sorted())
            #expect(tickets.allSatisfy { $0.at("updated_at").string?.hasSuffix("Z") == true })

            let again = try await harness.get("/api/v2/incremental/tickets/cursor.json?cursor=\(cursor.queryEncoded())")
            #expect(again.json.at("tickets").array.isEmpty)
            #expect(again.json.at("end_of_stream") == .bool(true))
            #expect(again.json.at("after_cursor").string == cursor)
            #expect(again.json.at("before_cursor") == .null)
        }
    }

    @Test func cursor_decodes_like_zendesks() async throws {
        try await SandboxHarness.with { harness in
            let page = try await harness.get("/api/v2/incremental/tickets/cursor?start_time=0&per_page=2")
            let cursor = try #require(page.json.at("after_cursor").string)
            let decoded = String(decoding: Data(base64Encoded: cursor) ?? Data(), as: UTF8.self)
            let second = page.json.at("tickets").array[1]
            #expect(decoded == "\(second.at("generated_timestamp").int!).0||2|")
            #expect(page.json.at("after_url").string?.contains("per_page=2") == true)
        }
    }

    @Test func changes_after_catching_up_appear_on_the_next_call() async throws {
        try await SandboxHarness.with(ticketCount: 60) { harness in
            let walker = ExportWalker(harness: harness)
            let (_, cursor) = try await walker.cursorExport(
                "/api/v2/incremental/tickets/cursor.json?start_time=0", key: "tickets")
            harness.clock.advance(seconds: 120)
            let sandbox = harness.sandbox
            try sandbox.addComment(ticketID: 17, body: "Any news about my order?")
            try sandbox.updateTicket(id: 3, status: "solved")
            let created = try sandbox.createTicket(subject: "Signed copies?", body: "Do you sell signed copies?")
            try sandbox.deleteTicket(id: 5)

            let next = try await harness.get("/api/v2/incremental/tickets/cursor.json?cursor=\(cursor.queryEncoded())")
            let tickets = next.json.at("tickets").array
            #expect(tickets.compactMap { $0.at("id").int } == [3, 5, 17, created])
            #expect(tickets.allSatisfy { $0.at("generated_timestamp").int == harness.clock.seconds })
            #expect(tickets[0].at("status").string == "solved")
            #expect(tickets[1].at("status").string == "deleted")
            #expect(next.json.at("end_of_stream") == .bool(true))

            let deleted = try await harness.get("/api/v2/tickets/5.json")
            #expect(deleted.status == 404)
            #expect(sandbox.comments(ticketID: 17)?.last?.body == "Any news about my order?")

            let finalCursor = try #require(next.json.at("after_cursor").string)
            let quiet = try await harness.get("/api/v2/incremental/tickets/cursor.json?cursor=\(finalCursor.queryEncoded())")
            #expect(quiet.json.at("tickets").array.isEmpty)
        }
    }

    @Test func user_export_covers_every_user_and_then_changes() async throws {
        try await SandboxHarness.with { harness in
            let walker = ExportWalker(harness: harness)
            let (users, cursor) = try await walker.cursorExport(
                "/api/v2/incremental/users/cursor.json?start_time=0&per_page=4", key: "users")
            let truth = harness.sandbox.userSummaries()
            #expect(users.compactMap { $0.at("id").int } == truth.map(\.id))
            #expect(Set(users.compactMap { $0.at("email").string }).count == truth.count)

            harness.clock.advance(seconds: 10)
            let id = try harness.sandbox.createUser(name: "Nadia Osei", email: "nadia@larkspurpress.example")
            try harness.sandbox.updateUser(id: 360_000_000_005, name: "Renamed Reader")
            let next = try await harness.get("/api/v2/incremental/users/cursor.json?cursor=\(cursor.queryEncoded())")
            #expect(next.json.at("users").array.compactMap { $0.at("id").int } == [360_000_000_005, id])
        }
    }

    @Test func ticket_export_sideloads_users_and_organizations() async throws {
        try await SandboxHarness.with { harness in
            let page = try await harness.get(
                "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5&include=users,organizations")
            let tickets = page.json.at("tickets").array
            let userIDs = Set(page.json.at("users").array.compactMap { $0.at("id").int })
            let organizationIDs = Set(page.json.at("organizations").array.compactMap { $0.at("id").int })
            for ticket in tickets {
                #expect(userIDs.contains(ticket.at("requester_id").int!))
                if let organization = ticket.at("organization_id").int { #expect(organizationIDs.contains(organization)) }
            }
            #expect(page.json.at("after_url").string?.contains("include=users%2Corganizations") == true)
        }
    }

    @Test func invalid_cursor_and_missing_start_are_rejected() async throws {
        try await SandboxHarness.with { harness in
            let bad = try await harness.get("/api/v2/incremental/tickets/cursor.json?cursor=not-a-cursor")
            #expect(bad.status == 422)
            #expect(bad.json.at("error").string == "InvalidValue")
            let missing = try await harness.get("/api/v2/incremental/users/cursor.json")
            #expect(missing.status == 400)
            #expect(missing.json.at("error").string == "ParameterMissing")
        }
    }

    @Test func export_lag_hides_recent_changes_and_rejects_recent_start_times() async throws {
        try await SandboxHarness.with(configure: { $0.exportLag = .seconds(60) }) { harness in
            let now = harness.clock.seconds
            let tooRecent = try await harness.get("/api/v2/incremental/tickets/cursor.json?start_time=\(now - 30)")
            #expect(tooRecent.status == 422)
            #expect(tooRecent.json == .object([
                "error": .string("InvalidValue"),
                "description": .string("Too recent start_time. Use a start_time older than 1 minute"),
            ]))
            let events = try await harness.get("/api/v2/incremental/ticket_events.json?start_time=\(now - 30)")
            #expect(events.status == 422)

            let id = try harness.sandbox.createTicket(subject: "Fresh", body: "Just now")
            let start = now - 3_600
            let hidden = try await harness.get("/api/v2/incremental/tickets/cursor.json?start_time=\(start)")
            #expect(hidden.json.at("tickets").array.isEmpty)
            harness.clock.advance(seconds: 61)
            let shown = try await harness.get("/api/v2/incremental/tickets/cursor.json?start_time=\(start)")
            #expect(shown.json.at("tickets").array.compactMap { $0.at("id").int } == [id])
        }
    }

    @Test func large_dataset_exports_from_the_middle_without_materialising() async throws {
        try await SandboxHarness.with(ticketCount: 100_000) { harness in
            let layout = DatasetLayout(configuration: .init(seed: 7, ticketCount: 100_000))
            let start = layout.ticketUpdatedAt(60_000)
            let page = try await harness.get("/api/v2/incremental/tickets/cursor.json?start_time=\(start)")
            let ids = page.json.at("tickets").array.compactMap { $0.at("id").int }
            #expect(ids == Array(60_000...60_999))
            #expect(page.json.at("end_of_stream") == .bool(false))
            let last = try await harness.get("/api/v2/tickets/100000")
            #expect(last.json.at("ticket", "id").int == 100_000)
        }
    }
}
