import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardEngine
import SwitchboardStore

/// `switchboard tasks …`: the publishing tasks Switchboard keeps (Consonance's API has no to-dos).
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List, add and complete publishing tasks.",
        discussion: "Tasks come from flows (the author-inquiries recipe creates one per needs_editorial ticket) or from here. Completing one emits task.completed, which the recipe turns into a note on the ticket.",
        subcommands: [List.self, Show.self, Add.self, Status.self, Done.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tasks, newest first.")
        @Option(help: "Only tasks with this status (open, in_progress, done, cancelled).") var status: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let tasks = try await store.session { [status] in try await $0.tasks(status: status) }
                if options.json { return options.print(.object(["tasks": .array(tasks.map(PublishingJSON.task))])) }
                guard !tasks.isEmpty else { return Output.line("No tasks.") }
                Output.line(Output.table([["ID", "STATUS", "DUE", "OWNER", "TITLE"]] + tasks.map { [$0.id, $0.status, $0.dueOn ?? "-", $0.owner ?? "-", $0.title] }, indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one task.")
        @Argument(help: "The task id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                guard let task = try await store.session({ [id] in try await $0.task(id: id) }) else { throw RecordError.notFound("no task \(id)") }
                options.print(PublishingJSON.task(task))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a task.")
        @Argument(help: "What to do.") var title: String
        @Option(help: "Details.") var details: String?
        @Option(help: "Owner (a name or email).") var owner: String?
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(help: "The title's ISBN-13.") var isbn: String?
        @Option(help: "The title's Consonance work id.") var work: Int64?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            let due = try validatedDay(self.due, option: "--due")
            try await options.withRecords { _, records in
                let (task, _) = try await records.createTask(PublishingTask(title: title, details: details, owner: owner, dueOn: due, workID: work, isbn13: isbn,
                                                                            createdAt: Int64(Date().timeIntervalSince1970)))
                if options.json { return options.print(PublishingJSON.task(task)) }
                Output.line("Created task \(task.id): \(task.title)")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a task's status (open, in_progress, done, cancelled).")
        @Argument(help: "The task id.") var id: String
        @Argument(help: "The new status.") var status: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            guard PublishingTask.statuses.contains(status) else { throw ValidationError("status must be one of \(PublishingTask.statuses.joined(separator: ", "))") }
            try await TasksCommand.setStatus(id: id, status: status, options: options)
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task done (emits task.completed).")
        @Argument(help: "The task id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await TasksCommand.setStatus(id: id, status: "done", options: options)
        }
    }

    static func setStatus(id: String, status: String, options: PublishingOptions) async throws {
        try await options.withRecords { _, records in
            guard let task = try await records.setTaskStatus(id: id, status: status) else { throw RecordError.notFound("no task \(id)") }
            if options.json { return options.print(PublishingJSON.task(task)) }
            Output.line("Task \(task.id) is \(task.status).")
        }
    }
}

/// `switchboard milestones …`: dated milestones of titles (from Consonance's dates, or added here).
struct MilestonesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestones", abstract: "List, add and complete milestones.",
        discussion: "Polling Consonance adds manuscript delivery, proofs and publication milestones from contract and publication dates. Approval milestones past their date open a missed-approval exception.",
        subcommands: [List.self, Add.self, Done.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List milestones by date.")
        @Flag(help: "Only open milestones.") var open = false
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let milestones = try await store.session { [open] in try await $0.milestones(openOnly: open) }
                if options.json { return options.print(.object(["milestones": .array(milestones.map(PublishingJSON.milestone))])) }
                guard !milestones.isEmpty else { return Output.line("No milestones.") }
                Output.line(Output.table([["ID", "DUE", "STATUS", "KIND", "NAME", "TITLE"]] + milestones.map {
                    [$0.id, $0.dueOn, $0.status, $0.kind, $0.name, $0.title ?? "-"]
                }, indent: ""))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a milestone.")
        @Argument(help: "Name, e.g. \"Cover approval\".") var name: String
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String
        @Option(help: "Kind: approval, delivery, proofs, publication, custom.") var kind = "custom"
        @Option(help: "Owner.") var owner: String?
        @Option(help: "The title's ISBN-13.") var isbn: String?
        @Option(help: "The title's Consonance work id.") var work: Int64?
        @Option(help: "The title's name.") var title: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            let due = try validatedDay(self.due, option: "--due") ?? self.due
            try await options.withRecords { _, records in
                let milestone = PublishingMilestone(name: name, kind: kind, dueOn: due, owner: owner, workID: work, isbn13: isbn, title: title,
                                                    createdAt: Int64(Date().timeIntervalSince1970))
                let stored = try await records.saveMilestone(milestone)
                if options.json { return options.print(PublishingJSON.milestone(stored)) }
                Output.line("Created milestone \(stored.id): \(stored.name) on \(stored.dueOn)")
            }
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a milestone done (emits milestone.completed).")
        @Argument(help: "The milestone id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { _, records in
                guard let milestone = try await records.setMilestoneDone(id: id) else {
                    throw RecordError.notFound("no milestone \(id)")
                }
                if options.json { return options.print(PublishingJSON.milestone(milestone)) }
                Output.line("Milestone \(milestone.id) is done.")
            }
        }
    }
}
