import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Records created through the admin API about a known title are linked from the title in Consonance with a WebLink,
/// once — the closest the real API comes to attaching them.
@Suite struct RecordLinkTests {
    @Test func tasksAndMilestonesCreatedThroughTheAdminAPIAreLinkedFromTheirTitleOnce() async throws {
        try await RecipeHarness.with(recipes: [:]) { harness in
            let product = try #require(harness.consonance.products().first { $0.isbn13 != nil })
            let headers = ["Authorization": "Bearer \(RecipeHarness.adminToken)", "Content-Type": "application/json"]
            let task = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: headers,
                                                  body: Array(#"{"title": "Fix the blurb", "isbn13": "\#(product.isbn13!)", "due_on": "2027-01-15", "origin": "blurb-1"}"#.utf8))
            #expect(task.status == 201, "\(task.body)")
            let taskID = try #require((task.json as? [String: Any])?["id"] as? String)
            #expect((task.json as? [String: Any])?["weblink_id"] is NSNumber)
            let again = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: headers,
                                                   body: Array(#"{"title": "Fix the blurb", "isbn13": "\#(product.isbn13!)", "origin": "blurb-1"}"#.utf8))
            #expect(again.status == 200, "the same origin is the same task")
            let milestone = try await TestHTTP.request("POST", harness.nodeURL + "/api/milestones", headers: headers,
                                                       body: Array(#"{"name": "Cover approval", "kind": "approval", "due_on": "2027-02-01", "isbn13": "\#(product.isbn13!)"}"#.utf8))
            #expect(milestone.status == 201, "\(milestone.body)")
            let milestoneID = try #require((milestone.json as? [String: Any])?["id"] as? String)
            let links = try #require(harness.consonance.product(isbn13: product.isbn13!)).webLinks
            #expect(links.filter { $0.link.hasSuffix("/api/tasks/\(taskID)") }.count == 1)
            #expect(links.filter { $0.link.hasSuffix("/api/milestones/\(milestoneID)") }.count == 1)
            #expect(links.allSatisfy { $0.link.hasPrefix(harness.nodeURL) }, "links use the node's public address")

            let bad = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: headers, body: Array("not json".utf8))
            #expect(bad.status == 400)
            #expect((bad.json as? [String: Any])?["error"] is String)
        }
    }
}
