import ConnectorKit
import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport

/// A feature harness built on a ``ZendeskNodeFixture``: it gets the fixture's parts, its admin and Zendesk API calls
/// and its shutdown from here, so the harness itself holds only what is specific to its feature.
protocol ZendeskNodeHarness: ShutsDown {
    var fixture: ZendeskNodeFixture { get }
}

extension ZendeskNodeHarness {
    var zendesk: ZendeskSandbox { fixture.zendesk }
    var zendeskURL: String { fixture.zendeskURL }
    var store: Store { fixture.store }
    var transport: AsyncHTTPTransport { fixture.transport }
    var flows: FlowRegistry { fixture.flows }
    var nodeURL: String { fixture.nodeURL }

    /// Take the fixture down; a harness that started more overrides this and stops that too.
    func shutdown() async { await fixture.shutdown() }

    /// Call the node's admin API; the JSON object it answered, or an error for a status outside 2xx.
    @discardableResult
    func admin(_ method: String, _ path: String, _ json: [String: Any]? = nil) async throws -> [String: Any] {
        let response = try await TestHTTP.request(method, nodeURL + path, headers: ["Authorization": "Bearer \(fixture.adminToken)", "Content-Type": "application/json"],
                                                  body: try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) })
        guard (200..<300).contains(response.status) else { throw HarnessError("\(method) \(path): \(response.status) \(response.body)") }
        return response.json as? [String: Any] ?? [:]
    }

    /// Call the Zendesk sandbox's API as its admin (the test acting in Zendesk, not Switchboard).
    func zendeskCall(_ method: String, _ path: String, _ json: [String: Any]? = nil) async throws -> [String: Any] {
        let response = try await TestHTTP.request(method, zendeskURL + path, headers: ["Authorization": ZendeskNodeFixture.basic, "Content-Type": "application/json"],
                                                  body: try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) })
        guard (200..<300).contains(response.status) else { throw HarnessError("Zendesk \(method) \(path): \(response.status) \(response.body)") }
        return response.json as? [String: Any] ?? [:]
    }
}
