import Testing
@testable import Sandbox

@Suite struct ListEndpointTests {
    @Test func cursor_pagination_walks_with_has_more() async throws {
        try await SandboxHarness.with { harness in
            var ids: [Int64] = []
            var next: String? = "/api/v2/tickets.json?page[size]=15"
            var hasMoreFlags: [Bool] = []
            while let path = next {
                let page = try await harness.get(path)
                #expect(page.status == 200)
                ids += page.json.at("tickets").array.compactMap { $0.at("id").int }
                let hasMore = page.json.at("meta", "has_more") == .bool(true)
                hasMoreFlags.append(hasMore)
                #expect(page.json.at("links", "next").string != nil)  // present even on the last page
                next = hasMore ? page.json.at("links", "next").string : nil
            }
            #expect(ids == Array(1...40))
            #expect(hasMoreFlags == [true, true, false])
        }
    }

    @Test func page_before_goes_back() async throws {
        try await SandboxHarness.with { harness in
            let second = try await harness.get("/api/v2/users.json?page%5Bsize%5D=5&page%5Bafter%5D="
                + ListPagination.encodeCursor(360_000_000_005).queryEncoded())
            #expect(second.json.at("users").array.compactMap { $0.at("id").int } == Array(360_000_000_006...360_000_000_010))
            let previous = try #require(second.json.at("links", "prev").string)
            let first = try await harness.get(previous)
            #expect(first.json.at("users").array.compactMap { $0.at("id").int } == Array(360_000_000_001...360_000_000_005))
        }
    }

    @Test func oversized_pages_are_refused() async throws {
        try await SandboxHarness.with { harness in
            let result = try await harness.get("/api/v2/tickets?page[size]=101")
            #expect(result.status == 400)
            #expect(result.json.at("error", "title").string == "Invalid Pagination Parameter")
        }
    }

    @Test func offset_pagination_and_its_depth_cap() async throws {
        try await SandboxHarness.with { harness in
            let page = try await harness.get("/api/v2/users.json?page=2&per_page=5")
            #expect(page.json.at("count").int == 13)
            #expect(page.json.at("users").array.compactMap { $0.at("id").int } == Array(360_000_000_006...360_000_000_010))
            #expect(page.json.at("next_page").string == harness.baseURL + "/api/v2/users.json?page=3&per_page=5")
            #expect(page.json.at("previous_page").string == harness.baseURL + "/api/v2/users.json?page=1&per_page=5")
            let last = try await harness.get("/api/v2/users.json?page=3&per_page=5")
            #expect(last.json.at("next_page") == .null)

            let deep = try await harness.get("/api/v2/tickets.json?page=101&per_page=100")
            #expect(deep.status == 400)
            #expect(deep.json.at("errors").array.first?.at("code").string == "InvalidPaginationDepth")
            #expect((try await harness.get("/api/v2/tickets.json?page=100&per_page=100")).status == 200)
        }
    }

    @Test func show_many_and_its_limit() async throws {
        try await SandboxHarness.with { harness in
            let some = try await harness.get("/api/v2/tickets/show_many.json?ids=3,1,999")
            #expect(some.json.at("tickets").array.compactMap { $0.at("id").int } == [3, 1])
            #expect(some.json.at("count").int == 2)
            let ids = (1...101).map(String.init).joined(separator: ",")
            let tooMany = try await harness.get("/api/v2/tickets/show_many?ids=\(ids)")
            #expect(tooMany.status == 400)
            #expect(tooMany.text ==
                #"{"error":"TooManyValues","description":"Parameter  cannot specify more than 100 values","max_count":100}"#)
        }
    }

    @Test func not_found_shapes() async throws {
        try await SandboxHarness.with { harness in
            let missing = try await harness.get("/api/v2/tickets/99999.json")
            #expect(missing.status == 404)
            #expect(missing.text == #"{"error":"RecordNotFound","description":"Not found"}"#)
            for path in ["/api/v2/nothing_here", "/api/v3/tickets", "/api/v2/tickets/abc/comments"] {
                let unknown = try await harness.get(path)
                #expect(unknown.status == 404)
                #expect(unknown.text == #"{"error":"InvalidEndpoint","description":"Not found"}"#)
            }
            #expect((try await harness.get("/api/v2/users/360000000001")).status == 200)
            #expect((try await harness.get("/api/v2/organizations/370000000001.json")).status == 200)
            #expect((try await harness.get("/api/v2/organizations/370000009999.json")).status == 404)
        }
    }

    @Test func counts_and_links() async throws {
        try await SandboxHarness.with { harness in
            let count = try await harness.get("/api/v2/tickets/count.json")
            #expect(count.json.at("count", "value").int == 40)
            #expect(count.json.at("count", "refreshed_at").string == "2025-06-01T00:00:00Z")
            #expect((try await harness.get("/api/v2/users/count")).json.at("count", "value").int == 13)
            #expect((try await harness.get("/api/v2/organizations/count")).json.at("count", "value").int == 5)
            let ticket = try await harness.get("/api/v2/tickets/2")
            #expect(ticket.json.at("ticket", "url").string == harness.baseURL + "/api/v2/tickets/2.json")
        }
    }

    @Test func comments_page_in_both_directions() async throws {
        try await SandboxHarness.with { harness in
            let truth = try #require(harness.sandbox.comments(ticketID: 1))
            let descending = try await harness.get("/api/v2/tickets/1/comments.json?page[size]=2&sort=-created_at")
            #expect(descending.json.at("comments").array.compactMap { $0.at("id").int }
                == truth.reversed().prefix(2).map(\.id))
            #expect(descending.json.at("links", "next").string?.contains("sort=-created_at") == true)
            let offset = try await harness.get("/api/v2/tickets/1/comments?sort_order=asc")
            #expect(offset.json.at("comments").array.compactMap { $0.at("id").int } == truth.map(\.id))
            #expect(offset.json.at("count").int == Int64(truth.count))
            let first = try #require(offset.json.at("comments").array.first)
            #expect(first.at("plain_body") == first.at("body"))
            #expect(first.at("html_body").string?.hasPrefix("<div class=\"zd-comment\"") == true)
        }
    }

    @Test func tags_are_counted_and_refreshed_after_changes() async throws {
        try await SandboxHarness.with { harness in
            let tags = try await harness.get("/api/v2/tags.json")
            let total = tags.json.at("tags").array.compactMap { $0.at("count").int }.reduce(0, +)
            #expect(total == Int64(harness.sandbox.ticketSummaries().map(\.tags.count).reduce(0, +)))
            try harness.sandbox.addTags(ticketID: 1, ["brand_new_tag"])
            let updated = try await harness.get("/api/v2/tags.json")
            let entry = updated.json.at("tags").array.first { $0.at("name").string == "brand_new_tag" }
            #expect(entry?.at("count").int == 1)
            #expect(harness.sandbox.distinctTags().contains("brand_new_tag"))
        }
    }
}
