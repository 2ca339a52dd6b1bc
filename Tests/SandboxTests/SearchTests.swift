import Foundation
import Testing
@testable import Sandbox

@Suite struct SearchTests {
    private func ids(_ result: HTTPResult) -> [Int64] {
        result.json.at("results").array.compactMap { $0.at("id").int }
    }

    private func search(_ harness: SandboxHarness, _ query: String) async throws -> HTTPResult {
        try await harness.get("/api/v2/search.json?query=" + query.queryEncoded())
    }

    @Test func ticket_terms_filter_like_zendesk() async throws {
        try await SandboxHarness.with { harness in
            let sandbox = harness.sandbox
            let customer = try sandbox.createUser(name: "Rosa Vint", email: "rosa@vint.example")
            let open = try sandbox.createTicket(subject: "Missing zebra atlas", body: "The ZEBRA atlas never came.",
                                                requesterID: customer, tags: ["zebra", "vip"], status: "open",
                                                priority: "high")
            let pending = try sandbox.createTicket(subject: "Zebra refund", body: "Refund please.",
                                                   tags: ["zebra"], status: "pending", priority: "low")
            let solved = try sandbox.createTicket(subject: "Old zebra", body: "Done.", tags: ["zebra"],
                                                  status: "solved")

            let tagged = try await search(harness, "type:ticket tags:zebra")
            #expect(tagged.status == 200)
            #expect(Set(ids(tagged)) == [open, pending, solved])
            #expect(tagged.json.at("count").int == 3)
            #expect(tagged.json.at("facets") == .null)
            #expect(tagged.json.at("results").array.allSatisfy { $0.at("result_type").string == "ticket" })
            #expect(Set(ids(try await search(harness, "tags:zebra status<solved"))) == [open, pending])
            #expect(Set(ids(try await search(harness, "tags:zebra status>new -tags:vip"))) == [pending, solved])
            #expect(ids(try await search(harness, "type:ticket tags:zebra priority:high")) == [open])
            #expect(ids(try await search(harness, "type:ticket requester:rosa@vint.example")) == [open])
            #expect(ids(try await search(harness, "type:ticket status:open zebra atlas")) == [open])
            #expect(Set(ids(try await search(harness, "type:ticket status:open status:pending tags:zebra"))) == [open, pending])
            #expect(Set(ids(try await search(harness, "type:ticket created>2025-05-31"))) == [open, pending, solved])
            #expect(ids(try await search(harness, "type:ticket created<2020-01-01")).isEmpty)
            let base = sandbox.ticketSummaries().first { $0.organizationID != nil && $0.status != "deleted" }!
            let byOrganization = ids(try await search(harness, "type:ticket organization:\(base.organizationID!)"))
            #expect(byOrganization.contains(base.id))
            #expect(Set(ids(try await search(harness, "type:ticket updated>=2025-06-01"))) == [open, pending, solved])

            let sorted = try await harness.get("/api/v2/search?query=tags%3Azebra&sort_by=priority&sort_order=desc")
            #expect(ids(sorted).first == open)

            let count = try await harness.get("/api/v2/search/count?query=" + "type:ticket tags:zebra".queryEncoded())
            #expect(count.json == .object(["count": .int(3)]))
        }
    }

    @Test func results_page_by_100_up_to_1000() async throws {
        try await SandboxHarness.with(ticketCount: 250) { harness in
            let first = try await harness.get("/api/v2/search?query=type%3Aticket")
            #expect(first.json.at("results").array.count == 100)
            #expect(first.json.at("count").int == 250)
            #expect(first.json.at("previous_page") == .null)
            let next = try #require(first.json.at("next_page").string)
            #expect(next.contains("page=2"))
            let third = try await harness.get("/api/v2/search?query=type%3Aticket&page=3")
            #expect(third.json.at("results").array.count == 50)
            #expect(third.json.at("next_page") == .null)
            #expect(try await harness.get("/api/v2/search?query=type%3Aticket&page=10").status == 200)

            let tooDeep = try await harness.get("/api/v2/search?query=type%3Aticket&page=11")
            #expect(tooDeep.status == 422)
            #expect(tooDeep.json == JSONValue.parse(Array(#"{"error":"invalid","description":"Invalid search: Requested response size was greater than Search Response Limits"}"#.utf8)))
            #expect(try await harness.get("/api/v2/search").status == 400)
        }
    }

    @Test func users_are_found_by_email_phone_name_and_external_id() async throws {
        try await SandboxHarness.with { harness in
            let id = try harness.sandbox.createUser(name: "Imogen Thrale", email: "imogen@thrale.example")
            try harness.sandbox.updateUser(id: id, phone: "+44 20 7946 0018")
            func users(_ query: String) async throws -> [Int64] {
                try await harness.get("/api/v2/users/search.json?" + query).json.at("users").array.compactMap { $0.at("id").int }
            }
            #expect(try await users("query=imogen%40thrale.example") == [id])
            #expect(try await users("query=email%3AIMOGEN%40thrale.example") == [id])
            #expect(try await users("query=thrale") == [id])
            #expect(try await users("query=442079460018") == [id])
            #expect(try await users("query=nobody%40nowhere.example").isEmpty)
            let result = try await harness.get("/api/v2/users/search?query=thrale")
            #expect(result.json.at("count").int == 1)
            #expect(result.json.at("next_page") == .null)

            let global = try await harness.get("/api/v2/search?query=" + "type:user email:imogen@thrale.example".queryEncoded())
            #expect(global.json.at("results").array.map { $0.at("result_type") } == [.string("user")])
            #expect(global.json.at("results").array.first?.at("id").int == id)

            let upsert = try await harness.send(.POST, "/api/v2/users/create_or_update",
                                                json: #"{"user":{"name":"Imogen T.","external_id":"Lib-42","email":"imogen@thrale.example"}}"#)
            #expect(upsert.status == 200)
            #expect(try await users("external_id=LIB-42") == [id])
            let byExternal = try await harness.send(.POST, "/api/v2/users/create_or_update",
                                                    json: #"{"user":{"name":"Imogen Thrale","external_id":"lib-42","phone":"+44 20 7946 0019"}}"#)
            #expect(byExternal.status == 200)
            #expect(byExternal.json.at("user", "id").int == id)
            #expect(byExternal.json.at("user", "external_id").string == "lib-42")
            #expect(byExternal.json.at("user", "phone").string == "+44 20 7946 0019")
            let fresh = try await harness.send(.POST, "/api/v2/users/create_or_update",
                                               json: #"{"user":{"name":"New Reader","external_id":"lib-43"}}"#)
            #expect(fresh.status == 201)
            #expect(fresh.header("Location") == harness.baseURL + "/api/v2/users/\(fresh.json.at("user", "id").int ?? 0).json")
        }
    }
}
