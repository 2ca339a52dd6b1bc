import Foundation
import Testing
@testable import Sandbox

/// The Zendesk sandbox tells its change observer (webhooks, triggers) about every ticket change. Reading the observer
/// must not change it: a function value kept directly in the generic `Locked` came back wrapped in two more
/// conversion thunks on every read, so each change called through a longer chain than the one before (the sandbox
/// slowed down without bound under a long benchmark, and would eventually have overflowed its stack).
@Suite struct TicketChangeObserverTests {
    /// How deep the stack is where the observer runs: the address of a local, which moves down as frames are added.
    @inline(never)
    static func stackAddress() -> UInt {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    @Test func theObserverIsCalledAtTheSameDepthAfterThousandsOfChanges() throws {
        let store = ZendeskStore(layout: DatasetLayout(configuration: .init(seed: 7, ticketCount: 20)), clock: { Date() })
        let depths = Locked<[UInt]>([])
        let changes = Locked(0)
        store.observeTicketChanges { batch in
            changes.withLock { $0 += batch.count }
            depths.withLock { $0.append(Self.stackAddress()) }
        }
        func addNote(_ text: String, to ticket: Int64) throws(MutationError) {
            _ = try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.updateTicket(ticket, changes: TicketChanges(comment: CommentInput(body: text, isPublic: false)), base: base, actorID: 1, via: .api, now: now)
            }
        }
        // The generated tickets that take a note (closed ones refuse updates).
        let open = (1...20).map(Int64.init).filter { (try? addNote("first", to: $0)) != nil }
        try #require(!open.isEmpty)
        depths.withLock { $0.removeAll() }
        let comments = 2_000
        for index in 0..<comments { try addNote("note \(index)", to: open[index % open.count]) }
        let seen = depths.withLock { $0 }
        #expect(seen.count == comments)
        #expect(changes.withLock { $0 } >= comments)
        // Same call path each time, so the same depth; the old chain added two frames per change (thousands of bytes
        // after a few hundred changes).
        let first = try #require(seen.first), last = try #require(seen.last)
        #expect(first == last, "the observer ran \(Int(first) - Int(last)) bytes deeper after \(comments) changes")
    }
}
