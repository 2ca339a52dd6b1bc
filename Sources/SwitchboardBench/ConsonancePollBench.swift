import ConnectorKit
import ConsonanceKit
import Foundation
import Logging
import Sandbox
import Synchronization
import SwitchboardEngine
import SwitchboardStore
#if canImport(Glibc)
import Glibc
#endif

/// `consonance-poll`: how fast a Consonance poll diffs a ~50,000-product catalogue, against a plain `JSONDecoder`
/// decode of the same pages into ConsonanceKit's models.
///
/// Setup (reported, not measured as a figure): an in-process Consonance sandbox generates the catalogue; every page
/// of works is fetched once over HTTP with the real client and its body kept; 1 % of the products then get a moved
/// publication date inside Consonance and the changed works are fetched again with `changedSince`. The sandbox is
/// then stopped. Each measured phase runs the real `ConsonancePoller.poll()` against a transport that replays the
/// captured bodies by their `after` variable, into one SQLite file (`synchronous=FULL`) with no flows:
///
/// - `diff_import`: the first pass (backfill) into an empty snapshot;
/// - `diff_unchanged`: the same pages again; every work is compared and nothing changed (the replay ignores
///   `changedSince`, so this is the whole catalogue over-reported as "probably changed");
/// - `diff_changed`: the pages with the moved dates; exactly one `product.pub_date_changed` per moved date.
///
/// No contract is watched (`discoverContracts: false`, no contract ids), so the contract phase of each poll is
/// empty; `seconds` is the works walk (first request to last page committed), `poll_seconds` the whole pass,
/// including the dates phase. The reference decode runs before and after the polls; ratios use its mean.
struct ConsonancePollBench {
    let options: BenchOptions

    static let bench = "consonance-poll"
    static let connection = "bench"
    static let changeTypes: Set<String> = ["product.pub_date_changed", "product.status_changed", "work.stage_changed", "rights.changed"]

    func run() async throws {
        let works = options.int("works", default: 15_500)
        let pageSize = options.int("page-size", default: 100)
        let seed = UInt64(options.int("seed", default: 7))
        let changes = options.int("changes", default: -1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-consonance-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }

        note("generating \(works) works and fetching every page from the sandbox (setup)…")
        let (catalogue, setup) = try await CapturedCatalogue.capture(seed: seed, works: works, pageSize: pageSize, changes: changes < 0 ? nil : changes,
                                                                      into: directory.appendingPathComponent("pages"))
        Self.releaseFreedMemory()
        emit(["bench": Self.bench, "phase": "setup", "works": catalogue.works, "products": catalogue.products, "pages": catalogue.walk.count,
              "page_size": pageSize, "captured_mb": rounded(Double(catalogue.bytes) / 1_048_576), "changes": catalogue.changes,
              "changed_works": catalogue.changedWorks, "changed_pages": catalogue.changedPages,
              "sandbox_generate_seconds": rounded(setup.generateSeconds, 2), "sandbox_fetch_seconds": rounded(setup.fetchSeconds, 2),
              "sandbox_fetch_products_per_s": rounded(Double(catalogue.products) / max(setup.fetchSeconds, 0.000_001)),
              "sandbox_changed_fetch_seconds": rounded(setup.changeFetchSeconds, 2),
              "rss_mb": rounded(Double(MemorySampler.residentBytes()) / 1_048_576)])

        let sampler = MemorySampler()
        let reference = try await decodeReference(catalogue, sampler: sampler)
        emit(reference.line("decode_reference"))

        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("bench.db").path))
        var polls: [PollFigures] = []
        do {
            polls.append(try await poll("diff_import", catalogue, changed: false, store: store, sampler: sampler, expectBackfill: true, expectChanges: 0))
            polls.append(try await poll("diff_unchanged", catalogue, changed: false, store: store, sampler: sampler, expectBackfill: false, expectChanges: 0))
            polls.append(try await poll("diff_changed", catalogue, changed: true, store: store, sampler: sampler, expectBackfill: false, expectChanges: catalogue.changes))
        } catch {
            await store.close()
            throw error
        }
        await store.close()

        let repeated = try await decodeReference(catalogue, sampler: sampler)
        let decodeRate = (reference.productsPerSecond + repeated.productsPerSecond) / 2
        for figures in polls { emit(figures.line(vs: decodeRate)) }
        emit(repeated.line("decode_reference_repeat"))

        var summary: [String: Any] = ["bench": Self.bench, "phase": "ratio", "products": catalogue.products, "decode_products_per_s": rounded(decodeRate)]
        for figures in polls {
            let name = figures.phase.replacingOccurrences(of: "diff_", with: "")
            summary["\(name)_products_per_s"] = rounded(figures.productsPerSecond)
            summary["\(name)_vs_decode"] = rounded(figures.productsPerSecond / decodeRate, 3)
            summary["\(name)_peak_rss_mb"] = rounded(Double(figures.peak) / 1_048_576)
        }
        emit(summary)
    }

    // MARK: Reference

    /// `{"data": {"works": [ConsonanceWork]}}`: the page as a plain `JSONDecoder` reads it into the client's models.
    struct WorksPageEnvelope: Decodable {
        struct Payload: Decodable { var works: [ConsonanceWork] }
        var data: Payload
    }

    struct DecodeFigures {
        var works = 0
        var products = 0
        var seconds = 0.0
        var peak = 0
        var productsPerSecond: Double { Double(products) / max(seconds, 0.000_001) }

        func line(_ phase: String) -> [String: Any] {
            ["bench": ConsonancePollBench.bench, "phase": phase, "works": works, "products": products, "seconds": rounded(seconds, 3),
             "products_per_s": rounded(productsPerSecond), "peak_rss_mb": rounded(Double(peak) / 1_048_576)]
        }
    }

    /// Read every captured page (from the same files the replay serves) and decode it with `JSONDecoder`.
    private func decodeReference(_ catalogue: CapturedCatalogue, sampler: MemorySampler) async throws -> DecodeFigures {
        Self.releaseFreedMemory()
        let (figures, peak) = try await sampler.measure { () async throws -> DecodeFigures in
            var figures = DecodeFigures()
            let started = ContinuousClock.now
            for file in catalogue.files(changed: false) {
                let page = try JSONDecoder().decode(WorksPageEnvelope.self, from: Data(contentsOf: file))
                figures.works += page.data.works.count
                figures.products += page.data.works.reduce(0) { $0 + $1.products.count }
            }
            figures.seconds = (ContinuousClock.now - started).seconds
            return figures
        }
        guard figures.products == catalogue.products else {
            throw BenchError("the reference decode read \(figures.products) products; \(catalogue.products) were captured")
        }
        var result = figures
        result.peak = peak
        return result
    }

    // MARK: Polls

    struct PollFigures {
        var phase: String
        var summary: ConsonancePollSummary
        var walkSeconds: Double
        var pollSeconds: Double
        var peak: Int
        var rssBefore: Int
        var requests: Int
        var changedSinceSent: Bool
        var changeEvents: Int
        var productsPerSecond: Double { Double(summary.products) / max(walkSeconds, 0.000_001) }

        func line(vs decodeRate: Double) -> [String: Any] {
            ["bench": ConsonancePollBench.bench, "phase": phase, "backfill": summary.backfill, "pages": summary.pages, "works": summary.works,
             "products": summary.products, "seconds": rounded(walkSeconds, 3), "poll_seconds": rounded(pollSeconds, 3),
             "products_per_s": rounded(productsPerSecond), "works_per_s": rounded(Double(summary.works) / max(walkSeconds, 0.000_001)),
             "events": summary.events, "change_events": changeEvents, "event_types": summary.eventTypes, "contracts": summary.contracts,
             "contract_phase": "empty (discover_contracts false, no contract ids)", "replayed_requests": requests,
             "changed_since_sent": changedSinceSent, "rss_before_mb": rounded(Double(rssBefore) / 1_048_576),
             "peak_rss_mb": rounded(Double(peak) / 1_048_576), "vs_decode": rounded(productsPerSecond / decodeRate, 3)]
        }
    }

    /// When the last page of a poll was committed.
    final class LastPage: Sendable {
        private let instant = Mutex<ContinuousClock.Instant?>(nil)
        func mark() { instant.withLock { $0 = .now } }
        var value: ContinuousClock.Instant? { instant.withLock { $0 } }
    }

    /// One real `ConsonancePoller.poll()` over the replayed pages.
    private func poll(_ phase: String, _ catalogue: CapturedCatalogue, changed: Bool, store: Store, sampler: MemorySampler,
                      expectBackfill: Bool, expectChanges: Int) async throws -> PollFigures {
        note("\(phase)…")
        let replay = WorksReplayTransport(files: changed ? catalogue.changed : catalogue.original)
        let client = ConsonanceClient(configuration: ConsonanceConfiguration(host: catalogue.host, apiKey: ConsonanceSandboxConfiguration.defaultAPIKey, requestTimeout: .seconds(600)),
                                      transport: replay)
        var logger = Logger(label: "switchboard.bench.consonance")
        logger.logLevel = .warning
        let poller = ConsonancePoller(store: store, client: client, connection: Self.connection, host: catalogue.host,
                                      settings: ConsonanceConnectionSettings(contractIDs: [], discoverContracts: false),
                                      runtime: FlowRuntime(store: store, flows: FlowRegistry([])), logger: logger)
        let lastPage = LastPage()
        Self.releaseFreedMemory()
        let rssBefore = MemorySampler.residentBytes()
        let ((summary, started, finished), peak) = try await sampler.measure {
            let started = ContinuousClock.now
            let summary = try await poller.poll { _ in lastPage.mark() }
            return (summary, started, ContinuousClock.now)
        }
        let changeEvents = summary.eventTypes.filter { Self.changeTypes.contains($0.key) }.values.reduce(0, +)
        guard summary.backfill == expectBackfill, summary.products == catalogue.products, summary.works == catalogue.works, summary.quarantined == 0,
              changeEvents == expectChanges, summary.eventTypes["product.pub_date_changed", default: 0] == expectChanges else {
            throw BenchError("\(phase): expected \(catalogue.products) products and \(expectChanges) change events (backfill \(expectBackfill)), got \(summary)")
        }
        let stored = try await store.session { try await $0.catalogueCounts(connection: Self.connection) }
        guard stored.works == catalogue.works, stored.products == catalogue.products else {
            throw BenchError("\(phase): the snapshot holds \(stored.works) works and \(stored.products) products; \(catalogue.works) and \(catalogue.products) were polled")
        }
        let statistics = replay.statistics
        return PollFigures(phase: phase, summary: summary, walkSeconds: ((lastPage.value ?? finished) - started).seconds, pollSeconds: (finished - started).seconds,
                           peak: peak, rssBefore: rssBefore, requests: statistics.requests, changedSinceSent: statistics.withChangedSince > 0,
                           changeEvents: changeEvents)
    }

    // MARK: Helpers

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("consonance-poll: \(text)\n".utf8))
    }

    /// Hand freed heap back to the kernel before a phase, so its peak RSS is not what the setup or an earlier phase left behind.
    static func releaseFreedMemory() {
        #if canImport(Glibc)
        // glibc's malloc_trim, which the Glibc module map does not export.
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        #endif
    }
}
