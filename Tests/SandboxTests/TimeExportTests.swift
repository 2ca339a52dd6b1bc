import Testing
@testable import Sandbox

@Suite struct TimeExportTests {
    @Test func ticket_events_with_comment_events_carry_exactly_the_comments() async throws {
        try await SandboxHarness.with(ticketCount: 60) { harness in
            harness.clock.advance(seconds: 5)
            try harness.sandbox.addComment(ticketID: 9, body: "Internal: check stock", public: false)
            let walker = ExportWalker(harness: harness)
            let (pages, endTime) = try await walker.timeExport(
                "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events&per_page=70",
                key: "ticket_events")
            #expect(endTime == harness.clock.seconds)
            var seenAudits = Set<Int64>()
            var comments: [JSONValue] = []
            for event in pages.joined() where seenAudits.insert(event.at("id").int!).inserted {
                #expect(event.at("event_type").string == "Audit")
                #expect(event.at("via").string != nil)
                for child in event.at("child_events").array where child.at("event_type").string == "Comment" {
                    #expect(child.at("type").string == "Comment")
                    #expect(child.at("via", "channel").string != nil)
                    #expect(child.at("audit_id") == event.at("id"))
                    comments.append(child)
                }
            }
            #expect(comments.count == harness.sandbox.commentCount())
            #expect(Set(comments.compactMap { $0.at("id").int }).count == comments.count)
            let note = comments.last
            #expect(note?.at("body").string == "Internal: check stock")
            #expect(note?.at("public") == .bool(false))
        }
    }

    @Test func without_the_sideload_comment_events_are_markers() async throws {
        try await SandboxHarness.with(ticketCount: 5) { harness in
            let page = try await harness.get("/api/v2/incremental/ticket_events.json?start_time=0&per_page=1")
            let event = try #require(page.json.at("ticket_events").array.first)
            let comment = try #require(event.at("child_events").array.first)
            #expect(comment.at("comment_present") == .bool(true))
            #expect(comment.at("via").string != nil)
            #expect(comment.at("body") == .null)
            let creates = event.at("child_events").array.filter { $0.at("event_type").string == "Create" }
            #expect(creates.contains { $0.at("status").string == "new" })
        }
    }

    @Test func records_sharing_a_timestamp_are_never_split() async throws {
        try await SandboxHarness.with(ticketCount: 10) { harness in
            let lastBaseAudit = DatasetLayout(configuration: .init(seed: 7, ticketCount: 10)).ticketUpdatedAt(10)
            harness.clock.advance(seconds: 30)
            let burst = harness.clock.seconds
            for number in 1...5 { _ = try harness.sandbox.createTicket(subject: "Bulk \(number)", body: "Imported") }
            let open = harness.sandbox.ticketSummaries().filter { $0.id <= 10 && $0.status != "closed" }.prefix(3)
            #expect(open.count == 3)
            for ticket in open { try harness.sandbox.addComment(ticketID: ticket.id, body: "Bulk reply") }

            let straddling = try await harness.get(
                "/api/v2/incremental/ticket_events.json?start_time=\(lastBaseAudit)&per_page=3")
            #expect(straddling.json.at("count").int == 9)
            #expect(straddling.json.at("ticket_events").array.count == 9)
            #expect(straddling.json.at("end_time").int == burst)
            #expect(straddling.json.at("end_of_stream") == .bool(false))

            let group = try await harness.get("/api/v2/incremental/ticket_events.json?start_time=\(burst)&per_page=3")
            #expect(group.json.at("ticket_events").array.count == 8)
            #expect(group.json.at("ticket_events").array.allSatisfy { $0.at("timestamp").int == burst })
            #expect(group.json.at("end_time").int == burst + 1)
            #expect(group.json.at("next_page").string?.contains("start_time=\(burst + 1)") == true)
            #expect(group.json.at("end_of_stream") == .bool(true))  // end_time is past the export cutoff

            harness.clock.advance(seconds: 1)
            let after = try await harness.get("/api/v2/incremental/ticket_events.json?start_time=\(burst + 1)&per_page=3")
            #expect(after.json.at("count").int == 0)
            #expect(after.json.at("end_of_stream") == .bool(true))
        }
    }

    @Test func change_events_record_previous_values() async throws {
        try await SandboxHarness.with(ticketCount: 10) { harness in
            harness.clock.advance(seconds: 30)
            let at = harness.clock.seconds
            let target = try #require(harness.sandbox.ticketSummaries().first { !["closed", "hold"].contains($0.status) })
            try harness.sandbox.updateTicket(id: target.id, status: "hold", tags: ["vip", "rights"])
            let page = try await harness.get("/api/v2/incremental/ticket_events.json?start_time=\(at)")
            let event = try #require(page.json.at("ticket_events").array.first)
            #expect(event.at("ticket_id").int == target.id)
            let children = event.at("child_events").array
            let status = try #require(children.first { $0.at("status") != .null })
            #expect(status.at("event_type").string == "Change")
            #expect(status.at("status").string == "hold")
            #expect(status.at("previous_value").string == target.status)
            let tags = try #require(children.first { $0.at("tags") != .null })
            #expect(tags.at("tags").array.compactMap(\.string) == ["vip", "rights"])
            #expect(tags.at("added_tags").array.count >= 1)
        }
    }

    @Test func organization_export_covers_all_and_reports_deletions() async throws {
        try await SandboxHarness.with(ticketCount: 400) { harness in
            let walker = ExportWalker(harness: harness)
            let (pages, _) = try await walker.timeExport(
                "/api/v2/incremental/organizations.json?start_time=0&per_page=3", key: "organizations")
            let ids = Set(pages.joined().compactMap { $0.at("id").int })
            #expect(ids.count == 10)
            #expect(pages.joined().allSatisfy { $0.at("deleted_at") == .null && $0.at("organization_fields") == .object([:]) })

            harness.clock.advance(seconds: 1)
            try harness.sandbox.deleteOrganization(id: 370_000_000_004)
            let page = try await harness.get("/api/v2/incremental/organizations.json?start_time=\(harness.clock.seconds)")
            let deleted = try #require(page.json.at("organizations").array.first)
            #expect(deleted.at("id").int == 370_000_000_004)
            #expect(deleted.at("deleted_at").string != nil)
            #expect(page.json.at("end_of_stream") == .bool(true))
            #expect((try await harness.get("/api/v2/organizations/370000000004")).status == 404)
        }
    }

    @Test func start_time_is_required() async throws {
        try await SandboxHarness.with { harness in
            let result = try await harness.get("/api/v2/incremental/organizations.json")
            #expect(result.status == 400)
            #expect(result.json.at("error").string == "ParameterMissing")
        }
    }
}
