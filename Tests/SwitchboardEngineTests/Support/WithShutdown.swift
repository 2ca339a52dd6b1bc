/// A test harness that owns running things (sandboxes, a node, a transport, a store) and must take them all down:
/// a transport left running aborts the test process, a node left running keeps its port and its database.
protocol ShutsDown: Sendable {
    func shutdown() async
}

/// Run `body` with `harness`, then shut the harness down whether `body` returned or threw — the one place the
/// harnesses' `with` functions get that guarantee from.
func withShutdown<Harness: ShutsDown, T>(_ harness: Harness, _ body: (Harness) async throws -> T) async throws -> T {
    do {
        let result = try await body(harness)
        await harness.shutdown()
        return result
    } catch {
        await harness.shutdown()
        throw error
    }
}
