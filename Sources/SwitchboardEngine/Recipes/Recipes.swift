import Foundation
import SwitchboardCore

/// The recipes Switchboard ships: the eight Consonance ↔ Zendesk data flows of the specification, then the eight
/// Consonance ↔ WhatsApp ones (notices Switchboard sends, then conversations it receives).
public enum Recipes {
    public static let all: [Recipe] = [titleContext, workflowExceptions, recurringQuestions, rightsInquiries, titleDelays, supportReporting, authorInquiries, launches]
        + whatsappNotices + whatsappConversations + [conversationSync, profileZendeskSync]

    public static func named(_ name: String) throws -> Recipe {
        guard let recipe = all.first(where: { $0.name == name }) else { throw RecipeError.unknownRecipe(name, known: all.map(\.name)) }
        return recipe
    }

    /// Render a recipe with `values`, check every flow parses and lints, and write it into `folder` (one file per
    /// flow, named `<recipe>.yaml` or `<recipe>-<part>.yaml`). Returns the paths written.
    @discardableResult
    public static func enable(_ recipe: Recipe, values: [String: String], into folder: String) throws -> [String] {
        let rendered = try recipe.render(values)
        var checked: [(String, String)] = []
        for (name, yaml) in rendered {
            let file = name + ".yaml"
            let (flow, diagnostics) = FlowLoader.load(text: yaml, file: file)
            let problems = diagnostics.filter { $0.severity == .error }
            guard flow != nil, problems.isEmpty else { throw RecipeError.invalidFlow(file: file, diagnostics: problems.map(\.description)) }
            checked.append(((folder as NSString).appendingPathComponent(file), yaml))
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (path, yaml) in checked { try yaml.write(toFile: path, atomically: true, encoding: .utf8) }
        return checked.map(\.0)
    }

    /// Settings every recipe that talks to Zendesk from a Consonance event needs.
    static let zendeskConnection = Recipe.Setting(name: "zendesk_connection", defaultValue: "default", summary: "The Zendesk connection tickets go to.")
    static let groupID = Recipe.Setting(name: "group_id", defaultValue: "null", summary: "Zendesk group for the tickets Switchboard opens (null: Zendesk's default).")
}
