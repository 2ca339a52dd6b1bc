import Foundation
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// `switchboard connect whatsapp` and `switchboard disconnect whatsapp`, run as real processes: the secrets are
/// stored encrypted, never printed, and come from flags, standard input or the environment.
@Suite struct WhatsAppCLITests {
    static let token = "EAAGwaTokenThatMustNeverBePrinted0123456789"
    static let appSecret = "app-secret-that-must-never-be-printed"
    static let verifyToken = "verify-token-that-must-never-be-printed"

    @Test func connectStoresTheSecretsEncryptedAndNeverPrintsThem() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let connected = try await home.run(["connect", "whatsapp", "--phone-number-id", "106540352242922", "--token", Self.token,
                                            "--app-secret", Self.appSecret, "--verify-token", Self.verifyToken, "--waba-id", "102290129340398",
                                            "--opt-out-keywords", "STOPP, ARRÊT", "--messages-per-second", "20"])
        #expect(connected.succeeded, "\(connected.stderr)")
        #expect(connected.stdout.contains("Connected \"whatsapp\" to the WhatsApp Cloud API at https://graph.facebook.com (v23.0, phone number id 106540352242922)."))
        #expect(connected.stdout.contains("/webhooks/whatsapp/whatsapp"))

        let viaEnvironment = try await home.run(["connect", "whatsapp", "--name", "second-line", "--phone-number-id", "2", "--token", "-",
                                                 "--base-url", "http://127.0.0.1:9/", "--api-version", "21.0"],
                                                environment: ["SWITCHBOARD_WHATSAPP_APP_SECRET": Self.appSecret, "SWITCHBOARD_WHATSAPP_VERIFY_TOKEN": Self.verifyToken],
                                                input: Self.token + "\n")
        #expect(viaEnvironment.succeeded, "\(viaEnvironment.stderr)")
        #expect(viaEnvironment.stdout.contains("at http://127.0.0.1:9 (v21.0, phone number id 2)"))

        let missing = try await home.run(["connect", "whatsapp", "--phone-number-id", "3", "--token", Self.token, "--verify-token", Self.verifyToken])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("the app secret with --app-secret or $SWITCHBOARD_WHATSAPP_APP_SECRET"), "\(missing.stderr)")

        for result in [connected, viaEnvironment, missing] {
            for secret in [Self.token, Self.appSecret, Self.verifyToken] {
                #expect(!(result.stdout + result.stderr).contains(secret), "a secret was printed")
            }
        }
        for secret in [Self.token, Self.appSecret, Self.verifyToken] {
            #expect(try home.databaseBytesContain(secret) == false, "a secret is stored in clear")
        }
        let connections = try await home.connections()
        #expect(connections.filter { $0.kind == "whatsapp" }.map(\.name).sorted() == ["second-line", "whatsapp"])

        let removed = try await home.run(["disconnect", "whatsapp"])
        #expect(removed.succeeded, "\(removed.stderr)")
        #expect(removed.stdout.contains("Removed the stored token and secrets of \"whatsapp\""))
        let again = try await home.run(["disconnect", "whatsapp"])
        #expect(again.stdout.contains("There is no WhatsApp connection named \"whatsapp\""))
        #expect(try await home.connections().map(\.name) == ["second-line"])
    }
}
