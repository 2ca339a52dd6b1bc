import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import Synchronization

/// First steps rendered on this node when their event was accepted, kept until the job is leased here.
///
/// Why: on SQLite every transaction runs on the one connection's thread, one after another, so the work done
/// inside the lease's transaction — reading the run's event back, parsing its JSON, building the template context,
/// rendering the step and writing its input as JSON — holds up every webhook and every step waiting to commit. The
/// webhook's own task has the event in hand already; it renders the first step there (off that thread) and leaves
/// the result here. A lease that finds its job here skips all of that; one that does not (another node accepted
/// the event, this node restarted, a later step, a retry, an entry evicted) prepares the job from the store as
/// before, with the same result. On PostgreSQL it saves the lease's reads of runs and events.
///
/// Bounded: beyond ``capacity`` entries the oldest are dropped (they are only a shortcut).
public final class FirstStepCache: Sendable {
    /// A first step, decided and rendered from its event exactly as leasing would from the stored event.
    public struct Entry: Sendable {
        public var flow: String
        public var eventConnection: String?
        /// Nil when the step's `if:` does not hold.
        public var input: JSONValue?
        /// `input` as JSON text (empty when there is none).
        public var inputText: String
    }

    public let capacity: Int
    private let state = Mutex(State())

    private struct State {
        var entries: [String: Entry] = [:]
        /// Job ids in the order they were put, from `head` on; ids already taken are skipped when evicting and
        /// dropped when the list is compacted.
        var order: [String] = []
        var head = 0
    }

    public init(capacity: Int = 8_192) {
        self.capacity = max(1, capacity)
    }

    /// The entry for the first step of `run`, decided and rendered from `event` as it is stored.
    static func entry(for flow: Flow, event record: EventRecord) -> Entry {
        let input = PreparedJob.input(of: flow.steps[0], context: PreparedJob.templateContext(event: record, outputs: [:]))
        return Entry(flow: flow.name, eventConnection: record.connection, input: input, inputText: input?.jsonText ?? "")
    }

    func put(jobID: String, _ entry: Entry) {
        state.withLock { state in
            state.entries[jobID] = entry
            state.order.append(jobID)
            while state.entries.count > capacity, state.head < state.order.count {
                state.entries[state.order[state.head]] = nil
                state.head += 1
            }
            // Drop the ids already taken (or evicted) once they make up most of the list: amortised O(1) per put.
            if state.order.count - state.head > 2 * capacity || state.head > capacity {
                let live = state.order[state.head...].filter { state.entries[$0] != nil }
                state.order = Array(live)
                state.head = 0
            }
        }
    }

    /// Remove and return the entry for `jobID`.
    func take(jobID: String) -> Entry? {
        state.withLock { $0.entries.removeValue(forKey: jobID) }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Ids remembered for eviction order, taken or not (bounded; for tests).
    var trackedIDs: Int { state.withLock { $0.order.count - $0.head } }
}
