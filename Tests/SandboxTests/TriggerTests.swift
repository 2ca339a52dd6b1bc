import Foundation
import Testing
@testable import Sandbox

@Suite struct TriggerTests {
    private func trigger(_ title: String, webhook: String, all: String, any: String = "", body: String) -> String {
        let template = String(decoding: try! JSONEncoder().encode(body), as: UTF8.self)
        return """
            {"trigger":{"title":"\(title)","active":true,"conditions":{"all":[\(all)],"any":[\(any)]},\
            "actions":[{"field":"notification_webhook","value":["\(webhook)",\(template)]}]}}
            """
    }

    @Test func matching_changes_deliver_the_rendered_template() async throws {
        try await SandboxHarness.withReceiver { harness, receiver in
            let webhook = try await harness.createWebhook(endpoint: receiver.url, subscriptions: ["conditional_ticket_events"])
            let template = #"{"id":"{{ticket.id}}","subject":"{{ticket.subject}}","status":"{{ticket.status}}","priority":"{{ticket.priority}}","tags":"{{ticket.tags}}","email":"{{ticket.requester.email}}","name":"{{ticket.requester.name}}","url":"{{ticket.url}}","missing":"{{ticket.nonsense}}"}"#
            let solvedVIP = trigger(
                "Solved VIP", webhook: webhook,
                all: #"{"field":"update_type","operator":"is","value":"Change"},{"field":"status","operator":"is","value":"solved"}"#,
                any: #"{"field":"current_tags","operator":"includes","value":"vip gold"}"#, body: template)
            let created = try await harness.send(.POST, "/api/v2/triggers", json: solvedVIP)
            #expect(created.status == 201)
            let triggerID = try #require(created.json.at("trigger", "id").int)
            #expect(created.header("Location") == harness.baseURL + "/api/v2/triggers/\(triggerID).json")
            #expect(created.json.at("trigger", "actions").array.first?.at("value").array.last?.string == template)

            let ticket = try harness.sandbox.createTicket(subject: #"Say "hi" \ back"#, body: "Body", requesterID: nil,
                                                          tags: ["vip"], priority: "high")
            try harness.sandbox.updateTicket(id: ticket, status: "pending")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(10)))
            #expect(receiver.received().isEmpty)

            try harness.sandbox.updateTicket(id: ticket, status: "solved")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(10)))
            let request = try #require(receiver.received().first)
            #expect(receiver.received().count == 1)
            #expect(request.header("X-Zendesk-Webhook-Id") == webhook)
            let secret = try #require(harness.sandbox.webhookSecret(id: webhook))
            #expect(request.header("X-Zendesk-Webhook-Signature") == expectedSignature(
                secret: secret, timestamp: request.header("X-Zendesk-Webhook-Signature-Timestamp") ?? "", body: request.body))
            let body = request.json
            #expect(body.at("id") == .string(String(ticket)))
            #expect(body.at("subject").string == #"Say "hi" \ back"#)
            #expect(body.at("status").string?.lowercased() == "solved")
            #expect(body.at("priority").string?.lowercased() == "high")
            #expect(body.at("tags").string == "vip")
            #expect(body.at("email").string == "admin@example.com")
            #expect(body.at("name").string == "Sandbox Admin")
            #expect(body.at("url").string == "127.0.0.1:\(harness.sandbox.port ?? 0)/agent/tickets/\(ticket)")
            #expect(body.at("missing").string == "")
            let delivery = try #require(harness.sandbox.webhookDeliveries().first)
            #expect(delivery.type == "conditional_ticket_events")
            #expect(delivery.triggerID == triggerID)
            #expect(delivery.eventID == nil)
        }
    }

    @Test func creation_and_ordering_conditions() async throws {
        try await SandboxHarness.withReceiver { harness, receiver in
            let webhook = try await harness.createWebhook(endpoint: receiver.url, subscriptions: ["conditional_ticket_events"])
            let onCreate = trigger(
                "Urgent intake", webhook: webhook,
                all: #"{"field":"update_type","operator":"is","value":"Create"},{"field":"priority","operator":"is_not","value":"low"},{"field":"status","operator":"less_than","value":"solved"},{"field":"current_tags","operator":"not_includes","value":"spam"}"#,
                body: #"{"ticket_id":"{{ticket.id}}"}"#)
            #expect(try await harness.send(.POST, "/api/v2/triggers", json: onCreate).status == 201)
            let fires = try harness.sandbox.createTicket(subject: "A", body: "B", priority: "urgent")
            try harness.sandbox.createTicket(subject: "A", body: "B", priority: "low")
            try harness.sandbox.createTicket(subject: "A", body: "B", tags: ["spam"], priority: "high")
            try harness.sandbox.createTicket(subject: "A", body: "B", status: "solved", priority: "high")
            try harness.sandbox.updateTicket(id: fires, priority: "high")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(10)))
            #expect(receiver.received().map(\.text) == [#"{"ticket_id":"\#(fires)"}"#])
        }
    }

    @Test func triggers_are_listed_updated_and_deleted() async throws {
        try await SandboxHarness.withReceiver { harness, receiver in
            let webhook = try await harness.createWebhook(endpoint: receiver.url, subscriptions: ["conditional_ticket_events"])
            let body = trigger("Any change", webhook: webhook,
                               all: #"{"field":"update_type","operator":"is","value":"Change"}"#, body: "{{ticket.id}}")
            let id = try #require(try await harness.send(.POST, "/api/v2/triggers", json: body).json.at("trigger", "id").int)
            let list = try await harness.get("/api/v2/triggers?page[size]=10")
            #expect(list.json.at("triggers").array.compactMap { $0.at("id").int } == [id])
            #expect(list.json.at("meta", "has_more") == .bool(false))
            let shown = try await harness.get("/api/v2/triggers/\(id).json")
            #expect(shown.json.at("trigger", "conditions", "all").array.first?.at("field").string == "update_type")

            let paused = try await harness.send(.PUT, "/api/v2/triggers/\(id)", json: #"{"trigger":{"active":false}}"#)
            #expect(paused.json.at("trigger", "active") == .bool(false))
            let ticket = try harness.sandbox.createTicket(subject: "Quiet", body: "Body")
            try harness.sandbox.updateTicket(id: ticket, subject: "Renamed")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(10)))
            #expect(receiver.received().isEmpty)

            #expect(try await harness.send(.DELETE, "/api/v2/triggers/\(id)").status == 204)
            #expect(try await harness.get("/api/v2/triggers/\(id)").status == 404)
        }
    }

    @Test func unsupported_triggers_are_refused() async throws {
        try await SandboxHarness.with { harness in
            let webhook = try await harness.createWebhook(endpoint: "https://example.com/h", subscriptions: ["conditional_ticket_events"])
            let events = try await harness.createWebhook(endpoint: "https://example.com/e", subscriptions: ["zen:event-type:ticket.created"])
            let cases = [
                trigger("t", webhook: webhook, all: #"{"field":"satisfaction_score","operator":"is","value":"good"}"#, body: "x"),
                trigger("t", webhook: webhook, all: #"{"field":"status","operator":"is","value":"bogus"}"#, body: "x"),
                trigger("t", webhook: "01NOPE", all: #"{"field":"update_type","operator":"is","value":"Create"}"#, body: "x"),
                trigger("t", webhook: events, all: #"{"field":"update_type","operator":"is","value":"Create"}"#, body: "x"),
                trigger("", webhook: webhook, all: #"{"field":"update_type","operator":"is","value":"Create"}"#, body: "x"),
                #"{"trigger":{"title":"t","conditions":{"all":[{"field":"update_type","operator":"is","value":"Create"}]},"actions":[]}}"#,
            ]
            for body in cases {
                let result = try await harness.send(.POST, "/api/v2/triggers", json: body)
                #expect(result.status == 422, "\(body)")
                #expect(result.json.at("error").string == "RecordInvalid")
            }
        }
    }
}
