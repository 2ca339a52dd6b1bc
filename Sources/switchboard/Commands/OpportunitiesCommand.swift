import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardEngine
import SwitchboardStore

/// `switchboard opportunities …`: acquisition opportunities from pitches on WhatsApp (the pitches recipe).
struct OpportunitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opportunities", abstract: "Pitches received on WhatsApp: list, read, save attachments, close.",
        subcommands: [List.self, Show.self, Attachment.self, Status.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List opportunities, most recently active first.")
        @Option(help: "Only opportunities with this status (open, accepted, declined, closed).") var status: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let list = try await store.session { [status] in try await $0.opportunities(status: status) }
                if options.json { return options.print(.object(["opportunities": .array(list.map { ConversationJSON.opportunity($0) })])) }
                guard !list.isEmpty else { return Output.line("No opportunities.") }
                Output.line(Output.table([["ID", "STATUS", "FROM", "MESSAGES", "FILES", "PITCH"]] + list.map {
                    [$0.id, $0.status, $0.senderName ?? "+" + $0.waID, String($0.messageCount), String($0.attachmentCount), String(($0.summary ?? "-").prefix(60))]
                }, indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an opportunity with its messages and attachments (JSON).")
        @Argument(help: "The opportunity id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                guard let found = try await store.session({ [id] session -> (AcquisitionOpportunity, [OpportunityMessage], [OpportunityAttachment])? in
                    guard let opportunity = try await session.opportunity(id: id) else { return nil }
                    return (opportunity, try await session.opportunityMessages(opportunityID: id), try await session.opportunityAttachments(opportunityID: id))
                }) else { throw RecordError.notFound("no opportunity \(id)") }
                options.print(ConversationJSON.opportunity(found.0, messages: found.1, attachments: found.2))
            }
        }
    }

    struct Attachment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save an attachment's file.")
        @Argument(help: "The attachment id (att_…; see opportunities show).") var id: String
        @Option(name: .shortAndLong, help: "Where to write it (default: its file name, else the id).") var output: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                guard let (attachment, base64) = try await store.session({ [id] in try await $0.opportunityAttachmentContent(id: id) }) else {
                    throw RecordError.notFound("no attachment \(id)")
                }
                guard let base64, let bytes = Data(base64Encoded: base64) else {
                    throw RecordError.invalid("attachment \(id) was not downloaded (\(attachment.status)\(attachment.error.map { ": \($0)" } ?? ""))")
                }
                let path = output ?? attachment.filename.map { ($0 as NSString).lastPathComponent } ?? id
                try bytes.write(to: URL(fileURLWithPath: path))
                Output.line("Wrote \(bytes.count) bytes to \(path).")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an opportunity's status (open, accepted, declined, closed); only open ones collect follow-ups.")
        @Argument(help: "The opportunity id.") var id: String
        @Argument(help: "The new status.") var status: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { _, records in
                guard let opportunity = try await records.setOpportunityStatus(id: id, status: status) else { throw RecordError.notFound("no opportunity \(id)") }
                if options.json { return options.print(ConversationJSON.opportunity(opportunity)) }
                Output.line("Opportunity \(opportunity.id) is \(opportunity.status).")
            }
        }
    }
}
