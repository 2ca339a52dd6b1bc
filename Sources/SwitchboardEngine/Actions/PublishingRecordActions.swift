import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `switchboard.create_task`: a publishing task, created once per origin, with a WebLink on its title in Consonance.
struct CreateTaskAction: FlowAction {
    let name = "switchboard.create_task"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let records = context.publishingRecords()
        var due = input.optionalText("due_on")
        if due == nil, let days = try input.optionalInteger("due_in_days") { due = ActionContext.isoDay(daysFromNow: Int(days)) }
        let task = PublishingTask(originKey: input.optionalText("origin") ?? context.idempotencyKey, title: try input.text("title"),
                                  details: input.optionalText("details"), owner: input.optionalText("owner"), dueOn: due,
                                  connection: input.optionalText("connection") ?? context.eventConnection, ticketID: try input.optionalInteger("ticket_id"),
                                  workID: try input.optionalInteger("work_id"), isbn13: input.optionalText("isbn13"), createdAt: Int64(Date().timeIntervalSince1970))
        let (stored, created) = try await records.createTask(task, link: input.optionalBool("link") ?? true)
        if stored.weblinkID != nil { context.sent(name) }
        return .object(["task_id": .string(stored.id), "created": .bool(created), "url": .string(records.url("tasks", stored.id)),
                        "weblink_id": stored.weblinkID.map { .number(Double($0)) } ?? .null])
    }
}

/// `switchboard.open_rights_review`: a review request for the rights team, once per origin, linked to its title.
struct OpenRightsReviewAction: FlowAction {
    let name = "switchboard.open_rights_review"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let records = context.publishingRecords()
        let workID = try input.optionalInteger("work_id"), isbn = input.optionalText("isbn13")
        let review = RightsReview(originKey: input.optionalText("origin") ?? context.idempotencyKey, question: try input.text("question"),
                                  rightType: input.optionalText("right_type"), territory: input.optionalText("territory"),
                                  requestedBy: input.optionalText("requested_by"), connection: input.optionalText("connection") ?? context.eventConnection,
                                  ticketID: try input.optionalInteger("ticket_id"), workID: workID, isbn13: isbn, title: input.optionalText("title"),
                                  createdAt: Int64(Date().timeIntervalSince1970))
        let (stored, created) = try await records.openReview(review, link: input.optionalBool("link") ?? true)
        return .object(["review_id": .string(stored.id), "created": .bool(created), "url": .string(records.url("rights-reviews", stored.id)),
                        "status": .string(stored.status)])
    }
}

/// `switchboard.record_support_signal`: counts the ticket against its title; once the title has `threshold` tickets
/// within `window_days`, its support signal is recorded (first time, with a WebLink on the title) or refreshed.
struct RecordSupportSignalAction: FlowAction {
    let name = "switchboard.record_support_signal"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let threshold = Int(try input.optionalInteger("threshold") ?? 5), window = Int(try input.optionalInteger("window_days") ?? 7)
        let connection = input.optionalText("connection") ?? context.eventConnection ?? "default"
        let workID = try input.integer("work_id"), ticketID = try input.integer("ticket_id")
        let text = [input.optionalText("subject") ?? "", input.optionalText("text") ?? ""].joined(separator: " ")
        let now = Int64(Date().timeIntervalSince1970)
        let mention = TitleMention(connection: connection, ticketID: ticketID, workID: workID, isbn13: input.optionalText("isbn13"),
                                   title: input.optionalText("title"), topics: SupportTopics.classify(text), subject: input.optionalText("subject"), mentionedAt: now)
        let recent = try await context.store.transaction { session -> [TitleMention] in
            try await session.recordTitleMention(mention)
            return try await session.titleMentions(workID: workID, since: now - Int64(window) * 86_400)
        }
        let topics = SupportTopics.top(recent.map(\.topics))
        guard recent.count >= threshold else {
            return .object(["recorded": .bool(false), "created": .bool(false), "ticket_count": .number(Double(recent.count)), "signal_id": .null,
                            "top_topics": .array(topics.map(JSONValue.string)), "url": .null])
        }
        let catalogueConnection = try await context.store.session { try await $0.catalogueProducts(isbn13: mention.isbn13 ?? "") }.first?.connection
            ?? ConsonanceConnections.defaultName
        let records = context.publishingRecords()
        let signal = SupportSignal(connection: catalogueConnection, workID: workID, isbn13: mention.isbn13, title: mention.title ?? recent.first?.title,
                                   ticketCount: recent.count, windowDays: window, tickets: recent.map(\.ticketID), topTopics: topics, firstRecordedAt: now, refreshedAt: now)
        let (stored, created) = try await records.recordSignal(signal, link: input.optionalBool("link") ?? true)
        let url = records.url("signals", stored.id)
        return .object(["recorded": .bool(true), "created": .bool(created), "ticket_count": .number(Double(stored.ticketCount)), "signal_id": .string(stored.id),
                        "top_topics": .array(stored.topTopics.map(JSONValue.string)), "url": .string(url)])
    }
}
