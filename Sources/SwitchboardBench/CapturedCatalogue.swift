import ConnectorKit
import ConsonanceKit
import Foundation
import Sandbox

/// A Consonance catalogue captured once from the sandbox over HTTP, spooled to files, in two versions: as first
/// fetched, and with `changes` products' (1 % of them by default) publication dates moved inside Consonance (the affected works re-fetched
/// with `changedSince` and spliced into their pages).
///
/// Capturing is setup, not a figure: GraphQLSwift resolves nested selections slowly, so serving 50,000 products
/// over HTTP for every measured phase would measure the sandbox rather than Switchboard.
struct CapturedCatalogue {
    /// Every `after` of the walk in order (`nil` first), ending with the `after` whose answer is the empty page.
    var walk: [Int?]
    var original: [Int?: URL]
    var changed: [Int?: URL]
    var directory: URL
    /// The sandbox's address while it ran (the poller stores it in the snapshot's links).
    var host: String
    var works = 0
    var products = 0
    var rejected = 0
    var bytes = 0
    /// Products whose publication date was moved in the changed version.
    var changes = 0
    var changedWorks = 0
    var changedPages = 0

    struct Setup {
        var generateSeconds = 0.0
        var fetchSeconds = 0.0
        var changeFetchSeconds = 0.0
    }

    /// Generate the sandbox, fetch every page of works once with the real client, move `changes` publication dates,
    /// re-fetch the changed works, and stop the sandbox. The sandbox is gone when this returns.
    static func capture(seed: UInt64, works workCount: Int, pageSize: Int, changes wanted: Int?, into directory: URL) async throws -> (CapturedCatalogue, Setup) {
        var setup = Setup()
        let generating = ContinuousClock.now
        let sandbox = ConsonanceSandbox(configuration: ConsonanceSandboxConfiguration(seed: seed, workCount: workCount, pageSize: pageSize))
        setup.generateSeconds = (ContinuousClock.now - generating).seconds
        let baseURL = "http://127.0.0.1:\(try await sandbox.start())"
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(600))
        do {
            let result = try await capture(sandbox, baseURL: baseURL, transport: transport, changes: wanted, into: directory, setup: &setup)
            try await transport.shutdown()
            await sandbox.stop()
            return (result, setup)
        } catch {
            try? await transport.shutdown()
            await sandbox.stop()
            throw error
        }
    }

    private static func capture(_ sandbox: ConsonanceSandbox, baseURL: String, transport: AsyncHTTPTransport, changes wanted: Int?, into directory: URL,
                                setup: inout Setup) async throws -> CapturedCatalogue {
        let configuration = ConsonanceConfiguration(host: baseURL, apiKey: ConsonanceSandboxConfiguration.defaultAPIKey, requestTimeout: .seconds(600))
        let recorder = WorksPageRecorder(base: transport)
        var catalogue = CapturedCatalogue(walk: [nil], original: [:], changed: [:], directory: directory, host: baseURL)

        // Every page of works, through the real client, keeping the raw bodies.
        let fetching = ContinuousClock.now
        for try await page in ConsonanceClient(configuration: configuration, transport: recorder).allWorks(changedSince: nil) {
            catalogue.works += page.records.count
            catalogue.products += page.records.reduce(0) { $0 + $1.products.count }
            catalogue.rejected += page.rejected.count
            catalogue.walk.append(page.lastID)
        }
        setup.fetchSeconds = (ContinuousClock.now - fetching).seconds
        let bodies = recorder.captured
        let truth = sandbox.products()
        guard catalogue.products == truth.count, catalogue.rejected == 0, catalogue.walk.allSatisfy({ bodies[$0] != nil }) else {
            throw BenchError("captured \(catalogue.products) products (\(catalogue.rejected) rejected, \(bodies.count) of \(catalogue.walk.count) pages); the sandbox holds \(truth.count)")
        }

        // Move publication dates inside Consonance, spread evenly over the catalogue, clear of the due-soon window.
        let candidates = truth.filter { $0.publicationDate != nil }
        let count = min(wanted ?? catalogue.products / 100, candidates.count)
        let today = sandbox.today
        var changedWorkIDs = Set<Int>()
        if count > 0 {
            for index in 0..<count {
                let product = candidates[index * candidates.count / count]
                var moved = product.publicationDate!.adding(days: 45)
                if (-40...15).contains(moved.days(since: today)) { moved = today.adding(days: 60) }
                try sandbox.setPublicationDate(productID: product.id, moved)
                changedWorkIDs.insert(product.workID)
            }
        }
        catalogue.changes = count

        // The changed works as Consonance reports them (`changedSince` today), fetched raw with the real client.
        let fetchingChanges = ContinuousClock.now
        let client = ConsonanceClient(configuration: configuration, transport: transport)
        var fresh: [Int: JSONValue] = [:]
        var after: Int?
        while count > 0 {
            var variables: [String: JSONValue] = ["changedSince": .string(today.description)]
            if let after { variables["after"] = .number(Double(after)) }
            guard case .array(let works)? = try await client.execute(ConsonanceDocuments.worksPage, variables: variables)["works"], !works.isEmpty else { break }
            for work in works { if let id = work["id"]?.int64Value { fresh[Int(id)] = work } }
            after = works.compactMap { $0["id"]?.int64Value.map(Int.init) }.max()
        }
        setup.changeFetchSeconds = (ContinuousClock.now - fetchingChanges).seconds
        guard Set(fresh.keys) == changedWorkIDs else {
            throw BenchError("changedSince returned \(fresh.count) works; \(changedWorkIDs.count) were changed")
        }
        catalogue.changedWorks = fresh.count

        // Spool both versions; a page without changed works is shared.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (index, pageAfter) in catalogue.walk.enumerated() {
            let body = bodies[pageAfter]!
            let file = directory.appendingPathComponent(String(format: "works-%05d.json", index))
            try Data(body).write(to: file)
            catalogue.original[pageAfter] = file
            catalogue.bytes += body.count
            catalogue.changed[pageAfter] = file
            guard !fresh.isEmpty, case .array(let works)? = try JSONDecoder().decode(JSONValue.self, from: Data(body))["data"]?["works"],
                  works.contains(where: { $0["id"]?.int64Value.map { fresh[Int($0)] != nil } ?? false }) else { continue }
            let patched = works.map { work in work["id"]?.int64Value.flatMap { fresh[Int($0)] } ?? work }
            let changedFile = directory.appendingPathComponent(String(format: "works-%05d-changed.json", index))
            try Data(JSONValue.object(["data": .object(["works": .array(patched)])]).jsonText.utf8).write(to: changedFile)
            catalogue.changed[pageAfter] = changedFile
            catalogue.changedPages += 1
        }
        return catalogue
    }

    /// The page files of one version in walk order.
    func files(changed: Bool) -> [URL] {
        walk.map { (changed ? self.changed : original)[$0]! }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
