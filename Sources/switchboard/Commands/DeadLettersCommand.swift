import ArgumentParser
import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardEngine
import SwitchboardStore

/// `switchboard deadletters list|show|replay`: steps that ran out of attempts, and WhatsApp messages that could not be
/// delivered (dead-lettered by `whatsapp.handle_failed_message`).
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadletters", abstract: "Steps that ran out of attempts and undeliverable WhatsApp messages, and replaying them.",
                                                    subcommands: [DeadLettersList.self, DeadLettersShow.self, DeadLettersReplay.self])
}

struct DeadLettersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Dead letters waiting for a replay (--all includes replayed ones).")
    @OptionGroup var store: StoreOptions
    @Flag(help: "Include dead letters already replayed.") var all = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await store.withStore { store in
            let letters = try await store.session { [all] in try await $0.deadLetters(includeReplayed: all) }
            if json {
                Output.line(JSONValue.array(letters.map { letter in
                    .object(["id": .string(letter.id), "run_id": .string(letter.runID), "flow": .string(letter.flow), "action": .string(letter.action),
                             "kind": .string(letter.isWhatsAppMessage ? "whatsapp_message" : "step"), "message_id": letter.messageID.map(JSONValue.string) ?? .null,
                             "errors": .array(letter.errors.map(JSONValue.string)), "payload": letter.payload])
                }).jsonText)
                return
            }
            guard !letters.isEmpty else { Output.line("No dead letters."); return }
            for letter in letters {
                let replayed = letter.replayedAt != nil ? ", replayed" : ""
                if letter.isWhatsAppMessage {
                    let to = letter.payload["to"]?.stringValue ?? "?"
                    Output.line("\(letter.id)  \(letter.flow) → WhatsApp \(letter.payload["kind"]?.stringValue ?? "message") to \(to) (message \(letter.messageID ?? "?"), run \(letter.runID)\(replayed))")
                } else {
                    Output.line("\(letter.id)  \(letter.flow) → \(letter.action)  (run \(letter.runID), \(letter.errors.count) attempt\(letter.errors.count == 1 ? "" : "s")\(replayed))")
                }
                Output.line("    last error: \(letter.errors.last ?? "?")")
                if let response = letter.lastResponse { Output.line("    last response: \(response.prefix(300))") }
            }
            Output.line("Details: switchboard deadletters show ID. Fix the cause, then: switchboard deadletters replay ID")
        }
    }
}

struct DeadLettersShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Everything a dead letter keeps: input or message, every error, the last response.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The dead letter id.") var id: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await store.withStore { store in
            guard let letter = try await store.session({ [id] in try await $0.deadLetter(id: id) }) else {
                Output.error("error: no dead letter \(id)")
                throw ExitCode.failure
            }
            let replayed = letter.replayedAt.map { "replayed at \(Self.time($0)) (\(letter.replayCount) time\(letter.replayCount == 1 ? "" : "s"))" } ?? "not replayed"
            if json {
                Output.line(JSONValue.object([
                    "id": .string(letter.id), "kind": .string(letter.isWhatsAppMessage ? "whatsapp_message" : "step"), "run_id": .string(letter.runID),
                    "job_id": .string(letter.jobID), "flow": .string(letter.flow), "action": .string(letter.action),
                    "message_id": letter.messageID.map(JSONValue.string) ?? .null, "payload": letter.payload,
                    "errors": .array(letter.errors.map(JSONValue.string)), "last_response": letter.lastResponse.map(JSONValue.string) ?? .null,
                    "created_at": .string(Self.time(letter.createdAt)), "replayed_at": letter.replayedAt.map { .string(Self.time($0)) } ?? .null,
                    "replay_count": .number(Double(letter.replayCount)),
                ]).jsonText)
                return
            }
            Output.line("Dead letter \(letter.id): \(letter.isWhatsAppMessage ? "an undelivered WhatsApp message" : "a step that ran out of attempts")")
            Output.line("  flow:      \(letter.flow) (run \(letter.runID))")
            Output.line("  action:    \(letter.action)")
            if let message = letter.messageID {
                Output.line("  message:   \(message) (\(letter.payload["wamid"]?.stringValue ?? "no wamid")) to \(letter.payload["to"]?.stringValue ?? "?")")
                if let template = letter.payload["resend_template"]?["template"]?.stringValue { Output.line("  resend as: template \(template) outside the 24-hour window") }
            }
            Output.line("  created:   \(Self.time(letter.createdAt)); \(replayed)")
            Output.line("  errors:")
            for (index, error) in letter.errors.enumerated() { Output.line("    \(index + 1). \(error)") }
            if let response = letter.lastResponse { Output.line("  last response: \(response)") }
            Output.line("  \(letter.isWhatsAppMessage ? "message" : "input"):")
            Output.line("    " + Self.pretty(letter.payload).replacingOccurrences(of: "\n", with: "\n    "))
            if letter.replayedAt == nil {
                Output.line(letter.isWhatsAppMessage ? "Replaying resends the message now: switchboard deadletters replay \(letter.id)"
                                                     : "Replaying queues the step again: switchboard deadletters replay \(letter.id)")
            }
        }
    }

    static func time(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func pretty(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? value.jsonText
    }
}

struct DeadLettersReplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Queue a dead step again (a running node picks it up and the run continues), or resend an undelivered WhatsApp message now.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The dead letter id (or several).") var ids: [String]

    func run() async throws {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        try await store.withStore { store in
            // WhatsApp clients (and so the master key) are needed only for messages' dead letters.
            var needsWhatsApp = false
            for id in ids {
                if try await store.session({ try await $0.deadLetter(id: id) })?.isWhatsAppMessage == true { needsWhatsApp = true }
            }
            let whatsapp = needsWhatsApp ? WhatsAppClientPool(store: store, secrets: try self.store.secretBox(), transport: transport) : nil
            let replay = DeadLetterReplay(store: store, whatsapp: whatsapp)
            var failures = 0
            for id in ids {
                switch try await replay.replay(id: id) {
                case .queued:
                    Output.line("Replaying \(id): queued; a running switchboard serve will run it.")
                case .resent(let messageID, let wamid, let template):
                    Output.line("Replayed \(id): resent as message \(messageID)\(template.map { " (template \($0))" } ?? "")\(wamid.map { ", \($0)" } ?? "").")
                case .notResent(let reason):
                    Output.error("error: \(id) was not resent: \(reason)")
                    failures += 1
                case .notFound:
                    Output.error("error: no dead letter \(id)")
                    failures += 1
                case .alreadyReplayed:
                    Output.error("error: \(id) was already replayed")
                    failures += 1
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
