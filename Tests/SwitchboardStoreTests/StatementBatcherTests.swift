import Foundation
@testable import SwitchboardStore
import Synchronization
import Testing

/// Items submitted while a write runs go together into the next write, each caller gets the outcome of its own item,
/// and a batch that cannot be written whole is written one item at a time.
@Suite struct StatementBatcherTests {
    struct Refused: Error {}

    /// The batches a batcher wrote, in order.
    final class Writes: Sendable {
        private let batches = Mutex<[[Int]]>([])
        var all: [[Int]] { batches.withLock { $0 } }
        /// Record `items`; true for the first write.
        func record(_ items: [Int]) -> Bool { batches.withLock { $0.append(items); return $0.count == 1 } }
    }

    /// A batcher whose first write waits until `expected` items have been submitted, recording every batch it writes.
    /// Items below zero make any write that holds them fail.
    static func batcher(expected: Int, writes: Writes, maximumBatch: Int = 64, batchable: @escaping @Sendable ([Int]) -> Bool = { _ in true },
                        answer: @escaping @Sendable ([Int]) -> [String] = { $0.map { "outcome \($0)" } }) -> StatementBatcher<Int, String> {
        let held = Mutex<StatementBatcher<Int, String>?>(nil)
        let batcher = StatementBatcher<Int, String>(maximumBatch: maximumBatch, batchable: batchable) { items in
            let first = writes.record(items)
            if first { while (held.withLock { $0 })?.submitted ?? 0 < expected { try await Task.sleep(for: .milliseconds(1)) } }
            if items.contains(where: { $0 < 0 }) { throw Refused() }
            return answer(items)
        }
        held.withLock { $0 = batcher }
        return batcher
    }

    static func submitAll(_ batcher: StatementBatcher<Int, String>, _ items: [Int]) async -> [Int: Result<String, any Error>] {
        await withTaskGroup(of: (Int, Result<String, any Error>).self) { group in
            for item in items {
                group.addTask {
                    do { return (item, .success(try await batcher.submit(item))) } catch { return (item, .failure(error)) }
                }
            }
            return await group.reduce(into: [Int: Result<String, any Error>]()) { $0[$1.0] = $1.1 }
        }
    }

    @Test func itemsThatArriveDuringAWriteShareTheNextAndEachGetsItsOwnOutcome() async throws {
        let writes = Writes()
        let batcher = Self.batcher(expected: 20, writes: writes, maximumBatch: 8)
        let outcomes = await Self.submitAll(batcher, Array(1...20))
        for item in 1...20 { #expect(try outcomes[item]?.get() == "outcome \(item)") }
        let batches = writes.all
        #expect(batches.count <= 1 + 3, "one write at first, then the other items at most 8 at a time: \(batches)")
        #expect(batches.allSatisfy { $0.count <= 8 })
        #expect(batches.flatMap { $0 }.sorted() == Array(1...20), "every item written exactly once")
        #expect(batcher.waiting == 0 && batcher.submitted == 20)
    }

    @Test func aFailingBatchIsWrittenAgainOneItemAtATimeSoOnlyTheBadItemFails() async throws {
        let writes = Writes()
        let batcher = Self.batcher(expected: 4, writes: writes)
        let blocker = Task { try await batcher.submit(100) }
        while batcher.waiting == 0, writes.all.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        let outcomes = await Self.submitAll(batcher, [1, -2, 3])
        #expect(try await blocker.value == "outcome 100")
        #expect(try outcomes[1]?.get() == "outcome 1")
        #expect(try outcomes[3]?.get() == "outcome 3")
        guard case .failure(let error) = outcomes[-2] else { Issue.record("the bad item did not fail"); return }
        #expect(error is Refused)
        let batches = writes.all
        #expect(batches.count == 1 + 1 + 3, "the blocker, the failed batch, then each item alone: \(batches)")
        #expect(Set(batches.dropFirst(2)) == [[1], [-2], [3]])
    }

    @Test func itemsTheBatchRefusesToShareAreWrittenAlone() async throws {
        let writes = Writes()
        // Two items with the same key (here: the same number) must not share a write.
        let batcher = Self.batcher(expected: 4, writes: writes, batchable: { Set($0).count == $0.count })
        let blocker = Task { try await batcher.submit(100) }
        while batcher.waiting == 0, writes.all.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        async let first = batcher.submit(7)
        async let second = batcher.submit(7)
        async let third = batcher.submit(8)
        #expect(try await [first, second, third] == ["outcome 7", "outcome 7", "outcome 8"])
        _ = try await blocker.value
        let batches = writes.all
        #expect(batches.dropFirst().allSatisfy { $0.count == 1 }, "no write held two items once the batch was refused: \(batches)")
        #expect(batches.count == 4)
    }

    @Test func aWriteThatAnswersForTheWrongNumberOfItemsFailsItsCallersInsteadOfGuessing() async throws {
        let writes = Writes()
        let batcher = Self.batcher(expected: 1, writes: writes, answer: { _ in [] })
        await #expect(throws: BatchedWriteMismatch.self) { try await batcher.submit(1) }
    }
}
