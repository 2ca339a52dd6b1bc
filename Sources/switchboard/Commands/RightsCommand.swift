import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard rights …`: rights review requests and their decisions.
struct RightsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rights", abstract: "List rights review requests and record decisions.",
        discussion: "Requests come from tickets tagged rights_review (the rights-inquiries recipe). A decision emits rights_review.decided, which the recipe posts back to the ticket.",
        subcommands: [List.self, Show.self, RequestReview.self, Decide.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List review requests, newest first.")
        @Option(help: "Only requests with this status (requested, approved, declined, question).") var status: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let reviews = try await store.session { [status] in try await $0.rightsReviews(status: status) }
                if options.json { return options.print(.object(["rights_reviews": .array(reviews.map(PublishingJSON.review))])) }
                guard !reviews.isEmpty else { return Output.line("No rights reviews.") }
                Output.line(Output.table([["ID", "STATUS", "TICKET", "TITLE", "QUESTION"]] + reviews.map {
                    [$0.id, $0.status, $0.ticketID.map { "#\($0)" } ?? "-", $0.title ?? "-", $0.question ?? "-"]
                }, indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one review request.")
        @Argument(help: "The review id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                guard let review = try await store.session({ [id] in try await $0.rightsReview(id: id) }) else { throw RecordError.notFound("no rights review \(id)") }
                options.print(PublishingJSON.review(review))
            }
        }
    }

    struct RequestReview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request", abstract: "Open a review request for a title (rights_review.requested; the rights-approvals recipe asks its rights holders on WhatsApp).")
        @Argument(help: "What needs approving, e.g. \"Spanish translation licence\".") var question: String
        @Option(help: "The title's ISBN-13.") var isbn: String?
        @Option(help: "The title's Consonance work id.") var work: Int64?
        @Option(help: "The title's name.") var title: String?
        @Option(help: "Right type, e.g. Translation.") var rightType: String?
        @Option(help: "Territory or language, e.g. ES.") var territory: String?
        @Option(help: "Who asks (the licensee), e.g. \"Editorial Sol\".") var requestedBy: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            var isbn13: String?
            if let isbn {
                guard let parsed = ISBN(isbn) else { throw ValidationError("--isbn: \"\(isbn)\" is not a valid ISBN") }
                isbn13 = parsed.isbn13
            }
            try await options.withRecords { _, records in
                let review = RightsReview(question: question, rightType: rightType, territory: territory, requestedBy: requestedBy, workID: work,
                                          isbn13: isbn13, title: title, createdAt: Int64(Date().timeIntervalSince1970))
                let (stored, _) = try await records.openReview(review)
                if options.json { return options.print(PublishingJSON.review(stored)) }
                Output.line("Opened rights review \(stored.id).")
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the decision: approved, declined or question.")
        @Argument(help: "The review id.") var id: String
        @Argument(help: "approved, declined or question.") var decision: String
        @Option(help: "A note for the ticket.") var note: String?
        @Option(help: "Who decided.") var by: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            guard RightsReview.decisions.contains(decision) else { throw ValidationError("the decision must be one of \(RightsReview.decisions.joined(separator: ", "))") }
            try await options.withRecords { _, records in
                guard let review = try await records.decideReview(id: id, decision: decision, note: note, by: by) else { throw RecordError.notFound("no rights review \(id)") }
                if options.json { return options.print(PublishingJSON.review(review)) }
                Output.line("Rights review \(review.id) is \(review.status).")
            }
        }
    }
}

/// `switchboard signals …`: support signals on titles (recurring questions).
struct SignalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signals", abstract: "List support signals on titles (recurring questions).", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List signals, most tickets first.")
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let signals = try await store.session { try await $0.supportSignals() }
                if options.json { return options.print(.object(["signals": .array(signals.map(PublishingJSON.signal))])) }
                guard !signals.isEmpty else { return Output.line("No support signals.") }
                Output.line(Output.table([["ID", "TICKETS", "WINDOW", "TITLE", "TOP TOPICS"]] + signals.map {
                    [$0.id, String($0.ticketCount), "\($0.windowDays)d", $0.title ?? $0.isbn13 ?? "work \($0.workID)", $0.topTopics.joined(separator: ", ")]
                }, indent: ""))
            }
        }
    }
}

/// `switchboard exceptions`: the open workflow exceptions found in Consonance data.
struct ExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exceptions", abstract: "List open workflow exceptions (missed approvals, overdue manuscripts, rights conflicts).")
    @OptionGroup var options: PublishingOptions

    func run() async throws {
        try await options.withRecords { store, _ in
            let exceptions = try await store.session { try await $0.openExceptions() }
            if options.json { return options.print(.object(["exceptions": .array(exceptions.map(PublishingJSON.exception))])) }
            guard !exceptions.isEmpty else { return Output.line("No open exceptions.") }
            Output.line(Output.table([["KIND", "KEY", "SUMMARY"]] + exceptions.map { [$0.kind, $0.key, $0.summary] }, indent: ""))
        }
    }
}
