import Testing
@testable import Sandbox

@Suite struct MutationTests {
    @Test func create_ticket_returns_201_with_audit_and_location() async throws {
        try await SandboxHarness.with { harness in
            let body = #"{"ticket":{"subject":"Signed copies","comment":{"body":"Do you sell signed copies?"},"priority":"high","tags":["Retail Order","vip"],"custom_fields":[{"id":360002,"value":"9780306406157"}]}}"#
            let created = try await harness.send(.POST, "/api/v2/tickets.json", json: body)
            #expect(created.status == 201)
            let id = try #require(created.json.at("ticket", "id").int)
            #expect(id == 41)
            #expect(created.header("Location") == harness.baseURL + "/api/v2/tickets/41.json")
            #expect(created.json.at("ticket", "tags").array.compactMap(\.string) == ["retail", "order", "vip"])
            #expect(created.json.at("ticket", "status").string == "new")
            #expect(created.json.at("ticket", "custom_fields").array[1].at("value").string == "9780306406157")
            let events = created.json.at("audit", "events").array
            #expect(events.first?.at("type").string == "Comment")
            #expect(events.first?.at("plain_body").string == "Do you sell signed copies?")
            #expect(events.contains { $0.at("type").string == "Create" && $0.at("field_name").string == "priority"
                && $0.at("value").string == "high" })
            #expect(try await harness.get("/api/v2/tickets/41").json.at("ticket", "subject").string == "Signed copies")
        }
    }

    @Test func idempotency_key_replays_the_first_response() async throws {
        try await SandboxHarness.with { harness in
            let body = #"{"ticket":{"comment":{"body":"Where is my parcel?"}}}"#
            let key = [("Idempotency-Key", "run-1/step-3")]
            let first = try await harness.send(.POST, "/api/v2/tickets", json: body, headers: key)
            let second = try await harness.send(.POST, "/api/v2/tickets", json: body, headers: key)
            #expect(first.status == 201 && second.status == 201)
            #expect(first.header("x-idempotency-lookup") == "miss")
            #expect(second.header("x-idempotency-lookup") == "hit")
            #expect(first.body == second.body)
            #expect(harness.sandbox.liveTicketCount == 41)
            let other = try await harness.send(.POST, "/api/v2/tickets", json: body, headers: [("Idempotency-Key", "k2")])
            #expect(other.json.at("ticket", "id").int == 42)
        }
    }

    @Test func update_adds_a_comment_and_keeps_generated_ones() async throws {
        try await SandboxHarness.with { harness in
            let target = try #require(harness.sandbox.ticketSummaries().first { !["closed", "pending"].contains($0.status) })
            let before = try #require(harness.sandbox.comments(ticketID: target.id))
            harness.clock.advance(seconds: 3)
            let body = #"{"ticket":{"status":"pending","comment":{"body":"We have re-sent your order.","public":true}}}"#
            let updated = try await harness.send(.PUT, "/api/v2/tickets/\(target.id).json", json: body)
            #expect(updated.status == 200)
            #expect(updated.json.at("ticket", "updated_at").string == "2025-06-01T00:00:03Z")
            let change = updated.json.at("audit", "events").array.first { $0.at("type").string == "Change" }
            #expect(change?.at("field_name").string == "status")
            #expect(change?.at("previous_value").string == target.status)
            let after = try #require(harness.sandbox.comments(ticketID: target.id))
            #expect(Array(after.prefix(before.count)) == before)
            #expect(after.count == before.count + 1)
            #expect(after.last?.body == "We have re-sent your order.")
        }
    }

    @Test func validation_errors_use_record_invalid() async throws {
        try await SandboxHarness.with { harness in
            let blank = try await harness.send(.POST, "/api/v2/tickets", json: #"{"ticket":{"subject":"No body"}}"#)
            #expect(blank.status == 422)
            #expect(blank.json == JSONValue.parse(Array(#"{"error":"RecordInvalid","description":"Record validation errors","details":{"description":[{"description":"Description: cannot be blank","error":"BlankValue"}]}}"#.utf8)))
            let badStatus = try await harness.send(.PUT, "/api/v2/tickets/2", json: #"{"ticket":{"status":"bogus"}}"#)
            #expect(badStatus.status == 422)
            #expect(badStatus.json.at("details", "status").array.first?.at("error").string == "InvalidValue")
            let closed = try #require(harness.sandbox.ticketSummaries().first { $0.status == "closed" })
            let refused = try await harness.send(.PUT, "/api/v2/tickets/\(closed.id)", json: #"{"ticket":{"priority":"low"}}"#)
            #expect(refused.status == 422)
            let missing = try await harness.send(.PUT, "/api/v2/tickets/999", json: #"{"ticket":{"priority":"low"}}"#)
            #expect(missing.status == 404)
        }
    }

    @Test func ticket_tag_endpoints_add_remove_and_replace() async throws {
        try await SandboxHarness.with { harness in
            let target = try #require(harness.sandbox.ticketSummaries().first { $0.status != "closed" })
            let added = try await harness.send(.PUT, "/api/v2/tickets/\(target.id)/tags.json", json: #"{"tags":["escalated"]}"#)
            #expect(added.status == 200)
            #expect(added.json.at("tags").array.compactMap(\.string) == target.tags + ["escalated"])
            let removed = try await harness.send(.DELETE, "/api/v2/tickets/\(target.id)/tags.json", json: #"{"tags":["escalated"]}"#)
            #expect(removed.status == 204)
            #expect(try await harness.get("/api/v2/tickets/\(target.id)/tags").json.at("tags").array.compactMap(\.string) == target.tags)
            let replaced = try await harness.send(.POST, "/api/v2/tickets/\(target.id)/tags", json: #"{"tags":["only_this"]}"#)
            #expect(replaced.status == 201)
            #expect(replaced.json.at("tags").array.compactMap(\.string) == ["only_this"])
        }
    }

    @Test func users_are_created_updated_and_upserted() async throws {
        try await SandboxHarness.with { harness in
            let created = try await harness.send(.POST, "/api/v2/users", json: #"{"user":{"name":"Ada Quill","email":"ada@quill.example","role":"end-user"}}"#)
            #expect(created.status == 201)
            let id = try #require(created.json.at("user", "id").int)
            #expect(created.header("Location") == harness.baseURL + "/api/v2/users/\(id).json")
            let duplicate = try await harness.send(.POST, "/api/v2/users", json: #"{"user":{"name":"Ada Again","email":"ADA@quill.example"}}"#)
            #expect(duplicate.status == 422)
            #expect(duplicate.json.at("details", "email").array.first?.at("error").string == "DuplicateValue")
            let nameless = try await harness.send(.POST, "/api/v2/users", json: #"{"user":{"email":"x@y.example"}}"#)
            #expect(nameless.json.at("details", "name").array.first?.at("error").string == "BlankValue")

            let upserted = try await harness.send(.POST, "/api/v2/users/create_or_update", json: #"{"user":{"name":"Ada Q. Quill","email":"ada@quill.example"}}"#)
            #expect(upserted.status == 200)
            #expect(upserted.json.at("user", "id").int == id)
            let fresh = try await harness.send(.POST, "/api/v2/users/create_or_update", json: #"{"user":{"name":"Bo","email":"bo@quill.example"}}"#)
            #expect(fresh.status == 201)

            let baseEmail = try #require(harness.sandbox.userSummaries()[5].email)
            let baseUpsert = try await harness.send(.POST, "/api/v2/users/create_or_update", json: "{\"user\":{\"name\":\"Known\",\"email\":\"\(baseEmail)\"}}")
            #expect(baseUpsert.status == 200)
            #expect(baseUpsert.json.at("user", "id").int == harness.sandbox.userSummaries()[5].id)

            let renamed = try await harness.send(.PUT, "/api/v2/users/\(id)", json: #"{"user":{"phone":"+442071234567"}}"#)
            #expect(renamed.json.at("user", "phone").string == "+442071234567")
        }
    }

    @Test func organizations_are_created_updated_and_deleted() async throws {
        try await SandboxHarness.with { harness in
            let created = try await harness.send(.POST, "/api/v2/organizations.json", json: #"{"organization":{"name":"Quill & Ink Books","domain_names":["quillink.example"]}}"#)
            #expect(created.status == 201)
            let id = try #require(created.json.at("organization", "id").int)
            #expect(id == 370_000_000_006)
            let taken = try await harness.send(.POST, "/api/v2/organizations", json: #"{"organization":{"name":"larkspur press"}}"#)
            #expect(taken.status == 422)
            #expect(taken.json.at("details", "name").array.first?.at("error").string == "DuplicateValue")
            let updated = try await harness.send(.PUT, "/api/v2/organizations/\(id)", json: #"{"organization":{"notes":"Pays on time"}}"#)
            #expect(updated.json.at("organization", "notes").string == "Pays on time")
            #expect((try await harness.send(.DELETE, "/api/v2/organizations/\(id)")).status == 204)
            #expect((try await harness.get("/api/v2/organizations/\(id)")).status == 404)
            #expect(harness.sandbox.organizationSummaries().last?.isDeleted == true)
        }
    }

    @Test func swift_changes_are_visible_over_http() async throws {
        try await SandboxHarness.with { harness in
            let sandbox = harness.sandbox
            let id = try sandbox.createTicket(subject: "Audiobook chapters missing", body: "Chapter 7 is silent.",
                                              tags: ["audiobook"], priority: "urgent")
            try sandbox.addComment(ticketID: id, body: "Escalated to production.", public: false)
            try sandbox.removeTags(ticketID: id, ["audiobook"])
            let ticket = try await harness.get("/api/v2/tickets/\(id)")
            #expect(ticket.json.at("ticket", "priority").string == "urgent")
            #expect(ticket.json.at("ticket", "tags").array.isEmpty)
            let comments = try await harness.get("/api/v2/tickets/\(id)/comments")
            #expect(comments.json.at("comments").array.map { $0.at("public") } == [.bool(true), .bool(false)])
            #expect(throws: ZendeskSandboxError.notFound("ticket 9999")) { try sandbox.deleteTicket(id: 9999) }
            #expect(throws: ZendeskSandboxError.self) { try sandbox.updateTicket(id: id, status: "bogus") }
        }
    }
}
