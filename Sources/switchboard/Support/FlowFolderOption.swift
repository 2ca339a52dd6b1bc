import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardEngine

/// `--flows DIR` for commands that run flows: where flow files live (default `$SWITCHBOARD_HOME/flows`) and how
/// a folder becomes a ``FlowRegistry``. A lint error stops the command with every diagnostic printed; a missing
/// default folder just means "no flows".
struct FlowFolderOption: ParsableArguments {
    @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of flow files (default: $SWITCHBOARD_HOME/flows).", valueName: "dir"))
    var path: String?

    func registry(home: String) throws -> FlowRegistry {
        let folder = path ?? (home as NSString).appendingPathComponent("flows")
        if path == nil, !FileManager.default.fileExists(atPath: folder) {
            Output.error("no flows folder at \(folder); no flows will run (use --flows DIR)")
            return .empty
        }
        do {
            return try FlowRegistry.load(path: folder)
        } catch let errors as FlowErrors {
            Output.error(errors.description)
            let count = errors.diagnostics.count
            throw ValidationError("\(count) problem\(count == 1 ? "" : "s") in \(folder); fix them (switchboard flows lint \(folder)) and start again")
        }
    }
}
