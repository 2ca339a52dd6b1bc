import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard profiles …`: unified people profiles — inspect a profile, the provenance of its fields, its
/// identities and why they were joined, its history; set what each source may write; rebuild from existing data.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "Inspect unified people profiles and set per-source field permissions.",
        discussion: """
            A profile joins a person's identities in Zendesk, WhatsApp, Consonance and the contacts directory when they share
            an email, an E.164 phone number or an external id. Among the sources allowed to write a field, the most recent
            activity wins; every field keeps its provenance and every change is logged. Fields: \(ProfileField.allCases.map(\.rawValue).joined(separator: ", ")).
            """,
        subcommands: [List.self, Show.self, History.self, Explain.self, Permissions.self, Rebuild.self])

    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON on standard output.") var json = false

        func withProfiles<T>(_ body: (PeopleProfiles) async throws -> T) async throws -> T {
            try await store.withStore { try await body(PeopleProfiles(store: $0)) }
        }
    }

    /// A profile id that finds nothing.
    struct ProfileNotFound: Error, CustomStringConvertible {
        let id: String
        var description: String { "no profile \(id); list them with: switchboard profiles list" }
    }

    static func time(_ seconds: Int64) -> String { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds))) }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List profiles, or find them by email or phone.")
        @Option(help: "Only profiles with this email address.") var email: String?
        @Option(help: "Only profiles with this phone number.") var phone: String?
        @Option(help: "At most this many.") var limit = 200
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withProfiles { profiles in
                let found = try await profiles.search(email: email, phone: phone, limit: limit)
                if options.json { return Output.line(JSONValue.object(["profiles": .array(found.map(ProfileJSON.summary))]).jsonText) }
                guard !found.isEmpty else { return Output.line("No profiles. Build them from Switchboard's data with: switchboard profiles rebuild") }
                Output.line(Output.table([["ID", "NAME", "EMAIL", "PHONE", "IDENTITIES"]] + found.map {
                    [$0.id, $0.name ?? "-", $0.email ?? "-", $0.phone ?? "-", String($0.identities)]
                }, indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a profile: each field with its provenance, and its identities.")
        @Argument(help: "The profile id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withProfiles { profiles in
                guard let profile = try await profiles.profile(id: id) else { throw ProfileNotFound(id: id) }
                if options.json { return Output.line(ProfileJSON.profile(profile).jsonText) }
                Output.line("Profile \(profile.id)" + (profile.id == id ? "" : " (\(id) was merged into it)"))
                Output.line(Output.table([["FIELD", "VALUE", "SOURCE", "ACTIVITY", "OCCURRED", "WRITTEN"]] + profile.fields.sorted { $0.key < $1.key }.map { field, value in
                    [field.rawValue, value.value, value.provenance.source.rawValue, value.provenance.activityID, time(value.provenance.occurredAt), time(value.provenance.writtenAt)]
                }, indent: "  "))
                Output.line("Identities:")
                Output.line(Output.table([["SOURCE", "ID", "EMAIL", "PHONE", "EXTERNAL ID", "LAST SEEN"]] + profile.identities.map {
                    [$0.identity.source.rawValue, $0.identity.sourceID, $0.identity.email ?? "-", $0.identity.phone ?? "-", $0.identity.externalID ?? "-", time($0.lastSeen)]
                }, indent: "  "))
                if !profile.merges.isEmpty { Output.line("\(profile.merges.count) joins; see: switchboard profiles explain \(profile.id)") }
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A profile's history log, oldest first.")
        @Argument(help: "The profile id.") var id: String
        @Option(help: "At most this many entries.") var limit = 1000
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withProfiles { profiles in
                guard let history = try await profiles.history(id: id, limit: limit) else { throw ProfileNotFound(id: id) }
                if options.json { return Output.line(JSONValue.object(["profile_id": .string(id), "history": .array(history.map(ProfileJSON.history))]).jsonText) }
                guard !history.isEmpty else { return Output.line("No changes recorded.") }
                for entry in history {
                    let change = entry.change
                    Output.line("\(time(entry.at))  \(change.field.rawValue): \(change.oldValue.map { "\"\($0)\"" } ?? "(none)") → \"\(change.newValue)\"  by \(change.source.rawValue)/\(change.activityID) at \(time(change.occurredAt))\(change.cause == .merge ? " (merge)" : "")")
                }
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Why a profile's identities were joined: rule, shared value, the two identities.")
        @Argument(help: "The profile id.") var id: String
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withProfiles { profiles in
                guard let profile = try await profiles.profile(id: id) else { throw ProfileNotFound(id: id) }
                if options.json { return Output.line(JSONValue.object(["profile_id": .string(profile.id), "merges": .array(profile.merges.map(ProfileJSON.merge))]).jsonText) }
                let first = profile.identities.first.map { "\($0.identity.key)" } ?? "-"
                Output.line("Profile \(profile.id): \(profile.identities.count) identities, started by \(first)")
                if profile.merges.isEmpty { return Output.line("No joins: the profile has one identity.") }
                for merge in profile.merges { Output.line("  " + merge.sentence) }
            }
        }
    }

    struct Permissions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set which fields a source may write.",
            discussion: "Without SOURCE: every source. With SOURCE and no flag: that source. --all (the default), --none (don't modify any field), --allow f1,f2 (only these) or --deny f1 (all but these) set it.")
        @Argument(help: "A source: \(ProfileSource.known.map(\.rawValue).joined(separator: ", ")) or another name.") var source: String?
        @Flag(help: "The source may modify every system field (the default).") var all = false
        @Flag(help: "The source may not modify any field.") var none = false
        @Option(help: "Only these fields, comma-separated.") var allow: String?
        @Option(help: "Every field but these, comma-separated.") var deny: String?
        @OptionGroup var options: Options

        func validate() throws {
            let chosen = [all, none, allow != nil, deny != nil].filter { $0 }.count
            if chosen > 1 { throw ValidationError("choose one of --all, --none, --allow and --deny") }
            if chosen == 1, source == nil { throw ValidationError("name the source whose permissions to set") }
        }

        func run() async throws {
            var change: FieldPermissions?
            var parsedSource: ProfileSource?
            do {
                parsedSource = try source.map { text throws(ProfileInputError) in try ProfileSource(parsing: text) }
                if all { change = .allFields }
                if none { change = FieldPermissions.none }
                if let allow { change = .only(try ProfileField.parseList(allow)) }
                if let deny { change = .except(try ProfileField.parseList(deny)) }
            } catch {
                throw ValidationError(error.description)
            }
            try await options.withProfiles { profiles in
                var rows: [(ProfileSource, FieldPermissions)]
                if let parsedSource {
                    if let change { try await profiles.setPermissions(change, source: parsedSource) }
                    rows = [(parsedSource, try await profiles.permissions(source: parsedSource))]
                } else {
                    rows = try await profiles.allPermissions()
                }
                if options.json { return Output.line(JSONValue.array(rows.map { ProfileJSON.permissions($0.0, $0.1) }).jsonText) }
                for (source, permissions) in rows { Output.line("\(source.rawValue): \(permissions)") }
            }
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Feed profiles from Switchboard's data: Zendesk users (mirror), Consonance contributors, the contacts directory.",
            discussion: "Safe to run again: records that did not change are activities already ingested and change nothing.")
        @OptionGroup var options: Options

        func run() async throws {
            try await options.withProfiles { profiles in
                let reports = try await ProfileFeeders(profiles: profiles).rebuild()
                let counts = try await profiles.store.session { try await $0.profileCounts() }
                if options.json {
                    return Output.line(JSONValue.object([
                        "sources": .array(reports.map { .object(["source": .string($0.source.rawValue), "records": .number(Double($0.records)), "ingested": .number(Double($0.ingested)),
                                                                  "duplicates": .number(Double($0.duplicates)), "merges": .number(Double($0.merges)), "changes": .number(Double($0.changes))]) }),
                        "profiles": .number(Double(counts.profiles)), "identities": .number(Double(counts.identities)),
                    ]).jsonText)
                }
                for report in reports {
                    Output.line("\(report.source.rawValue): \(report.records) records, \(report.ingested) new activities, \(report.duplicates) unchanged, \(report.merges) joins, \(report.changes) field changes")
                }
                Output.line("\(counts.profiles) profiles from \(counts.identities) identities.")
            }
        }
    }
}
