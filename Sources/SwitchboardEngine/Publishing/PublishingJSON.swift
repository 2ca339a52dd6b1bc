import Foundation
import LooseJSON
import SwitchboardStore

/// The JSON shapes of Switchboard's publishing records, shared by the admin API and `--json` CLI output so the two
/// never drift apart.
public enum PublishingJSON {
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func number(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    static func time(_ value: Int64?) -> JSONValue { value.map { .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0)))) } ?? .null }

    public static func task(_ task: PublishingTask) -> JSONValue {
        .object(["id": .string(task.id), "title": .string(task.title), "details": text(task.details), "owner": text(task.owner), "due_on": text(task.dueOn),
                 "status": .string(task.status), "connection": text(task.connection), "ticket_id": number(task.ticketID), "work_id": number(task.workID),
                 "isbn13": text(task.isbn13), "weblink_id": number(task.weblinkID), "origin": text(task.originKey), "created_at": time(task.createdAt),
                 "updated_at": time(task.updatedAt), "completed_at": time(task.completedAt)])
    }

    public static func milestone(_ milestone: PublishingMilestone) -> JSONValue {
        .object(["id": .string(milestone.id), "name": .string(milestone.name), "kind": .string(milestone.kind), "due_on": .string(milestone.dueOn),
                 "owner": text(milestone.owner), "work_id": number(milestone.workID), "isbn13": text(milestone.isbn13), "title": text(milestone.title),
                 "status": .string(milestone.status), "done_at": time(milestone.doneAt), "origin": text(milestone.originKey),
                 "created_at": time(milestone.createdAt), "updated_at": time(milestone.updatedAt)])
    }

    public static func signal(_ signal: SupportSignal) -> JSONValue {
        .object(["id": .string(signal.id), "connection": .string(signal.connection), "work_id": .number(Double(signal.workID)), "isbn13": text(signal.isbn13),
                 "title": text(signal.title), "ticket_count": .number(Double(signal.ticketCount)), "window_days": .number(Double(signal.windowDays)),
                 "tickets": .array(signal.tickets.map { .number(Double($0)) }), "top_topics": .array(signal.topTopics.map(JSONValue.string)),
                 "reported_tickets": signal.reportedTickets.map { .number(Double($0)) } ?? .null, "weblink_id": number(signal.weblinkID),
                 "first_recorded_at": time(signal.firstRecordedAt), "refreshed_at": time(signal.refreshedAt)])
    }

    public static func review(_ review: RightsReview) -> JSONValue {
        .object(["id": .string(review.id), "status": .string(review.status), "question": text(review.question), "right_type": text(review.rightType),
                 "territory": text(review.territory), "requested_by": text(review.requestedBy), "connection": text(review.connection),
                 "ticket_id": number(review.ticketID), "work_id": number(review.workID), "isbn13": text(review.isbn13), "title": text(review.title),
                 "decision_note": text(review.decisionNote), "decided_by": text(review.decidedBy), "decided_at": time(review.decidedAt),
                 "weblink_id": number(review.weblinkID), "created_at": time(review.createdAt)])
    }

    public static func exception(_ exception: PublishingException) -> JSONValue {
        .object(["connection": .string(exception.connection), "key": .string(exception.key), "kind": .string(exception.kind), "summary": .string(exception.summary),
                 "details": .string(exception.details), "status": .string(exception.status), "work_id": number(exception.workID), "isbn13": text(exception.isbn13),
                 "title": text(exception.title), "occurrence": .number(Double(exception.occurrence)), "raised_at": time(exception.raisedAt),
                 "cleared_at": time(exception.clearedAt)])
    }
}
