import Foundation
import Testing
@testable import Sandbox

@Suite struct TicketWriteTests {
    @Test func update_metadata_is_visible_in_the_audits() async throws {
        try await SandboxHarness.with { harness in
            let id = try harness.sandbox.createTicket(subject: "Refund", body: "Please refund order 77.")
            harness.clock.advance(seconds: 2)
            let body = #"{"ticket":{"comment":{"body":"Refund issued.","public":true},"metadata":{"custom":{"switchboard_step":"run-9/step-2"}}}}"#
            let updated = try await harness.send(.PUT, "/api/v2/tickets/\(id).json", json: body)
            #expect(updated.status == 200)
            #expect(updated.json.at("audit", "metadata", "custom", "switchboard_step").string == "run-9/step-2")

            let audits = try await harness.get("/api/v2/tickets/\(id)/audits.json")
            #expect(audits.status == 200)
            let list = audits.json.at("audits").array
            #expect(list.count == 2)
            #expect(audits.json.at("count").int == 2)
            #expect(list.first?.at("metadata", "custom") == .object([:]))
            let last = try #require(list.last)
            #expect(last.at("ticket_id").int == id)
            #expect(last.at("metadata", "custom", "switchboard_step").string == "run-9/step-2")
            #expect(last.at("metadata", "system", "client").string != nil)
            #expect(last.at("via", "channel").string == "api")
            #expect(last.at("events").array.first?.at("body").string == "Refund issued.")
            #expect(last.at("created_at").string == "2025-06-01T00:00:02Z")

            let page = try await harness.get("/api/v2/tickets/\(id)/audits?page[size]=1")
            #expect(page.json.at("audits").array.count == 1)
            #expect(page.json.at("meta", "has_more") == .bool(true))
            let next = try #require(page.json.at("links", "next").string)
            #expect(try await harness.get(next).json.at("audits").array.first?.at("id") == last.at("id"))

            let generated = try await harness.get("/api/v2/tickets/3/audits")
            #expect(generated.json.at("audits").array.first?.at("events").array.contains { $0.at("type").string == "Create" } == true)
            #expect(try await harness.get("/api/v2/tickets/9999/audits").status == 404)
        }
    }

    @Test func safe_update_refuses_a_stale_stamp() async throws {
        try await SandboxHarness.with { harness in
            let id = try harness.sandbox.createTicket(subject: "Race", body: "Two agents at once.")
            let seen = try #require(try await harness.get("/api/v2/tickets/\(id)").json.at("ticket", "updated_at").string)
            harness.clock.advance(seconds: 10)
            try harness.sandbox.addComment(ticketID: id, body: "Someone else replied.")
            let stale = try await harness.send(.PUT, "/api/v2/tickets/\(id)", json: """
                {"ticket":{"status":"solved","comment":{"body":"Closing."},"safe_update":true,"updated_stamp":"\(seen)"}}
                """)
            #expect(stale.status == 409)
            #expect(stale.json.at("error").string == "UpdateConflict")
            #expect(stale.json.at("description").string?.isEmpty == false)
            #expect(harness.sandbox.comments(ticketID: id)?.count == 2)
            #expect(try await harness.get("/api/v2/tickets/\(id)").json.at("ticket", "status").string == "new")

            let fresh = try #require(try await harness.get("/api/v2/tickets/\(id)").json.at("ticket", "updated_at").string)
            let accepted = try await harness.send(.PUT, "/api/v2/tickets/\(id)", json: """
                {"ticket":{"status":"solved","safe_update":"true","updated_stamp":"\(fresh)"}}
                """)
            #expect(accepted.status == 200)
            #expect(accepted.json.at("ticket", "status").string == "solved")

            let tags = try await harness.send(.PUT, "/api/v2/tickets/\(id)/tags", json: """
                {"tags":["late"],"safe_update":"true","updated_stamp":"\(seen)"}
                """)
            #expect(tags.status == 409)
        }
    }

    @Test func additional_and_removed_tags_edit_a_single_ticket() async throws {
        try await SandboxHarness.with { harness in
            let id = try harness.sandbox.createTicket(subject: "Tags", body: "Body", tags: ["keep", "drop"])
            let updated = try await harness.send(.PUT, "/api/v2/tickets/\(id)", json: #"{"ticket":{"additional_tags":["flow_done","keep"],"remove_tags":["drop"]}}"#)
            #expect(updated.status == 200)
            #expect(updated.json.at("ticket", "tags").array.compactMap(\.string) == ["keep", "flow_done"])
        }
    }

    @Test func requester_objects_create_or_reuse_end_users() async throws {
        try await SandboxHarness.with { harness in
            let users = harness.sandbox.userSummaries().count
            let body = #"{"ticket":{"comment":{"body":"Hello"},"requester":{"name":"Nia Page","email":"nia@page.example"}}}"#
            let first = try await harness.send(.POST, "/api/v2/tickets", json: body, headers: [("Idempotency-Key", "a")])
            #expect(first.header("x-idempotency-lookup") == "miss")
            let requester = try #require(first.json.at("ticket", "requester_id").int)
            let user = try await harness.get("/api/v2/users/\(requester)")
            #expect(user.json.at("user", "email").string == "nia@page.example")
            #expect(user.json.at("user", "role").string == "end-user")
            let second = try await harness.send(.POST, "/api/v2/tickets", json: body, headers: [("Idempotency-Key", "b")])
            #expect(second.header("x-idempotency-lookup") == "miss")
            #expect(second.json.at("ticket", "requester_id").int == requester)
            #expect(harness.sandbox.userSummaries().count == users + 1)
        }
    }
}
