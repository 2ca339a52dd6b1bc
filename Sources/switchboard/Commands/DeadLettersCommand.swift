import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardStore

/// `switchboard deadletters list|replay`.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadletters", abstract: "Steps that ran out of attempts, and replaying them.",
                                                    subcommands: [DeadLettersList.self, DeadLettersReplay.self])
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
                Output.line(JSONValue.array(letters.map { .object(["id": .string($0.id), "run_id": .string($0.runID), "flow": .string($0.flow), "action": .string($0.action),
                                                                    "errors": .array($0.errors.map(JSONValue.string)), "payload": $0.payload]) }).jsonText)
                return
            }
            guard !letters.isEmpty else { Output.line("No dead letters."); return }
            for letter in letters {
                Output.line("\(letter.id)  \(letter.flow) → \(letter.action)  (run \(letter.runID), \(letter.errors.count) attempt\(letter.errors.count == 1 ? "" : "s")\(letter.replayedAt != nil ? ", replayed" : ""))")
                Output.line("    last error: \(letter.errors.last ?? "?")")
                if let response = letter.lastResponse { Output.line("    last response: \(response.prefix(300))") }
            }
            Output.line("Fix the cause, then: switchboard deadletters replay ID")
        }
    }
}

struct DeadLettersReplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Queue a dead step again; a running node picks it up and the run continues.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The dead letter id (or several).") var ids: [String]

    func run() async throws {
        try await store.withStore { store in
            var failures = 0
            for id in ids {
                let outcome = try await store.transaction { session -> String in
                    guard let letter = try await session.deadLetter(id: id) else { return "no dead letter \(id)" }
                    if letter.replayedAt != nil { return "\(id) was already replayed" }
                    return try await session.replayDeadLetter(id: id, nowMilliseconds: epochMilliseconds()) ? "" : "\(id) could not be replayed"
                }
                if outcome.isEmpty { Output.line("Replaying \(id): queued; a running switchboard serve will run it.") } else {
                    Output.error("error: \(outcome)")
                    failures += 1
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
