import Foundation
import LooseJSON
import SwitchboardCore
import Testing

@Suite struct FlowEvaluationTests {
    let context: JSONValue = .object([
        "ticket": .object(["id": .number(42), "subject": .string("Refund for my order & more"), "priority": .string("high"),
                           "tags": .array([.string("vip"), .string("ebook")]), "status": .string("new"), "requester_id": .number(7)]),
    ])

    func test(_ field: String, _ op: FieldTest.Operator, _ value: JSONValue) throws -> Bool {
        try FieldTest(field: field, op: op, value: value, location: SourceLocation(file: "t", line: 1, column: 1)).evaluate(context)
    }

    @Test func operators() throws {
        #expect(try test("ticket.priority", .in_, .array([.string("high"), .string("urgent")])))
        #expect(try !test("ticket.priority", .notIn, .array([.string("high")])))
        #expect(try test("ticket.tags", .contains, .string("vip")))
        #expect(try !test("ticket.tags", .contains, .string("print")))
        #expect(try test("ticket.subject", .matches, .string("(?i)REFUND")))
        #expect(try test("ticket.id", .equals, .string("42")))
        #expect(try test("ticket.id", .gt, .number(41)))
        #expect(try !test("ticket.id", .lte, .number(41)))
        #expect(try test("ticket.assignee_id", .exists, .bool(false)))
        #expect(try test("ticket.subject", .contains, .string("order")))
        #expect(try test("ticket.missing.deep", .equals, .null))
    }

    @Test func templatesRenderPlainTextAndKeepTypesForSingleVariables() throws {
        let location = SourceLocation(file: "t", line: 1, column: 1)
        #expect(try FlowTemplate("Re: {{ticket.subject}}", location: location).render(context) == .string("Re: Refund for my order & more"))
        #expect(try FlowTemplate("{{ticket.id}}", location: location).render(context) == .number(42))
        #expect(try FlowTemplate(" {{ticket.tags}} ", location: location).render(context) == .array([.string("vip"), .string("ebook")]))
        #expect(try FlowTemplate("{{#ticket.tags}}[{{.}}]{{/ticket.tags}}", location: location).render(context) == .string("[vip][ebook]"))
        #expect(try FlowTemplate("no tags here", location: location).render(context) == .string("no tags here"))
        #expect(try FlowTemplate("{{ticket.nothing}}!", location: location).render(context) == .string("!"))
    }

    @Test func flowMatchingUsesTriggerAndConditions() throws {
        let (flow, diagnostics) = FlowLoader.load(text: FlowParsingTests.good, file: "f.yaml")
        let loaded = try #require(flow, "\(diagnostics)")
        let event = Event(source: "zendesk.webhook", type: "ticket.created", externalID: "e1", context: context)
        #expect(loaded.matches(event))
        var other = event
        other.type = "ticket.status_changed"
        #expect(!loaded.matches(other))
        var low = event
        low.context = .object(["ticket": .object(["priority": .string("low"), "tags": .array([.string("vip")])])])
        #expect(!loaded.matches(low))
        let rendered = loaded.steps[0].render(event.templateContext)
        #expect(rendered["ticket_id"] == .number(42))
        #expect(rendered["body"] == .string("Triaged: Refund for my order & more (vip ebook )"))
        #expect(rendered["public"] == .bool(false))
    }
}
