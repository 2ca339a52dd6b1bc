/// The arithmetic skeleton of the generated dataset: how many records of each kind exist, their id ranges, and the
/// time at which each one was last changed.
///
/// Base tickets live in consecutive time slots (`T0 + i·SLOT`, comments `GAP` apart), so every base record's timestamp
/// is a cheap pure function of its index and strictly increases with it. Exports therefore find their starting point by
/// binary search instead of scanning, and nothing but mutations is ever stored.
struct DatasetLayout: Sendable {
    /// 2020-01-01T00:00:00Z.
    static let t0: Int64 = 1_577_836_800

    static let userIDBase: Int64 = 360_000_000_000
    static let organizationIDBase: Int64 = 370_000_000_000
    static let commentIDBase: Int64 = 380_000_000_000
    static let createdCommentIDBase: Int64 = 385_000_000_000
    static let auditIDBase: Int64 = 390_000_000_000
    static let createdAuditIDBase: Int64 = 395_000_000_000
    static let childEventIDBase: Int64 = 400_000_000_000
    static let createdChildEventIDBase: Int64 = 450_000_000_000
    static let groupIDs: [Int64] = [350_000_000_001, 350_000_000_002, 350_000_000_003]
    static let brandID: Int64 = 340_000_000_001
    static let ticketFormID: Int64 = 341_000_000_001
    static let customRoleID: Int64 = 342_000_000_001
    static let formatFieldID: Int64 = 360_001
    static let isbnFieldID: Int64 = 360_002
    static let giftFieldID: Int64 = 360_003

    let seed: UInt64
    let ticketCount: Int
    let commentsPerTicket: ClosedRange<Int>
    let agentCount: Int
    let endUserCount: Int
    let organizationCount: Int
    let adminEmail: String
    /// Seconds between consecutive base tickets.
    let slot: Int64
    /// Seconds between consecutive comments of one base ticket.
    let gap: Int64
    /// Seconds between consecutive base users' `updated_at`.
    let userSlot: Int64
    /// Seconds between consecutive base organizations' `updated_at`.
    let organizationSlot: Int64

    init(configuration: ZendeskSandboxConfiguration) {
        let tickets = max(0, configuration.ticketCount)
        seed = configuration.seed
        ticketCount = tickets
        let low = min(9, max(1, configuration.commentsPerTicket.lowerBound))
        let high = min(9, max(low, configuration.commentsPerTicket.upperBound))
        commentsPerTicket = low...high
        agentCount = max(1, configuration.agentCount ?? max(3, tickets / 2000))
        endUserCount = max(1, configuration.endUserCount ?? max(10, tickets / 4))
        organizationCount = max(1, configuration.organizationCount ?? max(5, tickets / 40))
        adminEmail = configuration.adminEmail
        slot = Int64(max(10, min(600, 150_000_000 / max(1, tickets))))
        gap = max(1, slot / 10)
        let users = agentCount + endUserCount
        userSlot = Int64(max(1, min(600, 300_000_000 / users)))
        organizationSlot = Int64(max(1, min(3600, 100_000_000 / organizationCount)))
    }

    var userCount: Int { agentCount + endUserCount }

    // MARK: Tickets

    /// Comment count of base ticket `index` (the first draw of the ticket's generator, so it is cheap).
    func commentCount(ticket index: Int) -> Int {
        var random = SplitMix64(seed: seed, stream: RecordStream.ticket, index: UInt64(index))
        return random.within(commentsPerTicket)
    }

    func commentTime(ticket index: Int, comment k: Int) -> Int64 {
        DatasetLayout.t0 + Int64(index) * slot + Int64(k) * gap
    }

    /// `updated_at` / `generated_timestamp` of base ticket `index`: the time of its last comment.
    func ticketUpdatedAt(_ index: Int) -> Int64 {
        commentTime(ticket: index, comment: commentCount(ticket: index) - 1)
    }

    /// Smallest ticket index whose `updated_at` is at least `seconds` (or `ticketCount + 1`).
    func firstTicket(updatedAtOrAfter seconds: Int64) -> Int {
        var low = 1
        var high = ticketCount + 1
        while low < high {
            let middle = (low + high) / 2
            if ticketUpdatedAt(middle) < seconds { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: Users and organizations

    func userID(_ index: Int) -> Int64 { DatasetLayout.userIDBase + Int64(index) }
    func organizationID(_ index: Int) -> Int64 { DatasetLayout.organizationIDBase + Int64(index) }

    /// Index of a base user id, if it is one.
    func userIndex(_ id: Int64) -> Int? {
        let index = id - DatasetLayout.userIDBase
        return index >= 1 && index <= Int64(userCount) ? Int(index) : nil
    }

    func organizationIndex(_ id: Int64) -> Int? {
        let index = id - DatasetLayout.organizationIDBase
        return index >= 1 && index <= Int64(organizationCount) ? Int(index) : nil
    }

    /// Base users end one day before T0, one `userSlot` apart.
    func userUpdatedAt(_ index: Int) -> Int64 {
        DatasetLayout.t0 - 86_400 - Int64(userCount + 1 - index) * userSlot
    }

    /// Base organizations end before the first base user.
    func organizationUpdatedAt(_ index: Int) -> Int64 {
        userUpdatedAt(1) - 86_400 - Int64(organizationCount + 1 - index) * organizationSlot
    }

    func firstUser(updatedAtOrAfter seconds: Int64) -> Int {
        let offset = seconds - userUpdatedAt(1)
        if offset <= 0 { return 1 }
        return min(userCount + 1, 1 + Int((offset + userSlot - 1) / userSlot))
    }

    func firstOrganization(updatedAtOrAfter seconds: Int64) -> Int {
        let offset = seconds - organizationUpdatedAt(1)
        if offset <= 0 { return 1 }
        return min(organizationCount + 1, 1 + Int((offset + organizationSlot - 1) / organizationSlot))
    }

    // MARK: Ids of generated events

    func commentID(ticket index: Int, comment k: Int) -> Int64 {
        DatasetLayout.commentIDBase + Int64(index) * 10 + Int64(k)
    }

    func auditID(ticket index: Int, comment k: Int) -> Int64 {
        DatasetLayout.auditIDBase + Int64(index) * 10 + Int64(k)
    }

    func childEventID(ticket index: Int, comment k: Int, position: Int) -> Int64 {
        DatasetLayout.childEventIDBase + (Int64(index) * 10 + Int64(k)) * 16 + Int64(position)
    }
}

/// Separate random streams per record kind, so adding a draw to one kind never shifts another.
enum RecordStream {
    static let ticket: UInt64 = 1
    static let comment: UInt64 = 2
    static let user: UInt64 = 3
    static let organization: UInt64 = 4
}
