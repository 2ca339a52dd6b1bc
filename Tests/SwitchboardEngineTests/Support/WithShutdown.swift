import ConnectorKit

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

/// Run `body` with an HTTP transport of its own, shut down whether `body` returned or threw: a test that fails
/// between making a transport and shutting it down would otherwise drop a running client, and AsyncHTTPClient's
/// assertion would take the whole test process — every other test's result with it — down.
func withTransport<T>(defaultTimeout: Duration = .seconds(60), _ body: (AsyncHTTPTransport) async throws -> T) async throws -> T {
    let transport = AsyncHTTPTransport(defaultTimeout: defaultTimeout)
    do {
        let result = try await body(transport)
        try await transport.shutdown()
        return result
    } catch {
        try? await transport.shutdown()
        throw error
    }
}
