import Foundation
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct MirrorWriterTests {
    func ticket(_ id: Int64, version: Int64, subject: String = "s", tags: [String] = [], organization: Int64? = nil) -> MirrorTicket {
        MirrorTicket(id: id, subject: subject, status: "open", organizationID: organization, tags: tags, createdAt: 1, updatedAt: version, version: version)
    }

    @Test(arguments: TestDatabase.available)
    func newerReplacesOlderIsIgnoredAndSameSecondChangesStillLand(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        let first = try await store.transaction { try await $0.upsertTickets([self.ticket(1, version: 100, tags: ["a", "b"]), self.ticket(2, version: 100)], connection: "z", now: 1) }
        #expect(first.inserted == [1, 2])
        let newer = try await store.transaction { try await $0.upsertTickets([self.ticket(1, version: 200, subject: "new", tags: ["b", "c"])], connection: "z", now: 2) }
        #expect(newer.updated == [1])
        let older = try await store.transaction { try await $0.upsertTickets([self.ticket(1, version: 150, subject: "stale", tags: ["x"])], connection: "z", now: 3) }
        #expect(older.written == 0)
        #expect(older.unchanged == 1)
        let sameSecond = try await store.transaction { try await $0.upsertTickets([self.ticket(1, version: 200, subject: "newest", tags: ["b", "c"])], connection: "z", now: 4) }
        #expect(sameSecond.updated == [1])
        let identical = try await store.transaction { try await $0.upsertTickets([self.ticket(1, version: 200, subject: "newest", tags: ["b", "c"])], connection: "z", now: 5) }
        #expect(identical.written == 0)

        let stored = try #require(try await store.session { try await $0.ticket(connection: "z", id: 1) })
        #expect(stored.subject == "newest")
        #expect(stored.tags == ["b", "c"])
        #expect(try await store.session { try await $0.distinctTags(connection: "z") } == ["b", "c"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func duplicatesWithinOnePageKeepTheNewestAndLargePagesAreChunked(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        var page = (1...4_000).map { ticket(Int64($0), version: 10, tags: ["t\($0 % 7)"]) }
        page.append(ticket(5, version: 11, subject: "later copy"))
        page.append(ticket(5, version: 9, subject: "earlier copy"))
        let fullPage = page
        let outcome = try await store.transaction { try await $0.upsertTickets(fullPage, connection: "z", now: 1) }
        #expect(outcome.inserted.count == 4_000)
        let stats = try await store.session { try await $0.mirrorStats(connection: "z") }
        #expect(stats.tickets == 4_000)
        #expect(stats.tags == 7)
        #expect(try await store.session { try await $0.ticket(connection: "z", id: 5) }?.subject == "later copy")
        }
    }

    @Test(arguments: TestDatabase.available)
    func commentsUsersOrganizationsAndStatsAreKeptPerConnection(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        try await store.transaction { session in
            _ = try await session.upsertComments([MirrorComment(id: 10, ticketID: 1, authorID: 5, body: "hello", isPublic: true, createdAt: 1),
                                                  MirrorComment(id: 11, ticketID: 1, authorID: 6, body: "internal", isPublic: false, createdAt: 2),
                                                  MirrorComment(id: 11, ticketID: 1, authorID: 6, body: "internal", isPublic: false, createdAt: 2)], connection: "z", now: 1)
            _ = try await session.upsertUsers([MirrorUser(id: 5, name: "Ann", email: "Ann@Larkspur.example", role: "end-user", organizationID: 9, tags: ["vip"], version: 1)], connection: "z", now: 1)
            _ = try await session.upsertOrganizations([MirrorOrganization(id: 9, name: "Larkspur Press", domainNames: ["Larkspur.example"], tags: ["b2b"], version: 1)], connection: "z", now: 1)
            _ = try await session.upsertTickets([self.ticket(1, version: 1)], connection: "other", now: 1)
            _ = try await session.upsertTickets([self.ticket(2, version: 1, tags: ["t1", "t2"]), self.ticket(3, version: 1, tags: ["t2", "gone"])], connection: "z", now: 1)
            _ = try await session.upsertTickets([MirrorTicket(id: 3, status: "deleted", tags: ["t2", "gone"], version: 2)], connection: "z", now: 2)
        }
        let stats = try await store.session { try await $0.mirrorStats(connection: "z") }
        #expect(stats == MirrorStats(tickets: 2, comments: 2, users: 1, organizations: 1, tags: 2))
        let comments = try await store.session { try await $0.comments(connection: "z", ticketID: 1) }
        #expect(comments.map(\.isPublic) == [true, false])
        #expect(try await store.session { try await $0.commentCounts(connection: "z") } == [1: 2])
        let all = try await store.session { try await $0.mirrorStats() }
        #expect(all.tickets == 3)
        try await store.session { try await $0.purgeMirror(connection: "z") }
        #expect(try await store.session { try await $0.mirrorStats(connection: "z") } == MirrorStats(tickets: 0, comments: 0, users: 0, organizations: 0, tags: 0))
        }
    }

    @Test(arguments: TestDatabase.available)
    func quarantineCountsRepeatsAndReleases(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        let record = QuarantinedRecord(stream: "tickets", recordKey: "42", reason: "missing id", payload: "{}", firstSeen: 1, lastSeen: 1)
        try await store.session { try await $0.quarantine([record], connection: "z") }
        try await store.session { try await $0.quarantine([record], connection: "z") }
        let held = try await store.session { try await $0.quarantined(connection: "z") }
        #expect(held.count == 1)
        #expect(held.first?.occurrences == 2)
        try await store.session { try await $0.releaseFromQuarantine(stream: "tickets", keys: ["42"], connection: "z") }
        #expect(try await store.session { try await $0.quarantined(connection: "z") }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func cursorsAccumulateRecordsAndSyncRunsAreRecorded(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        try await store.session { session in
            try await session.saveCursor(connection: "z", stream: "tickets", state: #"{"cursor":"a"}"#, addRecords: 10, now: 1)
            try await session.saveCursor(connection: "z", stream: "tickets", state: #"{"cursor":"b"}"#, addRecords: 5, now: 2)
            try await session.startSyncRun(id: "r1", connection: "z", now: 1)
            try await session.startSyncRun(id: "r2", connection: "z", now: 2)
            try await session.finishSyncRun(id: "r2", outcome: "succeeded", summary: "{}", now: 3)
        }
        let cursor = try await store.session { try await $0.cursor(connection: "z", stream: "tickets") }
        #expect(cursor?.state == #"{"cursor":"b"}"#)
        #expect(cursor?.records == 15)
        let runs = try await store.session { try await $0.syncRuns(connection: "z") }
        #expect(runs.map(\.outcome) == ["succeeded", "interrupted"])
        }
    }
}
