import ArgumentParser
import Foundation
import Sandbox

/// `switchboard sandbox whatsapp`: a local WhatsApp Cloud API for trying Switchboard's WhatsApp flows without Meta.
struct SandboxWhatsApp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatsapp",
        abstract: "Serve a local WhatsApp Cloud API (messages, templates, signed webhooks) until killed.",
        discussion: """
            POST /v23.0/<phone-number-id>/messages with Authorization: Bearer <token>. Status and inbound-message
            webhooks go to --callback-url (after the GET verification handshake), signed with --app-secret.
            Contacts, scripts, templates, faults and what was sent: /_sandbox/… (no token). See docs/sandbox.md.
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8082
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Seed of generated ids and duplicate deliveries.") var seed: UInt64 = 1
    @Option(help: "Bearer token to accept.") var token = WhatsAppSandboxConfiguration.defaultAccessToken
    @Option(name: .customLong("phone-number-id"), help: "The business phone number id (path segment).") var phoneNumberID = "106540352242922"
    @Option(name: .customLong("callback-url"), help: "Webhook URL (can also be set with PUT /_sandbox/webhook).") var callbackURL: String?
    @Option(name: .customLong("app-secret"), help: "Key of X-Hub-Signature-256.") var appSecret = WhatsAppSandboxConfiguration.defaultAppSecret
    @Option(name: .customLong("verify-token"), help: "hub.verify_token of the handshake.") var verifyToken = WhatsAppSandboxConfiguration.defaultVerifyToken
    @Option(help: "Messages per second before 130429.") var throughput: Int = 80
    @Option(name: .customLong("pair-interval"), help: ArgumentHelp("Seconds per message to one recipient (0 disables the pair limit).", valueName: "seconds"))
    var pairInterval: Double = 6
    @Option(name: .customLong("pair-burst"), help: "Messages to one recipient that may go out back to back.") var pairBurst: Int = 45
    @Option(help: ArgumentHelp("Probability that an accepted webhook is delivered twice.", valueName: "p")) var duplicates: Double = 0.05
    @Flag(help: "Millisecond status delays and retries (for tests and demos).") var fast = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard throughput >= 1 else { throw ValidationError("--throughput must be 1 or more") }
        guard pairInterval >= 0, pairBurst >= 1 else { throw ValidationError("--pair-interval must be 0 or more, --pair-burst 1 or more") }
        guard (0...1).contains(duplicates) else { throw ValidationError("--duplicates must be between 0 and 1") }
        if let callbackURL, !(callbackURL.hasPrefix("http://") || callbackURL.hasPrefix("https://")) {
            throw ValidationError("--callback-url must be an http(s) URL")
        }
    }

    func run() async throws {
        var webhookOptions = fast ? WhatsAppWebhookOptions.fastForTests : WhatsAppWebhookOptions()
        webhookOptions.duplicateProbability = duplicates
        let configuration = WhatsAppSandboxConfiguration(
            seed: seed, accessToken: token, phoneNumberID: phoneNumberID, callbackURL: callbackURL, appSecret: appSecret,
            verifyToken: verifyToken, throughputPerSecond: throughput,
            pairRateLimit: pairInterval == 0 ? .disabled : PairRateLimit(interval: .milliseconds(Int64(pairInterval * 1000)), burst: pairBurst),
            statusTiming: fast ? .fast : StatusTiming(), webhookDelivery: webhookOptions)
        let sandbox = WhatsAppSandbox(configuration: configuration)
        let host = self.host
        let summary = "phone number id \(phoneNumberID), seed \(seed), \(configuration.templates.count) templates, "
            + "webhooks to \(callbackURL ?? "nowhere yet")"
        let token = self.token
        let phoneNumberID = self.phoneNumberID
        try await sandbox.run(host: host, port: port) { bound in
            Output.line("WhatsApp sandbox listening on http://\(host):\(bound) (\(summary))")
            Output.line("Send: POST http://\(host):\(bound)/v23.0/\(phoneNumberID)/messages with Authorization: Bearer \(token)")
        }
    }
}
