import Foundation

/// What a mirror of one ticket should hold.
public struct SandboxTicketSummary: Sendable, Equatable {
    public var id: Int64
    public var updatedAt: Date
    /// Includes `deleted` for deleted tickets.
    public var status: String
    public var subject: String
    public var commentCount: Int
    public var tags: [String]
    public var requesterID: Int64
    public var assigneeID: Int64?
    public var organizationID: Int64?
}

/// What a mirror of one user should hold.
public struct SandboxUserSummary: Sendable, Equatable {
    public var id: Int64
    public var updatedAt: Date
    public var name: String
    public var email: String?
    public var role: String
    public var organizationID: Int64?
}

/// What a mirror of one organization should hold.
public struct SandboxOrganizationSummary: Sendable, Equatable {
    public var id: Int64
    public var updatedAt: Date
    public var name: String
    public var isDeleted: Bool
}

/// One comment as the sandbox holds it.
public struct SandboxCommentSummary: Sendable, Equatable {
    public var id: Int64
    public var ticketID: Int64
    public var authorID: Int64
    public var body: String
    public var isPublic: Bool
    public var createdAt: Date
}

/// Ground truth for tests: everything the sandbox holds, for equality checks against a synced mirror. O(N).
extension ZendeskSandbox {
    /// Every ticket in id order, deleted ones included (status `deleted`).
    public func ticketSummaries() -> [SandboxTicketSummary] {
        let snapshot = services.store.snapshot()
        var summaries: [SandboxTicketSummary] = []
        summaries.reserveCapacity(Int(snapshot.overlay.nextTicketID))
        snapshot.forEachTicket { ticket in
            summaries.append(SandboxTicketSummary(
                id: ticket.id, updatedAt: UTCTimestamp.date(ticket.updatedAt), status: ticket.status,
                subject: ticket.subject, commentCount: snapshot.commentCount(ofTicket: ticket.id), tags: ticket.tags,
                requesterID: ticket.requesterID, assigneeID: ticket.assigneeID, organizationID: ticket.organizationID))
        }
        return summaries
    }

    /// Ids of the tickets that are neither closed nor deleted: the ones a comment can still be added to.
    public var openTicketIDs: [Int64] {
        ticketSummaries().filter { $0.status != "closed" && $0.status != "deleted" }.map(\.id)
    }

    /// Every user in id order.
    public func userSummaries() -> [SandboxUserSummary] {
        let snapshot = services.store.snapshot()
        return snapshot.userIDs.ids(after: nil, limit: .max).compactMap { id in
            snapshot.user(id).map {
                SandboxUserSummary(id: $0.id, updatedAt: UTCTimestamp.date($0.updatedAt), name: $0.name,
                                   email: $0.email, role: $0.role, organizationID: $0.organizationID)
            }
        }
    }

    /// Every organization in id order, deleted ones included.
    public func organizationSummaries() -> [SandboxOrganizationSummary] {
        let snapshot = services.store.snapshot()
        let all = DenseIDSpace(firstID: snapshot.organizationIDs.firstID, lastID: snapshot.organizationIDs.lastID,
                               removed: [])
        return all.ids(after: nil, limit: .max).compactMap { id in
            snapshot.organizationIncludingDeleted(id).map {
                SandboxOrganizationSummary(id: $0.id, updatedAt: UTCTimestamp.date($0.updatedAt), name: $0.name,
                                           isDeleted: $0.deletedAt != nil)
            }
        }
    }

    /// Total number of comments on all tickets, deleted tickets included (their audits stay in `ticket_events`).
    public func commentCount() -> Int {
        let snapshot = services.store.snapshot()
        var total = 0
        var id: Int64 = 1
        while id < snapshot.overlay.nextTicketID {
            total += snapshot.commentCount(ofTicket: id)
            id += 1
        }
        return total
    }

    /// Comments of a live ticket, oldest first.
    public func comments(ticketID: Int64) -> [SandboxCommentSummary]? {
        services.store.snapshot().comments(ofTicket: ticketID)?.map {
            SandboxCommentSummary(id: $0.id, ticketID: $0.ticketID, authorID: $0.authorID, body: $0.body,
                                  isPublic: $0.isPublic, createdAt: UTCTimestamp.date($0.createdAt))
        }
    }

    /// Distinct tags of live tickets.
    public func distinctTags() -> Set<String> {
        Set(services.store.tagCounts().map(\.name))
    }

    /// Number of live (not deleted) tickets.
    public var liveTicketCount: Int { services.store.snapshot().ticketIDs.count }

    /// The admin's user id (the first agent).
    public var adminUserID: Int64 { DatasetLayout.userIDBase + 1 }
}
