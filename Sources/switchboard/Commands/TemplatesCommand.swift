import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard templates …`: the registry of WhatsApp message templates flows may send (only approved ones are sent).
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "List and register WhatsApp message templates.",
        discussion: "Templates are created and approved in Meta's WhatsApp Manager; register them here with the status Meta gave them so flows can check before sending.",
        subcommands: [List.self, SetStatus.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered templates.")
        @Option(help: "Only templates with this status (approved, pending, paused, disabled, rejected).") var status: String?
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON on standard output.") var json = false

        func run() async throws {
            var filter: TemplateStatus?
            if let status {
                guard let parsed = TemplateStatus(parsing: status) else { throw ValidationError("--status must be one of \(TemplateStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
                filter = parsed
            }
            try await store.withStore { store in
                let templates = try await store.session { [filter] in try await $0.templates(status: filter) }
                if json { return Output.line(JSONValue.object(["templates": .array(templates.map(WhatsAppJSON.template))]).jsonText) }
                guard !templates.isEmpty else { return Output.line("No templates. Register one with: switchboard templates set NAME --language en_US --status approved") }
                Output.line(Output.table([["NAME", "LANGUAGE", "STATUS", "CATEGORY", "PARAMS", "BUTTONS"]] + templates.map {
                    [$0.name, $0.language, $0.status.rawValue, $0.category, String($0.bodyParameters.count), $0.buttons.map(\.text).joined(separator: ",")]
                }, indent: ""))
            }
        }
    }

    struct SetStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Register a template or change its status (approve, pause…).")
        @Argument(help: "The template's name as registered with Meta.") var name: String
        @Option(help: "WhatsApp language code.") var language = "en_US"
        @Option(help: "approved, pending, paused, disabled or rejected.") var status: String?
        @Option(help: "utility, marketing or authentication.") var category: String?
        @Option(help: "The body text with {{1}}… placeholders.") var body: String?
        @Option(help: "How many body parameters the template takes.") var bodyParams: Int?
        @Option(help: "Quick-reply buttons, comma-separated (\"Approve,Decline\").") var buttons: String?
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON on standard output.") var json = false

        func run() async throws {
            if let bodyParams, !(0...100).contains(bodyParams) { throw ValidationError("--body-params must be 0–100") }
            let change = TemplateChange(status: status, category: category, body: body,
                                        bodyParameters: bodyParams.map { $0 == 0 ? [] : (1...$0).map(String.init) },
                                        buttons: buttons.map { TemplateChange.quickReplies($0.split(separator: ",").map(String.init)) })
            try await store.withStore { store in
                let template = try await change.apply(name: name, language: language, store: store)
                if json { return Output.line(WhatsAppJSON.template(template).jsonText) }
                Output.line("Template \(template.name) (\(template.language)) is \(template.status.rawValue): \(template.bodyParameters.count) body parameters"
                            + (template.buttons.isEmpty ? "." : ", buttons " + template.buttons.map(\.text).joined(separator: ", ") + "."))
            }
        }
    }
}
