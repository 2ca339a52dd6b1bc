import Foundation
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct SecretTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sb-key-\(UUID().uuidString)").appendingPathComponent(name).path
    }

    @Test func keyFileIsCreatedPrivateAndReusedOnTheNextRun() throws {
        let path = temporaryPath("master.key")
        let first = try MasterKey.load(environment: [:], keyFile: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let second = try MasterKey.load(environment: [:], keyFile: path)
        #expect(first.id == second.id)
        #expect(first.source == path)
    }

    @Test func keyFileReadableByOthersIsRefused() throws {
        let path = temporaryPath("master.key")
        _ = try MasterKey.load(environment: [:], keyFile: path)
        chmod(path, 0o644)
        #expect {
            try MasterKey.load(environment: [:], keyFile: path)
        } throws: { error in
            String(describing: error).contains("chmod 600")
        }
    }

    @Test func environmentKeyWinsInBase64OrHex() throws {
        let hex = String(repeating: "ab", count: 32)
        let base64 = Data(repeating: 0xab, count: 32).base64EncodedString()
        let fromHex = try MasterKey.load(environment: [MasterKey.environmentVariable: hex], keyFile: "/nonexistent/key")
        let fromBase64 = try MasterKey.load(environment: [MasterKey.environmentVariable: base64], keyFile: "/nonexistent/key")
        #expect(fromHex.id == fromBase64.id)
        #expect(fromHex.source == "$SWITCHBOARD_MASTER_KEY")
        #expect(throws: StoreError.self) { try MasterKey.load(environment: [MasterKey.environmentVariable: "short"], keyFile: "/nonexistent/key") }
    }

    @Test(arguments: TestDatabase.available)
    func secretsAreSealedAtRestAndOpenOnlyWithTheRightKeyAndName(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        let box = SecretBox(masterKey: try MasterKey(bytes: Array(repeating: 7, count: 32), source: "test"))
        let token = Array("zd-token-SECRET-value".utf8)
        try await store.session { try await $0.saveSecret(token, name: "connection/zendesk/default", box: box) }

        let sealed = try #require(try await store.session { try await $0.sealedSecret(name: "connection/zendesk/default") })
        #expect(!sealed.contains("SECRET"))
        #expect(!(Data(base64Encoded: sealed).map { String(decoding: $0, as: UTF8.self) } ?? "").contains("SECRET"))
        #expect(try await store.session { try await $0.loadSecret(name: "connection/zendesk/default", box: box) } == token)

        let otherKey = SecretBox(masterKey: try MasterKey(bytes: Array(repeating: 8, count: 32), source: "other"))
        await #expect {
            _ = try await store.session { try await $0.loadSecret(name: "connection/zendesk/default", box: otherKey) }
        } throws: { error in
            String(describing: error).contains("was encrypted with master key")
        }
        #expect(throws: StoreError.self) { try box.open(sealed, name: "connection/zendesk/other", keyID: box.masterKey.id) }
        }
    }
}
