import Foundation

/// Owns the sandbox's mutable data: the overlay on top of the generated dataset, recorded idempotent responses and
/// the tag-count cache. Reads take an O(1) snapshot; mutations run briefly under a lock.
final class ZendeskStore: Sendable {
    let base: BaseDataset
    private let state: Locked<State>
    private let clock: @Sendable () -> Date

    private struct State: Sendable {
        var overlay: DataOverlay
        var idempotentResponses: [String: RecordedResponse] = [:]
        var tagCounts: (version: Int, counts: [TagCount])?
    }

    init(layout: DatasetLayout, clock: @escaping @Sendable () -> Date) {
        base = BaseDataset(layout: layout)
        state = Locked(State(overlay: DataOverlay(layout: layout)))
        self.clock = clock
    }

    /// Current time in Unix seconds, from the injected clock.
    var now: Int64 { UTCTimestamp.seconds(clock()) }

    /// The data as it is now.
    func snapshot() -> ZendeskSnapshot {
        state.withLock { ZendeskSnapshot(base: base, overlay: $0.overlay) }
    }

    /// Runs one mutation atomically, stamped with the clock's current second.
    func mutate<Result>(
        _ body: (inout DataOverlay, BaseDataset, Int64) throws(MutationError) -> Result
    ) throws(MutationError) -> Result {
        let now = self.now
        return try state.withLock { (state: inout State) throws(MutationError) -> Result in
            try body(&state.overlay, base, now)
        }
    }

    /// Creates a ticket unless `idempotencyKey` was seen before, in which case the first response is returned
    /// (`hit == true`). The lookup and the creation happen under one lock, so concurrent retries create one ticket.
    func createTicket(
        idempotencyKey: String?, input: NewTicketInput, actorID: Int64, via: ViaChannel,
        render: (TicketChangeResult) -> RecordedResponse
    ) throws(MutationError) -> (response: RecordedResponse, hit: Bool) {
        let now = self.now
        return try state.withLock { (state: inout State) throws(MutationError) -> (RecordedResponse, Bool) in
            if let key = idempotencyKey, let recorded = state.idempotentResponses[key] { return (recorded, true) }
            let result = try state.overlay.createTicket(input, base: base, actorID: actorID, via: via, now: now)
            let response = render(result)
            if let key = idempotencyKey { state.idempotentResponses[key] = response }
            return (response, false)
        }
    }

    /// Tag usage over all live tickets, most used first; computed once per data version.
    func tagCounts() -> [TagCount] {
        let (snapshot, cached) = state.withLock { state in
            (ZendeskSnapshot(base: base, overlay: state.overlay), state.tagCounts)
        }
        if let cached, cached.version == snapshot.overlay.version { return cached.counts }
        var counts: [String: Int] = [:]
        snapshot.forEachTicket { ticket in
            guard !ticket.isDeleted else { return }
            for tag in ticket.tags { counts[tag, default: 0] += 1 }
        }
        let sorted = counts.map { TagCount(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        state.withLock { state in
            if state.overlay.version == snapshot.overlay.version { state.tagCounts = (snapshot.overlay.version, sorted) }
        }
        return sorted
    }
}

/// A tag and the number of live tickets that carry it.
struct TagCount: Sendable, Equatable {
    var name: String
    var count: Int
}

/// A complete response kept for `Idempotency-Key` replays.
struct RecordedResponse: Sendable {
    var status: Int
    var location: String?
    var body: [UInt8]
}

extension ZendeskSnapshot {
    /// Visits every ticket in id order, deleted ones included, one at a time (O(N) time, O(1) memory).
    func forEachTicket(_ body: (TicketRecord) -> Void) {
        var id: Int64 = 1
        while id < overlay.nextTicketID {
            if let ticket = ticketIncludingDeleted(id) { body(ticket) }
            id += 1
        }
    }
}
