import ConnectorKit
import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

@Suite struct ConnectionTests {
    let box = SecretBox(masterKey: try! MasterKey(bytes: Array(repeating: 3, count: 32), source: "test"))

    @Test func connectVerifiesStoresEncryptedAndDisconnectPurges() async throws {
        try await withTransport() { transport in
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 20)) { _, baseURL in
                try await TestDatabase.sqlite.withStore { store in
                    let connections = ZendeskConnections(store: store, secrets: box)
                    await #expect {
                        try await connections.connect(name: "default", baseURL: baseURL, credentials: .apiToken(email: "someone.else@example.com", token: "sandbox-token"),
                                                      settings: .init(), transport: transport)
                    } throws: { error in
                        let text = String(describing: error)
                        return text.contains("the email must be that user's email") && text.contains("Nothing was stored") && !text.contains("sandbox-token")
                    }
                    #expect(try await store.session { try await $0.connections() }.isEmpty)

                    let user = try await connections.connect(name: "default", baseURL: baseURL, credentials: MirrorSyncTests.credentials,
                                                             settings: .init(includeComments: false), transport: transport)
                    #expect(user.role == "admin")
                    let loaded = try await connections.load(name: "default")
                    #expect(loaded.credentials == MirrorSyncTests.credentials)
                    #expect(loaded.settings.includeComments == false)
                    let sealed = try #require(try await store.session { try await $0.sealedSecret(name: loaded.record.secretName) })
                    #expect(!sealed.contains("sandbox-token"))

                    _ = try await ZendeskMirrorSync(store: store, configuration: MirrorSyncTests.configuration(baseURL), transport: transport, connection: "default").run()
                    #expect(try await connections.disconnect(name: "default", purge: false))
                    #expect(try await store.session { try await $0.mirrorStats(connection: "default") }.tickets == 20)
                    await #expect(throws: MirrorSyncError.self) { _ = try await connections.load(name: "default") }
                    #expect(try await store.session { try await $0.sealedSecret(name: loaded.record.secretName) } == nil)
                    _ = try await connections.disconnect(name: "default", purge: true)
                    try await store.session { try await $0.purgeMirror(connection: "default") }
                    #expect(try await store.session { try await $0.mirrorStats(connection: "default") }.tickets == 0)
                }
            }
        }
    }
}
