import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard contacts …`: the WhatsApp contacts directory (authors, editors, printers…) flows message by role and title.
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "Manage the WhatsApp contacts directory.",
        discussion: """
            Contacts are keyed by their E.164 phone number and carry roles (author, editor, production_lead…), title links
            (by ISBN, work:ID or title) and consent. Flows only message opted-in contacts; an opt-out always wins.
            Import a CSV list with `contacts import FILE.csv` (columns: \(ContactsCSV.columns.joined(separator: ", "))).
            """,
        subcommands: [List.self, Add.self, Show.self, Import.self, Link.self, OptIn.self, OptOut.self, Remove.self])

    /// The options every contacts command shares: the database and `--json`.
    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON on standard output.") var json = false

        func withDirectory<T>(_ body: (ContactsDirectory) async throws -> T) async throws -> T {
            try await store.withStore { try await body(ContactsDirectory(store: $0)) }
        }

        func printContact(_ contact: MessagingContact, verb: String) {
            if json { return Output.line(WhatsAppJSON.contact(contact).jsonText) }
            Output.line("\(verb) \(contact.id): \(contact.name) \(contact.phone.e164) (\(ContactsCommand.consent(contact)))")
        }
    }

    static func consent(_ contact: MessagingContact) -> String {
        contact.consent.isOptedOut ? "opted out" : contact.consent.optedIn ? "opted in" : "not opted in"
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contacts by name.")
        @Option(help: "Only contacts with this role.") var role: String?
        @Option(help: "Only contacts on this title (ISBN, work:ID or title); --role is then their role on it.") var title: String?
        @Option(name: .customLong("name"), help: "Only contacts whose name contains this.") var query: String?
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withDirectory { directory in
                let contacts = try await directory.list(role: role, title: title, query: query)
                if options.json { return Output.line(JSONValue.object(["contacts": .array(contacts.map { WhatsAppJSON.contact($0) })]).jsonText) }
                guard !contacts.isEmpty else { return Output.line("No contacts. Add one with: switchboard contacts add NAME --phone +447700900123") }
                Output.line(Output.table([["ID", "NAME", "PHONE", "ROLES", "CONSENT"]] + contacts.map {
                    [$0.id, $0.name, $0.phone.e164, $0.roles.map(\.rawValue).joined(separator: ","), ContactsCommand.consent($0)]
                }, indent: ""))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a contact (or update the one with this number).")
        @Argument(help: "The contact's name.") var name: String
        @Option(help: "Phone number in international form, e.g. +447700900123.") var phone: String
        @Option(help: "Email address.") var email: String?
        @Option(help: "Roles, comma- or semicolon-separated (author, editor, production_lead…).") var roles: String?
        @Option(help: "WhatsApp language code, e.g. en_GB.") var language: String?
        @Option(help: "The contact's Consonance contact id.") var consonanceContact: Int64?
        @Flag(help: "Record that the contact opted in to WhatsApp messages.") var optedIn = false
        @OptionGroup var options: Options

        func run() async throws {
            let change = ContactChange(name: name, phone: phone, email: email, language: language,
                                       roles: roles.map { $0.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init) },
                                       consonanceContactID: consonanceContact, optedIn: optedIn ? true : nil)
            try await options.withDirectory { directory in
                let (contact, created) = try await directory.add(change)
                options.printContact(contact, verb: created ? "Added" : "Updated")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a contact with their title links (JSON).")
        @Argument(help: "The contact id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withDirectory { directory in
                guard let (contact, titles) = try await directory.show(id: id) else { throw ContactNotFound(id: id) }
                Output.line(WhatsAppJSON.contact(contact, titles: titles).jsonText)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV contact list, whole or not at all.",
            discussion: "Every bad row is reported as 'line N: field: problem' and nothing is written; fix the file and import again.")
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Calling code assumed for numbers written nationally, e.g. 44.") var defaultCountryCode: String?
        @OptionGroup var options: Options

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not UTF-8 text") }
            let report = try await options.withDirectory { directory in
                Output.error("Reading \(file)…")
                return try await directory.importCSV(text, source: file, defaultCountryCallingCode: defaultCountryCode)
            }
            if options.json { Output.line(WhatsAppJSON.importReport(report).jsonText) }
            guard let summary = report.summary, report.problems.isEmpty else {
                for problem in report.problems { Output.error("\(file): \(problem)") }
                Output.error("error: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") in \(file); nothing was imported")
                throw ExitCode.failure
            }
            guard !options.json else { return }
            Output.line("Imported \(report.rowCount) row\(report.rowCount == 1 ? "" : "s") from \(file): \(summary.created) created, \(summary.updated) updated, "
                        + "\(summary.unchanged) unchanged, \(summary.titleLinks) title links, \(summary.optedIn) opted in.")
            for phone in summary.keptOptedOut { Output.line("  \(phone.e164) opted out earlier; the list's opt-in was not applied.") }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link a contact to a title in a role.")
        @Argument(help: "The contact id.") var id: String
        @Argument(help: "The title: an ISBN, work:ID or the title's name.") var title: String
        @Option(help: "The contact's role on the title (author, editor, production_lead…).") var role: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withDirectory { directory in
                let link = try await directory.link(id: id, title: title, role: role)
                if options.json { return Output.line(WhatsAppJSON.link(link).jsonText) }
                Output.line("Linked \(id) to \(link.title ?? link.titleKey) as \(link.role.label).")
            }
        }
    }

    struct OptIn: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "opt-in", abstract: "Record that a contact agreed to WhatsApp messages.")
        @Argument(help: "The contact id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withDirectory { options.printContact(try await $0.optIn(id: id), verb: "Contact") }
        }
    }

    struct OptOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "opt-out", abstract: "Record that a contact withdrew consent; flows skip them from now on.")
        @Argument(help: "The contact id.") var id: String
        @Option(help: "Why (kept with the opt-out).") var reason = "by an administrator"
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withDirectory { options.printContact(try await $0.optOut(id: id, reason: reason), verb: "Contact") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a contact with their roles and title links (their messages stay).")
        @Argument(help: "The contact id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withDirectory { directory in
                guard try await directory.remove(id: id) else { throw ContactNotFound(id: id) }
                Output.line(options.json ? JSONValue.object(["deleted": .bool(true), "id": .string(id)]).jsonText : "Removed \(id).")
            }
        }
    }
}
