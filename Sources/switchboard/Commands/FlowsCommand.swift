import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine

/// `switchboard flows lint|test|run`: check and try flows without running anything for real.
struct FlowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flows", abstract: "Check and try flow files (see docs/flows.md).",
                                                    subcommands: [FlowsLint.self, FlowsTest.self, FlowsRun.self])
}

struct FlowsLint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "Report every problem as file:line:column: message; exit non-zero if any.")
    @Argument(help: "A folder of flows, or one flow file.") var path: String

    func run() async throws {
        let result: FlowLoader.Result
        do { result = try FlowLoader.load(path: path) } catch let errors as FlowErrors {
            Output.error(errors.description)
            throw ExitCode.failure
        }
        for diagnostic in result.diagnostics { Output.error(diagnostic.description) }
        if !result.errors.isEmpty {
            Output.error("\(result.errors.count) error\(result.errors.count == 1 ? "" : "s")")
            throw ExitCode.failure
        }
        Output.line("\(result.flows.count) flow\(result.flows.count == 1 ? "" : "s") OK: " + result.flows.map(\.name).joined(separator: ", "))
    }
}

struct FlowsTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Run each flow against the sample events in its X.tests.yaml and show the rendered actions. No side effects.")
    @Argument(help: "A folder of flows, or one flow file.") var path: String
    @Flag(help: "Show only failures.") var quiet = false

    func run() async throws {
        let result: FlowLoader.Result
        do { result = try FlowLoader.load(path: path) } catch let errors as FlowErrors {
            Output.error(errors.description)
            throw ExitCode.failure
        }
        for diagnostic in result.errors { Output.error(diagnostic.description) }
        var passed = 0, failed = result.errors.isEmpty ? 0 : 1, untested: [String] = []
        for flow in result.flows {
            let testsFile = FlowTestSuite.testsFile(for: flow.file)
            guard FileManager.default.fileExists(atPath: testsFile) else { untested.append(flow.name); continue }
            let cases: [FlowTestSuite.CaseResult]
            do { cases = try FlowTestSuite.run(flow: flow, testsFile: testsFile) } catch {
                Output.error(String(describing: error))
                failed += 1
                continue
            }
            for test in cases {
                if test.passed { passed += 1 } else { failed += 1 }
                guard !quiet || !test.passed else { continue }
                Output.line("\(test.passed ? "✓" : "✗") \(flow.name): \(test.name)")
                if let dryRun = test.dryRun {
                    if dryRun.matched {
                        for step in dryRun.steps {
                            Output.line("    \(step.id) → \(step.action) \(step.input.jsonText)" + (step.condition.map { "  [\($0)]" } ?? ""))
                        }
                    } else {
                        Output.line("    (does not run: \(dryRun.reason ?? ""))")
                    }
                }
                for failure in test.failures { Output.line("    ✗ \(failure)") }
            }
        }
        if !untested.isEmpty { Output.line("no tests for: \(untested.joined(separator: ", ")) (add NAME.tests.yaml beside the flow)") }
        Output.line("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode.failure }
    }
}

struct FlowsRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Show what one flow would do with one event (requires --dry-run).")
    @Argument(help: "The flow file.") var flow: String
    @Option(help: "A JSON file with the event: a Zendesk webhook body, or {\"mirror\"|\"schedule\"|\"zendesk_webhook\": …}.") var event: String
    @Flag(help: "Render the actions without performing them (the only mode of this command; serve runs flows for real).") var dryRun = false
    @Option(help: "The Zendesk connection the event came from.") var connection: String?

    func validate() throws {
        guard dryRun else { throw ValidationError("flows run only renders actions; pass --dry-run (switchboard serve runs flows for real)") }
    }

    func run() async throws {
        guard let text = FileManager.default.contents(atPath: flow).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw ValidationError("cannot read \(flow)")
        }
        let (loaded, diagnostics) = FlowLoader.load(text: text, file: flow)
        diagnostics.forEach { Output.error($0.description) }
        guard let loaded else { throw ExitCode.failure }
        guard let data = FileManager.default.contents(atPath: event) else { throw ValidationError("cannot read \(event)") }
        let sample: JSONValue
        do { sample = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw ValidationError("\(event) is not JSON: \(describeDecodingError(error))")
        }
        let result = FlowDryRun.run(loaded, on: try FlowDryRun.event(from: sample, connection: connection))
        guard result.matched else {
            Output.line("\(loaded.name) does not run for this event: \(result.reason ?? "")")
            return
        }
        Output.line("\(loaded.name) runs \(result.steps.count) step\(result.steps.count == 1 ? "" : "s") (dry run, nothing sent):")
        for step in result.steps {
            Output.line("  \(step.id) → \(step.action)" + (step.condition.map { "  [\($0)]" } ?? ""))
            Output.line("    " + prettyJSON(step.input).replacingOccurrences(of: "\n", with: "\n    "))
        }
    }

    private func prettyJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? value.jsonText
    }
}
