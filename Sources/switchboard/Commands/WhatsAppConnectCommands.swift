import ArgumentParser
import Foundation
import SwitchboardEngine
import SwitchboardStore
import WhatsAppKit

/// `switchboard connect whatsapp`: store a business number's Cloud API credentials and webhook secrets, encrypted.
struct ConnectWhatsApp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatsapp",
        abstract: "Store a WhatsApp business number's access token, app secret and verify token (encrypted).",
        discussion: """
            From Meta's app dashboard: --phone-number-id is the id of the business number (WhatsApp → API Setup), not its
            digits; --token a system-user access token; --app-secret is App settings → Basic → App secret (it signs
            every webhook); --verify-token is any text you also enter as "Verify token" when setting the callback URL
            https://<your switchboard>/webhooks/whatsapp/<name>.
            Secrets can come from the environment instead of flags: $SWITCHBOARD_WHATSAPP_TOKEN,
            $SWITCHBOARD_WHATSAPP_APP_SECRET, $SWITCHBOARD_WHATSAPP_VERIFY_TOKEN; "-" reads the token from standard input.
            Nothing is sent to Meta when connecting; a wrong token shows up as a 401 on the first send.
            Connecting again keeps the stored settings except those given.
            """
    )

    @Option(help: ArgumentHelp("The business number's phone number id.", valueName: "id")) var phoneNumberId: String
    @Option(help: ArgumentHelp("The access token, or - to read it from standard input.", valueName: "token")) var token: String?
    @Option(help: ArgumentHelp("The app secret that signs webhooks.", valueName: "secret")) var appSecret: String?
    @Option(help: ArgumentHelp("The verify token of the webhook subscription handshake.", valueName: "text")) var verifyToken: String?
    @Option(help: "Graph API address (a sandbox's http://127.0.0.1:PORT for tests).") var baseUrl = WhatsAppConfiguration.defaultBaseURL
    @Option(help: "Graph API version.") var apiVersion = GraphAPIVersion.default.rawValue
    @Option(help: ArgumentHelp("The WhatsApp Business Account id (for template management).", valueName: "id")) var wabaId: String?
    @Option(help: "A name for this connection (names are shared with the other connectors).") var name = WhatsAppConnections.defaultName
    @Option(help: ArgumentHelp("Extra opt-out keywords besides STOP and UNSUBSCRIBE, comma-separated.", valueName: "words")) var optOutKeywords: String?
    @Option(help: ArgumentHelp("Treat the 24-hour window as closed this many seconds early (default 600).", valueName: "seconds")) var windowMargin: Int64?
    @Option(help: ArgumentHelp("Messages per second for this number (default 80).", valueName: "n")) var messagesPerSecond: Int?
    @Option(help: ArgumentHelp("Seconds between two messages to the same person (default 6).", valueName: "seconds")) var pairSpacing: Double?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let windowMargin, !(0...86_400).contains(windowMargin) { throw ValidationError("--window-margin must be between 0 and 86400 seconds") }
        if let messagesPerSecond, !(1...1000).contains(messagesPerSecond) { throw ValidationError("--messages-per-second must be between 1 and 1000") }
        if let pairSpacing, !(0...3600).contains(pairSpacing) { throw ValidationError("--pair-spacing must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var accessToken = token ?? environment["SWITCHBOARD_WHATSAPP_TOKEN"]
        if accessToken == "-" { accessToken = readLine(strippingNewline: true) }
        let secrets = (
            token: try Self.required(accessToken, "the access token with --token TOKEN, --token - (standard input) or $SWITCHBOARD_WHATSAPP_TOKEN"),
            appSecret: try Self.required(appSecret ?? environment["SWITCHBOARD_WHATSAPP_APP_SECRET"], "the app secret with --app-secret or $SWITCHBOARD_WHATSAPP_APP_SECRET"),
            verifyToken: try Self.required(verifyToken ?? environment["SWITCHBOARD_WHATSAPP_VERIFY_TOKEN"], "the verify token with --verify-token or $SWITCHBOARD_WHATSAPP_VERIFY_TOKEN")
        )
        try await store.withStore { store in
            let box = try self.store.secretBox()
            let connections = WhatsAppConnections(store: store, secrets: box)
            var settings = (try? await connections.load(name: name))?.settings ?? WhatsAppConnectionSettings()
            if let optOutKeywords {
                settings.optOutKeywords = optOutKeywords.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            if let windowMargin { settings.windowSafetyMarginSeconds = windowMargin }
            if let messagesPerSecond { settings.messagesPerSecond = messagesPerSecond }
            if let pairSpacing { settings.pairSpacingSeconds = pairSpacing }
            try await connections.connect(name: name, baseURL: baseUrl, apiVersion: GraphAPIVersion(apiVersion), phoneNumberID: phoneNumberId, wabaID: wabaId,
                                          accessToken: secrets.token, appSecret: secrets.appSecret, verifyToken: secrets.verifyToken, settings: settings)
            let stored = try await connections.load(name: name)
            Output.line("Connected \"\(name)\" to the WhatsApp Cloud API at \(stored.baseURL) (\(stored.apiVersion), phone number id \(stored.phoneNumberID)).")
            Output.line("The access token, app secret and verify token are stored encrypted in \(store.location) (master key: \(box.masterKey.source)).")
            Output.line("Next: in Meta's app dashboard set the callback URL to <your public address>/webhooks/whatsapp/\(name), enter the same verify token, and subscribe to \"messages\".")
        }
    }

    static func required(_ value: String?, _ what: String) throws -> String {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { throw ValidationError("give \(what)") }
        return value
    }
}

/// `switchboard disconnect whatsapp`: forget a business number's secrets (message history and contacts are kept).
struct DisconnectWhatsApp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whatsapp", abstract: "Remove a WhatsApp connection's stored token and secrets.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The connection to remove.") var name = WhatsAppConnections.defaultName

    func run() async throws {
        try await store.withStore { store in
            guard try await WhatsAppConnections(store: store, secrets: try self.store.secretBox()).disconnect(name: name) else {
                Output.line("There is no WhatsApp connection named \"\(name)\"; nothing to remove.")
                return
            }
            Output.line("Removed the stored token and secrets of \"\(name)\". Webhooks to /webhooks/whatsapp/\(name) are now refused; message history and contacts are kept.")
            Output.line("The token still works at Meta. To revoke it: Business Settings → Users → System users → the user → Revoke tokens.")
        }
    }
}
