import Foundation
import Sandbox
import SwitchboardStore
import SwitchboardTestSupport

/// Helpers for the conversation recipes' tests: the node's admin API with JSON, and picking a title with an ISBN.
extension RecipeHarness {
    /// Call the node's admin API; the JSON answer (object) and the status.
    func admin(_ method: String, _ path: String, json: [String: Any]? = nil, csv: String? = nil) async throws -> (status: Int, body: [String: Any]) {
        var headers = ["Authorization": "Bearer \(Self.adminToken)"]
        var body: [UInt8]?
        if let json {
            headers["Content-Type"] = "application/json"
            body = Array(try JSONSerialization.data(withJSONObject: json))
        } else if let csv {
            headers["Content-Type"] = "text/csv"
            body = Array(csv.utf8)
        }
        let response = try await TestHTTP.request(method, nodeURL + "/api/" + path, headers: headers, body: body)
        return (response.status, response.json as? [String: Any] ?? [:])
    }

    /// A product with an ISBN-13, after the first catalogue poll (so the title is in Switchboard's snapshot).
    func titleWithISBN() async throws -> (product: ConsonanceProductSummary, work: ConsonanceWorkSummary) {
        try await poll()
        for product in consonance.products() where product.isbn13 != nil {
            if let work = consonance.work(id: product.workID) { return (product, work) }
        }
        throw HarnessError("the Consonance sandbox has no product with an ISBN")
    }

    /// The latest message the sandbox accepted for `waID`.
    func latestMessage(to waID: String) throws -> WhatsAppSentMessage {
        guard let message = try messages(to: waID).last else { throw HarnessError("nothing was sent to \(waID)") }
        return message
    }
}
