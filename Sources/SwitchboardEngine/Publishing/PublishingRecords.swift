import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Changes to the publishing records Switchboard owns — tasks, rights reviews, support signals — each committed
/// together with the `switchboard` event that says what happened (`task.completed`, `rights_review.decided`…), so
/// flows can answer (post the decision back to the ticket, tell the author the task is done). Used by actions, the
/// CLI and the admin API alike.
public struct PublishingRecords: Sendable {
    public static let source = "switchboard"
    public let store: Store
    public let runtime: FlowRuntime
    /// Switchboard's public address, for links to records.
    public let publicURL: String

    public init(store: Store, runtime: FlowRuntime, publicURL: String) {
        self.store = store
        self.runtime = runtime
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
    }

    public func url(_ kind: String, _ id: String) -> String { "\(publicURL)/api/\(kind)/\(id)" }

    // MARK: Tasks

    public func createTask(_ task: PublishingTask) async throws -> (task: PublishingTask, created: Bool) {
        let runtime = self.runtime, context = taskContext
        return try await store.transaction { session in
            let result = try await session.createTask(task)
            if result.created {
                try await runtime.ingest(Self.event("task.created", "task:\(result.task.id):created", ["task": context(result.task)]), in: session)
            }
            return result
        }
    }

    /// Change a task's status; `task.completed` when it becomes done. Nil when there is no such task.
    public func setTaskStatus(id: String, status: String) async throws -> PublishingTask? {
        guard PublishingTask.statuses.contains(status) else { throw RecordError.invalid("status must be one of \(PublishingTask.statuses.joined(separator: ", "))") }
        let runtime = self.runtime, context = taskContext
        let now = Int64(Date().timeIntervalSince1970)
        return try await store.transaction { session in
            guard let (before, after) = try await session.setTaskStatus(id: id, status: status, now: now) else { return nil }
            if before.status != "done", after.status == "done" {
                try await runtime.ingest(Self.event("task.completed", "task:\(id):completed:\(now)", ["task": context(after)]), in: session)
            }
            return after
        }
    }

    func taskContext(_ task: PublishingTask) -> JSONValue {
        .object(["id": .string(task.id), "title": .string(task.title), "status": .string(task.status), "owner": Self.text(task.owner),
                 "due_on": Self.text(task.dueOn), "details": Self.text(task.details), "connection": Self.text(task.connection),
                 "ticket_id": Self.number(task.ticketID), "work_id": Self.number(task.workID), "isbn13": Self.text(task.isbn13),
                 "url": .string(url("tasks", task.id))])
    }

    // MARK: Rights reviews

    public func openReview(_ review: RightsReview) async throws -> (review: RightsReview, created: Bool) {
        let runtime = self.runtime, context = reviewContext
        return try await store.transaction { session in
            let result = try await session.createRightsReview(review)
            if result.created {
                try await runtime.ingest(Self.event("rights_review.requested", "review:\(result.review.id):requested", ["review": context(result.review)]), in: session)
            }
            return result
        }
    }

    /// Record the decision (`approved`, `declined`, `question`); `rights_review.decided` follows. Nil when there is no such review.
    public func decideReview(id: String, decision: String, note: String?, by: String?) async throws -> RightsReview? {
        guard RightsReview.decisions.contains(decision) else { throw RecordError.invalid("decision must be one of \(RightsReview.decisions.joined(separator: ", "))") }
        let runtime = self.runtime, context = reviewContext
        let now = Int64(Date().timeIntervalSince1970)
        return try await store.transaction { session in
            guard let (_, after) = try await session.decideRightsReview(id: id, decision: decision, note: note, by: by, now: now) else { return nil }
            try await runtime.ingest(Self.event("rights_review.decided", "review:\(id):decided:\(decision):\(now)", ["review": context(after)]), in: session)
            return after
        }
    }

    func reviewContext(_ review: RightsReview) -> JSONValue {
        .object(["id": .string(review.id), "status": .string(review.status), "question": Self.text(review.question), "right_type": Self.text(review.rightType),
                 "territory": Self.text(review.territory), "decision_note": Self.text(review.decisionNote), "decided_by": Self.text(review.decidedBy),
                 "connection": Self.text(review.connection), "ticket_id": Self.number(review.ticketID), "work_id": Self.number(review.workID),
                 "isbn13": Self.text(review.isbn13), "title": Self.text(review.title), "url": .string(url("rights-reviews", review.id))])
    }

    // MARK: Support signals

    public func recordSignal(_ signal: SupportSignal) async throws -> (signal: SupportSignal, created: Bool) {
        let runtime = self.runtime, context = signalContext
        return try await store.transaction { session in
            let result = try await session.recordSupportSignal(signal)
            if result.created {
                try await runtime.ingest(Self.event("support_signal.recorded", "signal:\(result.signal.id):recorded", ["signal": context(result.signal)]), in: session)
            }
            return result
        }
    }

    func signalContext(_ signal: SupportSignal) -> JSONValue {
        .object(["id": .string(signal.id), "isbn13": Self.text(signal.isbn13), "work_id": .number(Double(signal.workID)), "title": Self.text(signal.title),
                 "ticket_count": .number(Double(signal.ticketCount)), "window_days": .number(Double(signal.windowDays)),
                 "top_topics": .array(signal.topTopics.map(JSONValue.string)), "url": .string(url("signals", signal.id))])
    }

    // MARK: Helpers

    static func event(_ type: String, _ externalID: String, _ context: [String: JSONValue]) -> Event {
        Event(source: source, type: type, externalID: externalID, context: .object(context))
    }

    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func number(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
}

/// A request about a publishing record that cannot be carried out as asked.
public enum RecordError: Error, Sendable, CustomStringConvertible {
    case invalid(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .invalid(let text), .notFound(let text): return text
        }
    }
}
