import Foundation
import Testing
@testable import Sandbox

@Suite struct MacroTests {
    @Test func macros_are_created_listed_searched_updated_and_deleted() async throws {
        try await SandboxHarness.with { harness in
            let defaults = try await harness.get("/api/v2/macros.json")
            #expect(defaults.status == 200)
            let titles = defaults.json.at("macros").array.compactMap { $0.at("title").string }
            #expect(titles == titles.sorted { $0.lowercased() < $1.lowercased() })
            #expect(titles.contains("Close and redirect to topics"))
            #expect(defaults.json.at("count").int == Int64(titles.count))

            let body = #"{"macro":{"title":"Refund issued","description":"Tell the customer","active":true,"actions":[{"field":"status","value":"solved"},{"field":"comment_value","value":["channel:all","We have refunded you."]}],"restriction":{"type":"Group","id":350000000001}}}"#
            let created = try await harness.send(.POST, "/api/v2/macros", json: body)
            #expect(created.status == 201)
            let macro = created.json.at("macro")
            let id = try #require(macro.at("id").int)
            #expect(created.header("Location") == harness.baseURL + "/api/v2/macros/\(id).json")
            #expect(macro.at("url").string == harness.baseURL + "/api/v2/macros/\(id).json")
            #expect(macro.at("actions").array.count == 2)
            #expect(macro.at("actions").array.last?.at("value").array.count == 2)
            #expect(macro.at("restriction", "type").string == "Group")
            #expect(macro.at("restriction", "ids").array == [.int(350_000_000_001)])
            #expect(macro.at("default") == .bool(false))

            let untitled = try await harness.send(.POST, "/api/v2/macros", json: #"{"macro":{"actions":[{"field":"status","value":"open"}]}}"#)
            #expect(untitled.status == 422)
            #expect(untitled.json.at("details", "title").array.first?.at("error").string == "BlankValue")
            let idle = try await harness.send(.POST, "/api/v2/macros", json: #"{"macro":{"title":"Nothing"}}"#)
            #expect(idle.json.at("details", "actions").array.first?.at("error").string == "BlankValue")

            let found = try await harness.get("/api/v2/macros/search?query=REFUND")
            #expect(found.json.at("macros").array.compactMap { $0.at("id").int } == [id])
            #expect(try await harness.get("/api/v2/macros/search").status == 400)

            let renamed = try await harness.send(.PUT, "/api/v2/macros/\(id).json", json: #"{"macro":{"title":"Refund sent","active":false}}"#)
            #expect(renamed.status == 200)
            #expect(renamed.json.at("macro", "title").string == "Refund sent")
            #expect(renamed.json.at("macro", "actions").array.count == 2)
            let active = try await harness.get("/api/v2/macros/active")
            #expect(!active.json.at("macros").array.contains { $0.at("id").int == id })
            let inactive = try await harness.get("/api/v2/macros?active=false")
            #expect(inactive.json.at("macros").array.compactMap { $0.at("id").int } == [id])

            let firstPage = try await harness.get("/api/v2/macros?page[size]=2")
            #expect(firstPage.json.at("macros").array.count == 2)
            #expect(firstPage.json.at("meta", "has_more") == .bool(true))

            #expect(try await harness.get("/api/v2/macros/\(id)").json.at("macro", "active") == .bool(false))
            #expect(try await harness.send(.DELETE, "/api/v2/macros/\(id)").status == 204)
            #expect(try await harness.get("/api/v2/macros/\(id)").status == 404)
        }
    }
}
