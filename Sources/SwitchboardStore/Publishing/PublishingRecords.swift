import Foundation
import LooseJSON

/// A to-do Switchboard keeps for the publishing team, because Consonance's API has no to-dos: raised by a flow
/// (an author's ticket that needs editorial action) or by hand, linked to its title and, when it came from a
/// ticket, to that ticket.
public struct PublishingTask: Sendable, Equatable {
    public var id: String
    /// Makes creation idempotent: the same origin (say, one ticket) never gets a second task.
    public var originKey: String?
    public var title: String
    public var details: String?
    public var owner: String?
    /// `YYYY-MM-DD`.
    public var dueOn: String?
    /// `open`, `in_progress`, `done` or `cancelled`.
    public var status: String
    public var connection: String?
    public var ticketID: Int64?
    public var workID: Int64?
    public var isbn13: String?
    public var weblinkID: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var completedAt: Int64?

    public static let statuses = ["open", "in_progress", "done", "cancelled"]

    public init(id: String = PublishingIDs.make("tsk"), originKey: String? = nil, title: String, details: String? = nil, owner: String? = nil, dueOn: String? = nil,
                status: String = "open", connection: String? = nil, ticketID: Int64? = nil, workID: Int64? = nil, isbn13: String? = nil,
                weblinkID: Int64? = nil, createdAt: Int64, updatedAt: Int64? = nil, completedAt: Int64? = nil) {
        self.id = id
        self.originKey = originKey
        self.title = title
        self.details = details
        self.owner = owner
        self.dueOn = dueOn
        self.status = status
        self.connection = connection
        self.ticketID = ticketID
        self.workID = workID
        self.isbn13 = isbn13
        self.weblinkID = weblinkID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.completedAt = completedAt
    }
}

/// A dated milestone of a title (manuscript delivery, proofs, publication, a launch step): taken from the dates
/// Consonance exposes (contracts, publication dates) or kept by Switchboard, and watched for `milestone.due` and
/// `milestone.overdue`.
public struct PublishingMilestone: Sendable, Equatable {
    public var id: String
    public var originKey: String?
    public var name: String
    /// `delivery`, `proofs`, `publication`, `approval`, `custom`…
    public var kind: String
    public var dueOn: String
    public var owner: String?
    public var workID: Int64?
    public var isbn13: String?
    public var title: String?
    /// `open` or `done`.
    public var status: String
    public var doneAt: Int64?
    public var weblinkID: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: String = PublishingIDs.make("mst"), originKey: String? = nil, name: String, kind: String = "custom", dueOn: String, owner: String? = nil,
                workID: Int64? = nil, isbn13: String? = nil, title: String? = nil, status: String = "open", doneAt: Int64? = nil, weblinkID: Int64? = nil,
                createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.originKey = originKey
        self.name = name
        self.kind = kind
        self.dueOn = dueOn
        self.owner = owner
        self.workID = workID
        self.isbn13 = isbn13
        self.title = title
        self.status = status
        self.doneAt = doneAt
        self.weblinkID = weblinkID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// "Support keeps being asked about this title": the recurring-questions signal on a title, with the ticket count
/// in the window, links to the tickets and the top topics. One per title, refreshed in place.
public struct SupportSignal: Sendable, Equatable {
    public var id: String
    public var connection: String
    public var workID: Int64
    public var isbn13: String?
    public var title: String?
    public var ticketCount: Int
    public var windowDays: Int
    /// Ticket ids in the window, newest first.
    public var tickets: [Int64]
    public var topTopics: [String]
    /// All-time tickets tagged with the title, from the last support report.
    public var reportedTickets: Int?
    public var weblinkID: Int64?
    public var firstRecordedAt: Int64
    public var refreshedAt: Int64

    public init(id: String = PublishingIDs.make("sig"), connection: String, workID: Int64, isbn13: String?, title: String?, ticketCount: Int, windowDays: Int,
                tickets: [Int64], topTopics: [String], reportedTickets: Int? = nil, weblinkID: Int64? = nil, firstRecordedAt: Int64, refreshedAt: Int64) {
        self.id = id
        self.connection = connection
        self.workID = workID
        self.isbn13 = isbn13
        self.title = title
        self.ticketCount = ticketCount
        self.windowDays = windowDays
        self.tickets = tickets
        self.topTopics = topTopics
        self.reportedTickets = reportedTickets
        self.weblinkID = weblinkID
        self.firstRecordedAt = firstRecordedAt
        self.refreshedAt = refreshedAt
    }
}

/// A request for the rights or legal team to review a rights question (translation, territory, permission…)
/// and its decision. Consonance's API has no rights deals, so Switchboard keeps the request and links it to the
/// title.
public struct RightsReview: Sendable, Equatable {
    public var id: String
    public var originKey: String?
    /// `requested`, `approved`, `declined` or `question`.
    public var status: String
    public var question: String?
    public var rightType: String?
    public var territory: String?
    public var requestedBy: String?
    public var connection: String?
    public var ticketID: Int64?
    public var workID: Int64?
    public var isbn13: String?
    public var title: String?
    public var decisionNote: String?
    public var decidedBy: String?
    public var decidedAt: Int64?
    public var weblinkID: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    public static let decisions = ["approved", "declined", "question"]

    public init(id: String = PublishingIDs.make("rvw"), originKey: String? = nil, status: String = "requested", question: String? = nil, rightType: String? = nil,
                territory: String? = nil, requestedBy: String? = nil, connection: String? = nil, ticketID: Int64? = nil, workID: Int64? = nil,
                isbn13: String? = nil, title: String? = nil, decisionNote: String? = nil, decidedBy: String? = nil, decidedAt: Int64? = nil,
                weblinkID: Int64? = nil, createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.originKey = originKey
        self.status = status
        self.question = question
        self.rightType = rightType
        self.territory = territory
        self.requestedBy = requestedBy
        self.connection = connection
        self.ticketID = ticketID
        self.workID = workID
        self.isbn13 = isbn13
        self.title = title
        self.decisionNote = decisionNote
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.weblinkID = weblinkID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// A workflow exception Switchboard found in Consonance data (a missed approval, a delayed manuscript, a rights
/// conflict). `occurrence` counts how often it was raised: it is part of the events' ids, so an exception that
/// clears and comes back is news again.
public struct PublishingException: Sendable, Equatable {
    public var connection: String
    public var key: String
    public var kind: String
    public var workID: Int64?
    public var isbn13: String?
    public var title: String?
    public var summary: String
    public var details: String
    /// `open` or `cleared`.
    public var status: String
    public var occurrence: Int
    public var raisedAt: Int64
    public var clearedAt: Int64?

    public init(connection: String, key: String, kind: String, workID: Int64?, isbn13: String?, title: String?, summary: String, details: String,
                status: String = "open", occurrence: Int = 1, raisedAt: Int64, clearedAt: Int64? = nil) {
        self.connection = connection
        self.key = key
        self.kind = kind
        self.workID = workID
        self.isbn13 = isbn13
        self.title = title
        self.summary = summary
        self.details = details
        self.status = status
        self.occurrence = occurrence
        self.raisedAt = raisedAt
        self.clearedAt = clearedAt
    }
}

/// Ids for Switchboard-owned records: a short type prefix and a random part (`tsk_3f9c…`).
public enum PublishingIDs {
    public static func make(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }
}
