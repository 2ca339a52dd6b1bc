import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardStore

/// `switchboard runs list|show`: what flows did.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "Inspect flow runs.", subcommands: [RunsList.self, RunsShow.self])
}

struct RunsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Recent runs, newest first.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Only runs of this flow.") var flow: String?
    @Option(help: "Only runs with this status (running, succeeded, failed).") var status: String?
    @Option(help: "How many.") var limit = 30

    func run() async throws {
        try await store.withStore { store in
            let runs = try await store.session { [flow, status, limit] in try await $0.runs(flow: flow, status: status, limit: limit) }
            guard !runs.isEmpty else { Output.line("No runs."); return }
            Output.line(Output.table([["RUN", "FLOW", "STATUS", "STARTED", "ERROR"]] + runs.map {
                [$0.id, $0.flow, $0.status, LenientDateText.format($0.createdAt), $0.error ?? ""]
            }, indent: ""))
        }
    }
}

struct RunsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One run: its event and each step's input, output, error and attempts.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The run id.") var id: String

    func run() async throws {
        try await store.withStore { store in
            let found = try await store.session { [id] session -> (RunRecord, [StepRecord], [JobRecord], [String: [AttemptRecord]], EventRecord?)? in
                guard let run = try await session.run(id: id) else { return nil }
                let jobs = try await session.jobs(runID: id)
                var attempts: [String: [AttemptRecord]] = [:]
                for job in jobs { attempts[job.id] = try await session.attempts(jobID: job.id) }
                return (run, try await session.steps(runID: id), jobs, attempts, try await session.event(id: run.eventID))
            }
            guard let (run, steps, jobs, attempts, event) = found else { throw ValidationError("no run \(id)") }
            Output.line("Run \(run.id) of \(run.flow) (version \(run.flowVersion)): \(run.status)\(run.error.map { " — \($0)" } ?? "")")
            if let event { Output.line("Event \(event.source) \(event.type) (\(event.externalID)) received \(LenientDateText.format(event.receivedAt))") }
            for step in steps {
                Output.line("  \(step.index + 1). \(step.stepID) → \(step.action): \(step.status) after \(step.attempts) attempt\(step.attempts == 1 ? "" : "s")")
                if let input = step.input { Output.line("     input:  \(input.jsonText)") }
                if let output = step.output { Output.line("     output: \(output.jsonText)") }
                if let error = step.error { Output.line("     error:  \(error)") }
                if let job = jobs.first(where: { $0.stepIndex == step.index }) {
                    for attempt in attempts[job.id] ?? [] {
                        Output.line("     attempt \(attempt.attempt) on \(attempt.node): \(attempt.outcome ?? "running or interrupted")\(attempt.error.map { " — \($0)" } ?? "")")
                    }
                }
            }
        }
    }
}
