import ArgumentParser
import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard conversations …`: conversations synchronised into Zendesk tickets — their sync state and the reason
/// one waits or is blocked, associating a contact with a Zendesk customer, closing, and each channel's rules.
/// Changes raise `conversation.changed`, which the conversation-sync recipe picks up on the next `serve`.
struct ConversationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conversations", abstract: "Conversations synchronised into Zendesk: state and reason, associate, close, channel rules.",
        subcommands: [List.self, Show.self, Associate.self, Disassociate.self, Close.self, Channels.self])

    /// The store, the flows, and the admin operations over them.
    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var flows: FlowFolderOption

        func withAdmin<T>(_ body: (Store, ConversationSyncAdmin) async throws -> T) async throws -> T {
            let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
            defer { Task { try? await transport.shutdown() } }
            return try await store.withStore { store in
                let registry = try flows.registry(home: self.store.paths.home)
                let pool = ZendeskClientPool(store: store, secrets: try? self.store.secretBox(), transport: transport)
                return try await body(store, ConversationSyncAdmin(store: store, runtime: FlowRuntime(store: store, flows: registry), zendesk: pool))
            }
        }
    }

    static func line(_ c: SyncedConversation) -> [String] {
        [c.id, c.channel, c.externalID, c.contactName ?? c.contactHandle, c.associatedUserID.map(String.init) ?? "-", c.status, c.syncState, c.syncReason ?? ""]
    }

    static let header = ["ID", "CHANNEL", "CONVERSATION", "CONTACT", "ZENDESK USER", "STATUS", "SYNC", "REASON"]

    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let failure as ConversationSyncAdmin.Failure { throw ValidationError(failure.description) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List conversations with their sync state and reason.")
        @Option(help: "Only this channel.") var channel: String?
        @Option(help: "Only this sync state (pending, waiting, blocked, synced, retrying).") var state: String?
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { store, _ in
                let list = try await store.session { [channel, state] in try await $0.conversations(channel: channel, syncState: state) }
                guard !list.isEmpty else { return Output.line("No conversations.") }
                Output.line(Output.table([ConversationsCommand.header] + list.map(ConversationsCommand.line), indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a conversation: sync state and reason, messages, tickets.")
        @Argument(help: "The conversation id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withAdmin { store, _ in
                guard let found = try await store.session({ [id] session -> (SyncedConversation, [ConversationSyncMessage], [ConversationTicketLink])? in
                    guard let c = try await session.conversation(id: id) else { return nil }
                    return (c, try await session.conversationMessages(conversationID: id), try await session.conversationTickets(conversationID: id))
                }) else { throw ValidationError("no conversation \(id)") }
                let (c, messages, tickets) = found
                Output.line("\(c.channel) conversation \(c.externalID) (\(c.id)) with \(c.contactName ?? c.contactHandle), account \(c.account)")
                Output.line("status \(c.status); team \(c.team ?? "-"); tags \(c.tags.joined(separator: ", ")); Zendesk user \(c.associatedUserID.map(String.init) ?? "not associated")")
                Output.line("sync: \(c.syncState)\(c.syncReason.map { " — \($0)" } ?? "")")
                for t in tickets { Output.line("ticket \(t.ticketID.map(String.init) ?? "(being created)") [\(t.status)] tags \(t.syncedTags.joined(separator: ", "))") }
                for m in messages {
                    Output.line("  \(m.sequence). [\(m.author.rawValue)\(m.authorName.map { " \($0)" } ?? "")] \(m.text)  (\(m.syncedAs.map { "\($0)\(m.ticketID.map { " #\($0)" } ?? "")" } ?? "not synced"))")
                }
            }
        }
    }

    struct Associate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Associate the conversation's contact with a Zendesk customer (syncs their earlier human-answered conversations too).",
                                                        discussion: "Give --user, or --search to list candidates, or --create-email/--create-name to create the customer (with the channel's user_fields mapping).")
        @Argument(help: "The conversation id.") var id: String
        @Option(help: "An existing Zendesk user id.") var user: Int64?
        @Option(help: "Search Zendesk customers by email, phone or name and list them.") var search: String?
        @Option(help: "Create the customer with this email.") var createEmail: String?
        @Option(help: "Create the customer with this name.") var createName: String?
        @OptionGroup var options: Options

        func run() async throws {
            try await ConversationsCommand.run {
                try await options.withAdmin { _, admin in
                    if let user {
                        let c = try await admin.associate(id, userID: user)
                        return Output.line("Associated \(c.contactHandle) on \(c.channel) with Zendesk user \(user).")
                    }
                    if let search {
                        let c = try await admin.existing(id)
                        let found = try await admin.searchCustomers(search, channel: c.channel)
                        guard !found.isEmpty else { return Output.line("No Zendesk customer matches \"\(search)\".") }
                        return Output.line(Output.table([["ID", "NAME", "EMAIL", "PHONE", "SUSPENDED"]] + found.map {
                            [String($0.id), $0.name ?? "-", $0.email ?? "-", $0.phone ?? "-", ($0.suspended ?? false) ? "yes" : "no"]
                        }, indent: ""))
                    }
                    guard createEmail != nil || createName != nil else { throw ValidationError("give --user, --search or --create-email/--create-name") }
                    let (user, _) = try await admin.createCustomer(id, name: createName, email: createEmail, phone: nil, userFields: [:])
                    Output.line("Created Zendesk customer \(user.id) and associated it.")
                }
            }
        }
    }

    struct Disassociate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the contact's association (existing tickets keep being updated).")
        @Argument(help: "The conversation id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await ConversationsCommand.run {
                try await options.withAdmin { _, admin in
                    let c = try await admin.disassociate(id)
                    Output.line("\(c.contactHandle) on \(c.channel) is no longer associated.")
                }
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the conversation (its ticket is set to closed).")
        @Argument(help: "The conversation id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await ConversationsCommand.run {
                try await options.withAdmin { _, admin in
                    _ = try await admin.setStatus(id, closed: true)
                    Output.line("Conversation \(id) is closed.")
                }
            }
        }
    }

    struct Channels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show or change channels' sync rules.",
                                                        discussion: "With no channel, lists them. With --set KEY=VALUE (JSON or text values; e.g. mode=team_routing, team=support, email_field=data.email, continue_after_ticket_creation=false, forbid_content=true, direct_contract=true, reply_template=switchboard_notice), updates one.")
        @Argument(help: "The channel (instagram, x, webchat, whatsapp…).") var channel: String?
        @Option(name: .customLong("set"), help: "A setting KEY=VALUE (repeatable).") var settings: [String] = []
        @OptionGroup var options: Options

        func run() async throws {
            try await ConversationsCommand.run {
                try await options.withAdmin { store, admin in
                    guard let channel else {
                        let list = try await store.session { try await $0.allChannelSyncSettings() }
                        guard !list.isEmpty else { return Output.line("No channels configured (unconfigured channels use mode 1 defaults).") }
                        return Output.line(Output.table([["CHANNEL", "MODE", "TEAM", "EMAIL FIELD", "CONTINUE", "FORBIDS"]] + list.map {
                            [$0.channel, $0.mode.rawValue, $0.team ?? "-", $0.emailField ?? "-", $0.continueAfterTicketCreation ? "yes" : "no",
                             [$0.effectiveForbidNames ? "names" : nil, $0.effectiveForbidContent ? "content" : nil, $0.effectiveForbidAttachments ? "attachments" : nil]
                                .compactMap { $0 }.joined(separator: ",")]
                        }, indent: ""))
                    }
                    var fields: [String: JSONValue] = [:]
                    for item in settings {
                        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                        guard parts.count == 2 else { throw ValidationError("--set takes KEY=VALUE, got \"\(item)\"") }
                        fields[parts[0]] = (try? JSONValue.parse(parts[1])) ?? .string(parts[1])
                    }
                    let result = fields.isEmpty ? try await admin.settings(channel) : try await admin.updateSettings(channel, with: .object(fields))
                    Output.line(result.json.jsonText)
                }
            }
        }
    }
}
