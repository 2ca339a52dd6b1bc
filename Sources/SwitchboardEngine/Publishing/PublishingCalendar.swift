import Crypto
import Foundation
import SwitchboardCore
import SwitchboardStore

/// The iCalendar feed of publishing dates Switchboard knows: milestones (from Consonance's contract and
/// publication dates, and Switchboard's own), tasks with a due date, and rights reviews (on the day requested).
/// Calendar applications cannot send a bearer token, so the feed URL carries a token derived from the admin token.
public struct PublishingCalendar: Sendable {
    public let store: Store
    public let publicURL: String

    public init(store: Store, publicURL: String) {
        self.store = store
        self.publicURL = publicURL
    }

    /// The token that opens `/calendar/publishing.ics`: a digest of the admin token, so it can be given to a calendar
    /// without giving the admin token away. Changing the admin token changes it.
    public static func feedToken(adminToken: String) -> String {
        SHA256.hash(data: Data("switchboard-calendar:\(adminToken)".utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    public func feed(now: Date = Date()) async throws -> ICalendarFeed {
        let (milestones, tasks, reviews) = try await store.session { session in
            (try await session.milestones(), try await session.datedTasks(), try await session.rightsReviews(limit: 1000))
        }
        var entries: [ICalendarFeed.Entry] = []
        for milestone in milestones {
            let title = milestone.title.map { " — \($0)" } ?? ""
            entries.append(.init(uid: "milestone-\(milestone.id)@switchboard", summary: "\(milestone.status == "done" ? "✓ " : "")\(milestone.name)\(title)",
                                 date: milestone.dueOn,
                                 description: ["Milestone (\(milestone.kind)), \(milestone.status)", milestone.owner.map { "Owner: \($0)" }, milestone.isbn13.map { "ISBN \($0)" }]
                                    .compactMap { $0 }.joined(separator: "\n"),
                                 url: "\(publicURL)/api/milestones/\(milestone.id)", categories: ["Milestone", milestone.kind],
                                 lastModified: Date(timeIntervalSince1970: TimeInterval(milestone.updatedAt))))
        }
        for task in tasks {
            guard let due = task.dueOn else { continue }
            entries.append(.init(uid: "task-\(task.id)@switchboard", summary: "\(task.status == "done" ? "✓ " : "")Task: \(task.title)", date: due,
                                 description: ["Status: \(task.status)", task.owner.map { "Owner: \($0)" }, task.details].compactMap { $0 }.joined(separator: "\n"),
                                 url: "\(publicURL)/api/tasks/\(task.id)", categories: ["Task"], lastModified: Date(timeIntervalSince1970: TimeInterval(task.updatedAt))))
        }
        for review in reviews {
            let day = PublishingRules.isoDay(Date(timeIntervalSince1970: TimeInterval(review.createdAt)))
            entries.append(.init(uid: "review-\(review.id)@switchboard", summary: "Rights review (\(review.status)): \(review.title ?? review.question ?? review.id)", date: day,
                                 description: [review.question, review.decisionNote.map { "Decision: \($0)" }].compactMap { $0 }.joined(separator: "\n"),
                                 url: "\(publicURL)/api/rights-reviews/\(review.id)", categories: ["Rights review"],
                                 lastModified: Date(timeIntervalSince1970: TimeInterval(review.updatedAt))))
        }
        return ICalendarFeed(name: "Switchboard publishing", entries: entries)
    }
}
