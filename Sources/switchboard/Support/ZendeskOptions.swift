import ArgumentParser
import ConnectorKit
import Foundation
import ZendeskKit

/// Where Zendesk is and who is asking: `--subdomain`/`--url`, `--email`, `--token` (or `--oauth-token`).
///
/// `--token -` reads the token from standard input, and `$SWITCHBOARD_ZENDESK_TOKEN` is used when no token
/// is given, so a token need not appear in shell history or the process list.
struct ZendeskAccountOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Your Zendesk subdomain: acme for acme.zendesk.com.", valueName: "name"))
    var subdomain: String?

    @Option(help: ArgumentHelp("Zendesk base URL instead of a subdomain (a custom host, or a sandbox such as http://127.0.0.1:8080).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("Email of the admin who created the API token.", valueName: "email"))
    var email: String?

    @Option(help: ArgumentHelp("Zendesk API token; '-' reads it from standard input (default: $SWITCHBOARD_ZENDESK_TOKEN).", valueName: "token"))
    var token: String?

    @Option(name: .customLong("oauth-token"), help: ArgumentHelp("An OAuth access token instead of email and API token.", valueName: "token"))
    var oauthToken: String?

    var isGiven: Bool { subdomain != nil || url != nil || email != nil || token != nil || oauthToken != nil }

    func baseURL() throws -> String {
        switch (subdomain, url) {
        case (let subdomain?, nil): return try ZendeskConfiguration.baseURL(subdomain: subdomain)
        case (nil, let url?): return try ZendeskConfiguration.baseURL(url: url)
        case (nil, nil): throw ValidationError("give --subdomain NAME (for NAME.zendesk.com) or --url URL")
        default: throw ValidationError("give either --subdomain or --url, not both")
        }
    }

    func credentials() throws -> ZendeskCredentials {
        if let oauthToken {
            guard email == nil, token == nil else { throw ValidationError("use --oauth-token alone, or --email with --token") }
            return .oauth(accessToken: oauthToken)
        }
        guard let email, !email.isEmpty else { throw ValidationError("give --email (the admin who created the token) and --token, or --oauth-token") }
        var value = token ?? ProcessInfo.processInfo.environment["SWITCHBOARD_ZENDESK_TOKEN"]
        if value == "-" { value = readLine(strippingNewline: true) }
        guard let value, !value.isEmpty else { throw ValidationError("give --token TOKEN, --token - (read from standard input), or set SWITCHBOARD_ZENDESK_TOKEN") }
        return .apiToken(email: email, token: value)
    }
}

/// Tuning for remote calls, mostly for tests and unusual accounts; hidden from `--help`.
struct RemoteTuningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Incremental export requests per minute before the server's headers are seen (10; 30 with High Volume).", valueName: "n"))
    var exportBudget: Int = 10

    @Option(help: .hidden) var retryAttempts: Int = 8
    @Option(help: .hidden) var retryBaseMs: Int = 500
    @Option(help: .hidden) var retryMaxMs: Int = 60_000
    @Option(help: .hidden) var requestTimeout: Double = 60

    func configuration(baseURL: String, credentials: ZendeskCredentials) -> ZendeskConfiguration {
        ZendeskConfiguration(
            baseURL: baseURL, credentials: credentials,
            retryPolicy: RetryPolicy(maxAttempts: retryAttempts, baseDelay: .milliseconds(Int64(retryBaseMs)), maxDelay: .milliseconds(Int64(retryMaxMs))),
            exportBudget: .init(limit: exportBudget, window: .seconds(60)),
            requestTimeout: .milliseconds(Int64(requestTimeout * 1000)))
    }
}
