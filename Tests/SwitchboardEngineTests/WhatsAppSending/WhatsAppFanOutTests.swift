import Foundation
import Synchronization
@testable import SwitchboardEngine
import Testing

/// ``WhatsAppFanOut/inOrder(_:overlap:_:)``, the bounded overlap under a fan-out step: results come back in the
/// recipients' order whatever order the work finishes in, no more than `overlap` run at once, and the first error
/// stops new work while the work already running finishes before the error is thrown.
@Suite struct WhatsAppFanOutTests {
    /// Counts work running at once and the highest count seen.
    final class Gauge: Sendable {
        private let state = Mutex((running: 0, highest: 0, started: [Int](), finished: [Int]()))
        func start(_ index: Int) { state.withLock { $0.running += 1; $0.highest = max($0.highest, $0.running); $0.started.append(index) } }
        func finish(_ index: Int) { state.withLock { $0.running -= 1; $0.finished.append(index) } }
        var highest: Int { state.withLock { $0.highest } }
        var started: [Int] { state.withLock { $0.started } }
        var finished: [Int] { state.withLock { $0.finished } }
    }

    struct Refused: Error, Equatable { var index: Int }

    @Test func resultsComeBackInOrderWithNoMoreThanTheOverlapRunning() async throws {
        let gauge = Gauge()
        // Earlier items take longer (30 ms steps, so a loaded machine's scheduling cannot reorder them), so they
        // finish out of order.
        let results = try await WhatsAppFanOut.inOrder(6, overlap: 3) { index in
            gauge.start(index)
            try await Task.sleep(for: .milliseconds(30 * (6 - index)))
            gauge.finish(index)
            return "r\(index)"
        }
        #expect(results == (0..<6).map { "r\($0)" })
        #expect(gauge.highest == 3)
        #expect(gauge.finished != gauge.finished.sorted(), "the work should have finished out of order for this test to mean anything")
    }

    @Test func anOverlapOfOneRunsTheWorkOneAfterAnother() async throws {
        let gauge = Gauge()
        _ = try await WhatsAppFanOut.inOrder(6, overlap: 1) { index in
            gauge.start(index)
            try await Task.sleep(for: .milliseconds(6 - index))
            gauge.finish(index)
            return index
        }
        #expect(gauge.highest == 1)
        #expect(gauge.started == Array(0..<6))
        #expect(gauge.finished == Array(0..<6))
    }

    @Test func theFirstErrorStopsNewWorkAndWaitsForTheWorkRunning() async throws {
        let gauge = Gauge()
        await #expect(throws: Refused(index: 2)) {
            _ = try await WhatsAppFanOut.inOrder(20, overlap: 4) { index in
                gauge.start(index)
                if index == 2 { throw Refused(index: 2) }
                try await Task.sleep(for: .milliseconds(index < 4 ? 40 : 1))
                gauge.finish(index)
                return index
            }
        }
        // 0…3 started together; 2 failed at once, so nothing after it started; 0, 1 and 3 ran to the end.
        #expect(gauge.started.sorted() == [0, 1, 2, 3])
        #expect(gauge.finished.sorted() == [0, 1, 3])
    }

    @Test func noWorkGivesNoResults() async throws {
        let results = try await WhatsAppFanOut.inOrder(0, overlap: 4) { index -> Int in Issue.record("no work should run"); return index }
        #expect(results.isEmpty)
    }
}
