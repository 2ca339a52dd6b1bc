import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Changes to the publishing records Switchboard owns — tasks, rights reviews, support signals — each committed
/// together with the `switchboard` event that says what happened (`task.completed`, `rights_review.decided`…), so
/// flows can answer (post the decision back to the ticket, tell the author the task is done). A new record about a
/// known title is linked from it in Consonance (see ``TitleLinker``). Used by actions, the CLI and the admin API alike.
public struct PublishingRecords: Sendable {
    public static let source = "switchboard"
    public let store: Store
    public let runtime: FlowRuntime
    /// Switchboard's public address, for links to records.
    public let publicURL: String
    /// Links new records from their titles in Consonance; nil where Consonance is not at hand.
    public let linker: TitleLinker?

    public init(store: Store, runtime: FlowRuntime, publicURL: String, linker: TitleLinker? = nil) {
        self.store = store
        self.runtime = runtime
        self.linker = linker
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
    }

    public func url(_ kind: String, _ id: String) -> String { "\(publicURL)/api/\(kind)/\(id)" }

    /// Link a record from its title once: nothing when it is linked already, has no title, or no linker is at hand.
    /// Returns the link id (new or existing).
    func linkFromTitle(existing: Int64?, workID: Int64?, isbn13: String?, url: String, note: String,
                       save: @escaping @Sendable (StoreSession, Int64) async throws -> Void) async throws -> Int64? {
        if let existing { return existing }
        guard let linker, workID != nil || isbn13 != nil,
              let link = try await linker.link(workID: workID, isbn13: isbn13, url: url, note: note) else { return nil }
        try await store.session { try await save($0, link.id) }
        return link.id
    }

    // MARK: Tasks

    /// Create the task (once per origin), with its `task.created` event, and link it from its title.
    public func createTask(_ task: PublishingTask, link: Bool = true) async throws -> (task: PublishingTask, created: Bool) {
        let runtime = self.runtime, context = taskContext
        var (stored, created) = try await store.transaction { session in
            let result = try await session.createTask(task)
            if result.created {
                try await runtime.ingest(Self.event("task.created", "task:\(result.task.id):created", ["task": context(result.task)]), in: session)
            }
            return result
        }
        if link {
            let id = stored.id
            stored.weblinkID = try await linkFromTitle(existing: stored.weblinkID, workID: stored.workID, isbn13: stored.isbn13, url: url("tasks", id),
                                                       note: "Switchboard task: \(stored.title)") { try await $0.setTaskWebLink(id: id, weblinkID: $1) }
        }
        return (stored, created)
    }

    /// Add a milestone (or update the one with the same origin) and link it from its title.
    public func saveMilestone(_ milestone: PublishingMilestone, link: Bool = true) async throws -> PublishingMilestone {
        var stored = try await store.session { try await $0.upsertMilestone(milestone) }
        if link {
            let id = stored.id
            stored.weblinkID = try await linkFromTitle(existing: stored.weblinkID, workID: stored.workID, isbn13: stored.isbn13, url: url("milestones", id),
                                                       note: "Switchboard milestone: \(stored.name)") { try await $0.setMilestoneWebLink(id: id, weblinkID: $1) }
        }
        return stored
    }

    /// Mark a milestone done (or open again); `milestone.completed` when it becomes done. Nil when there is no such milestone.
    public func setMilestoneDone(id: String, done: Bool = true) async throws -> PublishingMilestone? {
        let runtime = self.runtime
        let now = Int64(Date().timeIntervalSince1970)
        return try await store.transaction { session in
            guard let before = try await session.milestone(id: id), let after = try await session.setMilestoneStatus(id: id, done: done, now: now) else { return nil }
            if before.status != "done", after.status == "done" {
                try await runtime.ingest(Self.event("milestone.completed", "milestone:\(id):completed:\(now)", ["milestone": Self.milestoneContext(after, now: now)]), in: session)
            }
            return after
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

    /// Open the review (once per origin), with its `rights_review.requested` event, and link it from its title.
    public func openReview(_ review: RightsReview, link: Bool = true) async throws -> (review: RightsReview, created: Bool) {
        let runtime = self.runtime, context = reviewContext
        var (stored, created) = try await store.transaction { session in
            let result = try await session.createRightsReview(review)
            if result.created {
                try await runtime.ingest(Self.event("rights_review.requested", "review:\(result.review.id):requested", ["review": context(result.review)]), in: session)
            }
            return result
        }
        if link {
            let id = stored.id
            stored.weblinkID = try await linkFromTitle(existing: stored.weblinkID, workID: stored.workID, isbn13: stored.isbn13, url: url("rights-reviews", id),
                                                       note: "Switchboard rights review") { try await $0.setRightsReviewWebLink(id: id, weblinkID: $1) }
        }
        return (stored, created)
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
                 "requested_by": Self.text(review.requestedBy),
                 "connection": Self.text(review.connection), "ticket_id": Self.number(review.ticketID), "work_id": Self.number(review.workID),
                 "isbn13": Self.text(review.isbn13), "title": Self.text(review.title), "url": .string(url("rights-reviews", review.id))])
    }

    // MARK: Support signals

    /// Record or refresh the title's signal (`support_signal.recorded` the first time) and link it from the title.
    public func recordSignal(_ signal: SupportSignal, link: Bool = true) async throws -> (signal: SupportSignal, created: Bool) {
        let runtime = self.runtime, context = signalContext
        var (stored, created) = try await store.transaction { session in
            let result = try await session.recordSupportSignal(signal)
            if result.created {
                try await runtime.ingest(Self.event("support_signal.recorded", "signal:\(result.signal.id):recorded", ["signal": context(result.signal)]), in: session)
            }
            return result
        }
        if link {
            let id = stored.id
            stored.weblinkID = try await linkFromTitle(existing: stored.weblinkID, workID: stored.workID, isbn13: stored.isbn13, url: url("signals", id),
                                                       note: "Switchboard support signal: recurring questions") { try await $0.setSupportSignalWebLink(id: id, weblinkID: $1) }
        }
        return (stored, created)
    }

    func signalContext(_ signal: SupportSignal) -> JSONValue {
        .object(["id": .string(signal.id), "isbn13": Self.text(signal.isbn13), "work_id": .number(Double(signal.workID)), "title": Self.text(signal.title),
                 "ticket_count": .number(Double(signal.ticketCount)), "window_days": .number(Double(signal.windowDays)),
                 "top_topics": .array(signal.topTopics.map(JSONValue.string)), "url": .string(url("signals", signal.id))])
    }

    // MARK: Helpers

    /// A milestone as `milestone.*` events carry it, `days` counted from today (UTC).
    static func milestoneContext(_ milestone: PublishingMilestone, now: Int64) -> JSONValue {
        let today = PublishingRules.isoDay(Date(timeIntervalSince1970: TimeInterval(now)))
        return ConsonancePoller.milestoneContext(milestone, days: PublishingRules.days(from: today, to: milestone.dueOn))
    }

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
