import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardEngine
import SwitchboardStore

/// `switchboard metadata …`: metadata proposals the title's people confirm on WhatsApp (the metadata-confirmation recipe).
struct MetadataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata", abstract: "Propose title metadata for confirmation on WhatsApp, and follow the answers.",
        discussion: "A proposal emits metadata.proposed, which the metadata-confirmation recipe sends to the title's contacts. Run propose with the flows folder serve uses (--flows), so serve sends it.",
        subcommands: [Propose.self, List.self, Show.self])

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Propose new metadata for a title.")
        @Option(help: "The title's ISBN (any format of the work).") var isbn: String
        @Option(help: "The new subtitle (applied in Consonance when confirmed).") var subtitle: String?
        @Option(help: "Contributor names as they should appear, e.g. \"Ada Author; Cy Editor (ed.)\".") var contributors: String?
        @Option(help: "Cover copy.") var coverCopy: String?
        @Option(help: "Series name and number.") var series: String?
        @Option(help: "Who proposes (shown on the proposal).") var by: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { _, records in
                let proposal = try await records.proposeMetadata(isbn: isbn, subtitle: subtitle, contributors: contributors, coverCopy: coverCopy, series: series,
                                                                 proposedBy: by, consonance: records.linker?.consonance)
                if options.json { return options.print(ConversationJSON.proposal(proposal)) }
                Output.line("Proposed \(proposal.id) for \(proposal.title) (\(proposal.isbn13)): \(PublishingRecords.proposalSummary(proposal))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List metadata proposals, newest first.")
        @Option(help: "Only proposals with this status (proposed, confirmed, corrected).") var status: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let proposals = try await store.session { [status] in try await $0.metadataProposals(status: status) }
                if options.json { return options.print(.object(["metadata_proposals": .array(proposals.map { ConversationJSON.proposal($0) })])) }
                guard !proposals.isEmpty else { return Output.line("No metadata proposals.") }
                Output.line(Output.table([["ID", "STATUS", "ISBN", "TITLE", "PROPOSED"]] + proposals.map {
                    [$0.id, $0.status, $0.isbn13, $0.title, PublishingRecords.proposalSummary($0)]
                }, indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a proposal with every answer (JSON).")
        @Argument(help: "The proposal id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                guard let (proposal, responses) = try await store.session({ [id] session -> (MetadataProposal, [MetadataResponse])? in
                    guard let proposal = try await session.metadataProposal(id: id) else { return nil }
                    return (proposal, try await session.metadataResponses(proposalID: id))
                }) else { throw RecordError.notFound("no metadata proposal \(id)") }
                options.print(ConversationJSON.proposal(proposal, responses: responses))
            }
        }
    }
}
