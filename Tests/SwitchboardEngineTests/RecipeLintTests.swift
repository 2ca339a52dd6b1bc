import Foundation
import SwitchboardCore
import SwitchboardEngine
import Testing

/// Every bundled recipe must load and lint cleanly with its defaults, and enabling writes exactly its files.
@Suite struct RecipeLintTests {
    @Test(arguments: Recipes.all.map(\.name))
    func recipeLoadsAndLintsWithItsDefaults(_ name: String) throws {
        let recipe = try Recipes.named(name)
        for (file, yaml) in try recipe.render() {
            let (flow, diagnostics) = FlowLoader.load(text: yaml, file: file + ".yaml")
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(file): \(diagnostics.map(\.description))")
            #expect(flow?.name == file)
            #expect(!yaml.contains("${"), "\(file) still has a placeholder")
        }
    }

    @Test func enablingWritesTheFlowsWithSettingsAndRejectsUnknownOrInvalidSettings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try Recipes.enable(try Recipes.named("workflow-exceptions"), values: ["group_id": "360042"], into: folder)
        #expect(written.map { ($0 as NSString).lastPathComponent }.sorted() == ["workflow-exceptions-cleared.yaml", "workflow-exceptions.yaml"])
        let text = try String(contentsOfFile: written.first { $0.hasSuffix("workflow-exceptions.yaml") }!, encoding: .utf8)
        #expect(text.contains("group_id: 360042"))
        #expect(throws: RecipeError.self) { try Recipes.enable(try Recipes.named("workflow-exceptions"), values: ["grup_id": "1"], into: folder) }
        #expect(throws: RecipeError.self) { try Recipes.enable(try Recipes.named("workflow-exceptions"), values: ["priority": "sky-high"], into: folder) }
        #expect(throws: RecipeError.self) { try Recipes.named("no-such-recipe") }
    }
}
