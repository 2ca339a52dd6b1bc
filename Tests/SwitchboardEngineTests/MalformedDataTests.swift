import ConnectorKit
import Foundation
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// Bad data from Zendesk: a page that is not JSON is retried; a record that cannot be read is quarantined with
/// its reason and reported, never dropped silently, and released once a readable copy arrives.
@Suite struct MalformedDataTests {
    func page(_ key: String, _ records: String, end: Bool = true, endTime: Int = 100) -> InboundResponse {
        switch key {
        case "organizations", "ticket_events":
            return .json(200, #"{"\#(key)":[\#(records)],"next_page":"x","count":1,"end_of_stream":\#(end),"end_time":\#(endTime)}"#)
        default:
            return .json(200, #"{"\#(key)":[\#(records)],"after_cursor":"c-\#(key)","end_of_stream":\#(end)}"#)
        }
    }

    @Test func badPagesAreRetriedAndBadRecordsQuarantined() async throws {
        let transport = ScriptedTransport([
            .respond(.json(200, #"{"count":{"value":1}}"#)),
            .respond(page("organizations", #"{"id":1,"name":"A","updated_at":"2024-01-01T00:00:00Z"}"#)),
            .respond(.json(200, #"{"count":{"value":1}}"#)),
            .respond(page("users", #"{"id":2,"name":"U","updated_at":"2024-01-01T00:00:00Z"}"#)),
            .respond(.json(200, #"{"count":{"value":3}}"#)),
            .respond(.json(200, #"{"tickets":[{"id":1,"#)),
            .respond(page("tickets", #"{"id":1,"updated_at":"2024-01-01T00:00:00Z","generated_timestamp":10},{"subject":"no id"},{"id":"x3"}"#)),
            .respond(page("ticket_events", #"{"id":5,"ticket_id":1,"timestamp":100,"child_events":[{"event_type":"Comment","body":"lost id"}]}"#)),
        ])
        try await TestDatabase.sqlite.withStore { store in
            let configuration = ZendeskConfiguration(baseURL: "http://zendesk.test", credentials: .oauth(accessToken: "t"),
                                                     retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2)), exportBudget: .unlimited)
            let summary = try await ZendeskMirrorSync(store: store, configuration: configuration, transport: transport, connection: "default").run()
            #expect(summary.retries == 1)
            #expect(summary.quarantined == 3)
            #expect(summary.mirror.tickets == 1)
            let held = try await store.session { try await $0.quarantined(connection: "default") }
            #expect(held.map(\.stream).sorted() == ["comments", "tickets", "tickets"])
            #expect(held.contains { $0.recordKey == "x3" && $0.reason.contains("id") })
            #expect(held.contains { $0.payload.contains("no id") && $0.recordKey.hasPrefix("sha256:") })
            #expect(held.contains { $0.stream == "comments" && $0.reason.contains("comment event") })
        }
    }
}
