import ArgumentParser
import Foundation
import SwitchboardEngine

/// `switchboard recipes …`: the bundled automations, enabled by writing them into the flows folder.
struct RecipesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recipes", abstract: "List, show and enable the bundled recipes.",
                                                    subcommands: [List.self, Show.self, Enable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The recipes Switchboard ships.")
        func run() async throws {
            Output.line(Output.table([["NAME", "SEED", "WHAT IT DOES"]] + Recipes.all.map { [$0.name, $0.seed, $0.title] }, indent: ""))
            Output.line("")
            Output.line("switchboard recipes show NAME for details; switchboard recipes enable NAME [--set key=value] to turn one on.")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A recipe's description, settings and flow files.")
        @Argument(help: "The recipe.") var name: String

        func run() async throws {
            let recipe = try RecipesCommand.recipe(name)
            Output.line("\(recipe.name) — \(recipe.title) (\(recipe.seed))")
            Output.line(recipe.summary)
            if !recipe.settings.isEmpty {
                Output.line("\nSettings (--set NAME=VALUE):")
                for setting in recipe.settings { Output.line("  \(setting.name) (default \(setting.defaultValue)): \(setting.summary)") }
            }
            for (file, yaml) in try recipe.render() { Output.line("\n# \(file).yaml\n\(yaml)") }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a recipe's flows into the flows folder (then restart serve).")
        @Argument(help: "The recipe.") var name: String
        @Option(name: .customLong("set"), help: ArgumentHelp("A setting, NAME=VALUE (VALUE is YAML).", valueName: "name=value")) var settings: [String] = []
        @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of flow files (default: $SWITCHBOARD_HOME/flows).", valueName: "dir")) var folder: String?

        func run() async throws {
            let recipe = try RecipesCommand.recipe(name)
            var values: [String: String] = [:]
            for item in settings {
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else { throw ValidationError(RecipeError.badSetting(item).description) }
                values[String(item[..<equals])] = String(item[item.index(after: equals)...])
            }
            let target = folder ?? (SwitchboardPaths.fromEnvironment().home as NSString).appendingPathComponent("flows")
            do {
                let written = try Recipes.enable(recipe, values: values, into: target)
                for path in written { Output.line("wrote \(path)") }
                Output.line("Enabled \(recipe.name). Check with: switchboard flows lint \(target); restart switchboard serve to load it.")
            } catch let error as RecipeError {
                throw ValidationError(error.description)
            }
        }
    }

    static func recipe(_ name: String) throws -> Recipe {
        do { return try Recipes.named(name) } catch let error as RecipeError { throw ValidationError(error.description) }
    }
}
