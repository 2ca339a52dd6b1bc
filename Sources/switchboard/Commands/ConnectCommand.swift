import ArgumentParser
import ConnectorKit
import Foundation
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `switchboard connect zendesk`: verify credentials and store them encrypted.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "connect", abstract: "Connect Switchboard to a remote system.", subcommands: [ConnectZendesk.self, ConnectConsonance.self, ConnectWhatsApp.self])
}

struct ConnectZendesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zendesk",
        abstract: "Verify a Zendesk admin's API token and store it (encrypted) for syncs, or set up connecting through OAuth.",
        discussion: """
            Create the token in Zendesk: Admin Center → Apps and integrations → APIs → Zendesk API → Settings: enable
            Token Access, then Add API token. The email must be the email of the admin who created the token.

            OAuth instead: register an OAuth client in Zendesk (Admin Center → Apps and integrations → APIs → Zendesk API →
            OAuth Clients) with the redirect URL PUBLIC_URL/connect/zendesk/callback, then run this command with
            --oauth-client-id and --oauth-client-secret, and open the printed address in a browser while switchboard serve
            runs. See docs/zendesk-oauth.md.
            """
    )

    @OptionGroup var account: ZendeskAccountOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "A name for this connection, if you connect more than one Zendesk account.") var name = "default"
    @Flag(inversion: .prefixedNo, help: "Import ticket comments (internal notes and public replies). Turn off to keep only ticket metadata.")
    var comments = true
    @Flag(name: .customLong("profile-sync"), inversion: .prefixedNo, help: "Push profile changes made by other sources to this account's users (docs/profiles-zendesk-sync.md).")
    var profileSync = true
    @Option(help: ArgumentHelp("Unique identifier of the Zendesk OAuth client: store it (with its secret) for connecting through the browser instead of with an API token.", valueName: "id"))
    var oauthClientId: String?
    @Option(help: ArgumentHelp("Secret of that OAuth client; '-' reads it from standard input (default: $SWITCHBOARD_ZENDESK_OAUTH_CLIENT_SECRET).", valueName: "secret"))
    var oauthClientSecret: String?
    @Option(help: ArgumentHelp("The public address of switchboard serve, for the printed links (default: $SWITCHBOARD_PUBLIC_URL, else http://127.0.0.1:8080).", valueName: "url"))
    var publicURL: String?

    func run() async throws {
        if let oauthClientId { return try await storeOAuthClient(oauthClientId) }
        guard oauthClientSecret == nil else { throw ValidationError("--oauth-client-secret goes with --oauth-client-id") }
        let baseURL = try account.baseURL()
        let credentials = try account.credentials()
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        try await store.withStore { store in
            let box = try self.store.secretBox()
            let user = try await ZendeskConnections(store: store, secrets: box).connect(
                name: name, baseURL: baseURL, credentials: credentials, settings: ZendeskConnectionSettings(includeComments: comments, profileSync: profileSync), transport: transport)
            Output.line("Connected \"\(name)\" to \(baseURL) as \(user.name ?? "?") <\(user.email ?? credentials.principal)> (\(user.role ?? "?")).")
            Output.line("The token is stored encrypted in \(store.location) (master key: \(box.masterKey.source)).")
            Output.line("Ticket comments: \(comments ? "imported" : "not imported (metadata only)").")
            Output.line("Profile sync to Zendesk users: \(profileSync ? "on" : "off").")
            Output.line("Next: switchboard sync zendesk\(name == "default" ? "" : " --name \(name)")")
        }
    }

    /// `--oauth-client-id`: store the OAuth client sealed for this connection and print where to go next.
    private func storeOAuthClient(_ clientID: String) async throws {
        guard account.email == nil, account.token == nil, account.oauthToken == nil else {
            throw ValidationError("--oauth-client-id replaces --email/--token/--oauth-token: the token comes from the browser flow")
        }
        guard ZendeskOAuthConnect.isValidConnectionName(name) else { throw ValidationError("--name: use letters, digits, '-', '_' or '.'") }
        var secret = oauthClientSecret ?? ProcessInfo.processInfo.environment[ZendeskOAuthApp.clientSecretVariable]
        if secret == "-" { secret = readLine(strippingNewline: true) }
        guard let secret, !secret.isEmpty, !clientID.isEmpty else {
            throw ValidationError("give --oauth-client-secret SECRET, --oauth-client-secret - (read from standard input), or set \(ZendeskOAuthApp.clientSecretVariable)")
        }
        let zendeskURL = (account.subdomain != nil || account.url != nil) ? try account.baseURL() : nil
        let publicURL = PublicAddress.resolve(publicURL ?? ProcessInfo.processInfo.environment["SWITCHBOARD_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
                                              ?? "http://127.0.0.1:8080")
        try await store.withStore { store in
            let box = try self.store.secretBox()
            try await ZendeskConnections(store: store, secrets: box).saveOAuthApp(ZendeskOAuthApp(clientID: clientID, clientSecret: secret), connection: name)
            var start = publicURL + "/connect/zendesk?connection=\(name)"
            if let zendeskURL { start += "&base_url=\(zendeskURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? zendeskURL)" }
            Output.line("Stored the Zendesk OAuth client \(clientID) for connection \"\(name)\" (secret encrypted in \(store.location)).")
            Output.line("Redirect URL to register with the OAuth client in Zendesk: \(ZendeskOAuthConnect.redirectURI(publicURL: publicURL))")
            Output.line("With switchboard serve running (admin token set), open in a browser:")
            Output.line("  \(start)\(zendeskURL == nil ? "&subdomain=YOUR_SUBDOMAIN" : "")&token=ADMIN_TOKEN")
        }
    }
}
