import ArgumentParser
import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardEngine
import SwitchboardStore

/// What the publishing-record commands share: the store, the flows that react to record events (so completing a
/// task from the command line starts the same runs the admin API would), and the public URL for links.
struct PublishingOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var flows: FlowFolderOption
    @Flag(help: "Print JSON on standard output.") var json = false
    @Option(help: ArgumentHelp("Switchboard's public address, for links to records (default: $SWITCHBOARD_PUBLIC_URL or http://127.0.0.1:8080).", valueName: "url"))
    var publicURL: String?

    /// Run `body` with the records service; events from the change start flows in --flows (queued for serve), and new
    /// records about a title are linked from it in Consonance when a Consonance connection exists.
    func withRecords<T>(_ body: (Store, PublishingRecords) async throws -> T) async throws -> T {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        return try await store.withStore { store in
            let registry = try flows.registry(home: self.store.paths.home)
            let pool = ConsonanceClientPool(store: store, secrets: try? self.store.secretBox(), transport: transport)
            let linker = await pool.hasConnections() ? TitleLinker(consonance: pool) : nil
            return try await body(store, PublishingRecords(store: store, runtime: FlowRuntime(store: store, flows: registry),
                                                           publicURL: PublicAddress.resolve(publicURL), linker: linker))
        }
    }

    func print(_ value: JSONValue) {
        Output.line(value.jsonText)
    }
}

/// A date given on the command line: `YYYY-MM-DD`.
func validatedDay(_ text: String?, option: String) throws -> String? {
    guard let text else { return nil }
    guard PublishingRules.date(text) != nil else { throw ValidationError("\(option) must be a date YYYY-MM-DD, got \"\(text)\"") }
    return text
}
