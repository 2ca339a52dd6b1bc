import Foundation
import SwitchboardCore

/// A bundled automation from the product's specification (one of the seed data flows), shipped as flow files with
/// a few settings. Enabling a recipe writes its flows into the flows folder with the settings filled in, so what
/// runs is plain YAML the team can read, lint, test and change.
public struct Recipe: Sendable {
    /// One setting of a recipe: `${name}` in its files.
    public struct Setting: Sendable {
        public var name: String
        /// YAML text put in place of `${name}` when no value is given.
        public var defaultValue: String
        public var summary: String
    }

    /// The recipe's id (`title-context`), used by `switchboard recipes enable`.
    public var name: String
    /// Which seed data flow it implements, e.g. "Consonance → Zendesk 1".
    public var seed: String
    public var title: String
    public var summary: String
    public var settings: [Setting]
    /// File name (without `.yaml`) → flow YAML with `${setting}` placeholders.
    public var flows: [(name: String, yaml: String)]

    /// The flow files with `values` (else the defaults) substituted. Values are YAML text: `123`, `"text"`, `{isbn: 360001}`.
    public func render(_ values: [String: String] = [:]) throws -> [(name: String, yaml: String)] {
        let known = Set(settings.map(\.name))
        if let unknown = values.keys.first(where: { !known.contains($0) }) {
            throw RecipeError.unknownSetting(recipe: name, setting: unknown, known: settings.map(\.name))
        }
        return flows.map { flow in
            var text = flow.yaml
            for setting in settings { text = text.replacingOccurrences(of: "${\(setting.name)}", with: values[setting.name] ?? setting.defaultValue) }
            return (flow.name, text)
        }
    }
}

/// Why a recipe could not be enabled.
public enum RecipeError: Error, Sendable, CustomStringConvertible {
    case unknownRecipe(String, known: [String])
    case unknownSetting(recipe: String, setting: String, known: [String])
    case badSetting(String)
    case invalidFlow(file: String, diagnostics: [String])

    public var description: String {
        switch self {
        case .unknownRecipe(let name, let known): return "no recipe named \"\(name)\"; available: \(known.joined(separator: ", "))"
        case .unknownSetting(let recipe, let setting, let known):
            return "recipe \(recipe) has no setting \"\(setting)\"; its settings: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .badSetting(let text): return "settings are given as NAME=VALUE (YAML value), e.g. --set group_id=360001: got \"\(text)\""
        case .invalidFlow(let file, let diagnostics): return "the settings make \(file) invalid:\n" + diagnostics.joined(separator: "\n")
        }
    }
}
