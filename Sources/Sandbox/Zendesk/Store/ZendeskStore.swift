import Foundation

/// Owns the sandbox's mutable data: the overlay on top of the generated dataset, recorded idempotent responses and
/// the tag-count cache. Reads take an O(1) snapshot; mutations run briefly under a lock.
///
/// After each mutation the ticket changes it made are passed to the change observer (webhooks and triggers),
/// outside the lock and before the caller gets its result.
final class ZendeskStore: Sendable {
    let base: BaseDataset
    private let state: Locked<State>
    private let clock: @Sendable () -> Date
    private let observer = Locked<TicketChangeObserver?>(nil)

    /// The change observer, boxed. A bare function value stored in the generic `Locked` is kept in its most general
    /// form; every `withLock { $0 }` hands it to the closure as an `inout` of the concrete function type and writes it
    /// back, wrapping it in two more conversion thunks each time. Read once per mutation, the chain grew by two calls
    /// per ticket change: after 20,000 comments each change went through 40,000 nested calls (the sandbox's CPU time
    /// grew without bound, and a long run would have overflowed the stack).
    private final class TicketChangeObserver: Sendable {
        let notify: @Sendable ([TicketChange]) -> Void
        init(_ notify: @escaping @Sendable ([TicketChange]) -> Void) { self.notify = notify }
    }

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

    /// Sets the function told about ticket changes after each mutation.
    func observeTicketChanges(_ observer: @escaping @Sendable ([TicketChange]) -> Void) {
        self.observer.withLock { $0 = TicketChangeObserver(observer) }
    }

    /// Runs one mutation atomically, stamped with the clock's current second.
    func mutate<Success>(
        _ body: (inout DataOverlay, BaseDataset, Int64) throws(MutationError) -> Success
    ) throws(MutationError) -> Success {
        let now = self.now
        var changes: [TicketChange] = []
        let result = state.withLock { (state: inout State) -> Result<Success, MutationError> in
            defer { changes = state.overlay.takeUnannouncedChanges() }
            do throws(MutationError) {
                return .success(try body(&state.overlay, base, now))
            } catch {
                return .failure(error)
            }
        }
        announce(changes)
        return try result.get()
    }

    private func announce(_ changes: [TicketChange]) {
        guard !changes.isEmpty, let observer = observer.withLock({ $0 }) else { return }
        observer.notify(changes)
    }

    /// Creates a ticket unless `idempotencyKey` was seen before, in which case the first response is returned
    /// (`hit == true`). The lookup and the creation happen under one lock, so concurrent retries create one ticket.
    func createTicket(
        idempotencyKey: String?, input: NewTicketInput, actorID: Int64, via: ViaChannel,
        render: (TicketChangeResult) -> RecordedResponse
    ) throws(MutationError) -> (response: RecordedResponse, hit: Bool) {
        let now = self.now
        var changes: [TicketChange] = []
        let outcome = state.withLock { (state: inout State) -> Result<(RecordedResponse, Bool), MutationError> in
            defer { changes = state.overlay.takeUnannouncedChanges() }
            if let key = idempotencyKey, let recorded = state.idempotentResponses[key] { return .success((recorded, true)) }
            do throws(MutationError) {
                let result = try state.overlay.createTicket(input, base: base, actorID: actorID, via: via, now: now)
                let response = render(result)
                if let key = idempotencyKey { state.idempotentResponses[key] = response }
                return .success((response, false))
            } catch {
                return .failure(error)
            }
        }
        announce(changes)
        return try outcome.get()
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
